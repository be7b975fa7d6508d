package cases

import "context"

// WithheldInOpinion is the rule for naming who asked in an opinion: only a
// natural person's identity is withheld, and only when the case is marked
// confidential as to their identity. Organisations are always named.
func (s Submitter) WithheldInOpinion() bool {
	return s.Kind == SubmitterPerson && s.Confidential
}

// opinionSubmitter is the submitter as the opinion prints them, whoever
// renders it: the signer's own view of the case may hide personal data,
// but the opinion follows WithheldInOpinion. The contact is never printed.
func (s *Service) opinionSubmitter(ctx context.Context, caseID int64) (Submitter, error) {
	full, err := s.repo.GetCase(ctx, caseID)
	if err != nil {
		return Submitter{}, err
	}
	sub := full.Submitter
	sub.Contact = ""
	if sub.WithheldInOpinion() || sub.Kind == SubmitterAnonymous {
		sub.Name = ""
	}
	return sub, nil
}
