package demo

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/issuing"
	"ethicsdesk/store"
)

// DefaultOpinions is how many signed opinions the demo register gets: each
// costs two key unlocks (argon2id, a fraction of a second), so a handful.
const DefaultOpinions = 6

// pendingOpinion is a generated case held back at "Opinion drafting" so that
// its opinion can be drafted, signed and countersigned through the service,
// as a rapporteur and the chair would.
type pendingOpinion struct {
	caseID       int64
	pos          int // index in the import batch until the case has its id
	issuedAt     time.Time
	rapporteurID int64
	followUp     bool
}

// holdForSigning rewinds a generated case that reached "Opinion issued" to
// "Opinion drafting" and reports when it was issued.
func holdForSigning(ic *cases.ImportedCase, members []cases.User) (pendingOpinion, bool) {
	c := &ic.Case
	if c.Status != cases.OpinionIssued || c.Confidential || c.RapporteurID == 0 {
		return pendingOpinion{}, false
	}
	for _, m := range members {
		if m.ID == c.RapporteurID && m.Role == cases.RoleChair {
			return pendingOpinion{}, false // the chair does not countersign their own opinion
		}
	}
	last := ic.History[len(ic.History)-1]
	ic.History = ic.History[:len(ic.History)-1]
	c.Status = cases.OpinionDrafting
	return pendingOpinion{issuedAt: last.At, rapporteurID: c.RapporteurID}, true
}

// issueOpinions gives the signers keys under the demo password and issues
// each held case's opinion through the service, dated when it was issued.
func issueOpinions(ctx context.Context, db *store.DB, list []pendingOpinion, members []cases.User) error {
	if len(list) == 0 {
		return nil
	}
	admin, err := db.UserByName(ctx, "admin")
	if err != nil {
		return err
	}
	// The opinions are dated when they were issued, back in the seeded
	// history, and that date goes into each signature (/M). The keys are
	// made the day before the earliest, so every certificate was already
	// valid when it signed: the printed issue date and the signing time
	// agree and the signatures verify at that time.
	earliest := list[0].issuedAt
	for _, p := range list {
		if p.issuedAt.Before(earliest) {
			earliest = p.issuedAt
		}
	}
	keysMade := earliest.Add(-24 * time.Hour)
	// A register seeded before already has its root: a key issued under it
	// cannot predate it, so the new opinions are dated after it instead.
	if rootFrom, ok := certificateStart(db.SigningRoot(ctx)); ok && keysMade.Before(rootFrom) {
		keysMade = rootFrom.Add(time.Minute)
		for i := range list {
			if list[i].issuedAt.Before(keysMade.Add(time.Hour)) {
				list[i].issuedAt = keysMade.Add(time.Hour)
			}
		}
	}
	keys := issuing.Keyring{Keys: db, Now: func() time.Time { return keysMade }}
	if _, _, err := db.SigningRoot(ctx); errors.Is(err, cases.ErrNotFound) {
		if err := keys.CreateRoot(ctx, admin, DemoPassword); err != nil {
			return fmt.Errorf("demo root certificate: %w", err)
		}
	}
	var chair cases.User
	byID := map[int64]cases.User{}
	for _, m := range members {
		byID[m.ID] = m
		if m.Role == cases.RoleChair && chair.ID == 0 {
			chair = m
		}
	}
	need := map[int64]bool{chair.ID: true}
	for _, p := range list {
		need[p.rapporteurID] = true
	}
	for id := range need {
		// A member's key from an earlier seeding may be younger than the
		// opinions signed now: such a key is issued again, dated before them.
		cert, _, _, err := db.UserKey(ctx, id)
		if from, ok := certificateStart(cert, nil, err); errors.Is(err, cases.ErrNotFound) || (ok && from.After(keysMade)) {
			if err := keys.IssueMemberKey(ctx, admin, DemoPassword, byID[id], DemoPassword); err != nil {
				return fmt.Errorf("demo signing key for %s: %w", byID[id].Username, err)
			}
		}
	}
	for i, p := range list {
		at := p.issuedAt
		svc := cases.NewService(db, func() time.Time { return at })
		svc.SetPorts(cases.Ports{Documents: issuing.Renderer{Letterhead: db}, Keys: keys})
		rapp := byID[p.rapporteurID]
		if err := svc.DeclareInterest(ctx, rapp, p.caseID, false, ""); err != nil {
			return err
		}
		c, err := svc.GetCase(ctx, rapp, p.caseID)
		if err != nil {
			return err
		}
		if _, err := svc.SaveOpinionDraft(ctx, rapp, p.caseID, 0, demoOpinionText(c, i)); err != nil {
			return fmt.Errorf("demo opinion for %s: %w", c.Reference, err)
		}
		if _, err := svc.SignOpinion(ctx, rapp, p.caseID, DemoPassword); err != nil {
			return fmt.Errorf("demo opinion for %s, rapporteur's signature: %w", c.Reference, err)
		}
		if err := svc.DeclareInterest(ctx, chair, p.caseID, false, ""); err != nil {
			return fmt.Errorf("demo opinion for %s, chair's declaration: %w", c.Reference, err)
		}
		if _, err := svc.SignOpinion(ctx, chair, p.caseID, DemoPassword); err != nil {
			return fmt.Errorf("demo opinion for %s, chair's signature: %w", c.Reference, err)
		}
	}
	return nil
}

// demoOpinionText is a plausible bilingual opinion for a demo case.
func demoOpinionText(c cases.Case, i int) cases.OpinionText {
	decision := cases.DecisionUpheld
	switch {
	case c.TypeCode == "guidance_request" && i%2 == 0:
		decision = cases.DecisionApprovedWithModifications
	case c.TypeCode == "guidance_request":
		decision = cases.DecisionGuidanceGiven
	case i%3 == 1:
		decision = cases.DecisionPartlyUpheld
	}
	p := func(h cases.Heading, t string) cases.Paragraph { return cases.Paragraph{Heading: h, Text: t} }
	return cases.OpinionText{Decision: decision, Paragraphs: []cases.Paragraph{
		p(cases.HeadBackground, fmt.Sprintf("The committee received the submission concerning %s, operated by %s, on %s.",
			c.AISystem, c.Respondent, c.ReceivedOn.Human())),
		p(cases.HeadBackground, c.Summary),
		p(cases.HeadQuestions, "Whether the processing of personal information by the system had a lawful basis and was disclosed to the persons concerned."),
		p(cases.HeadQuestions, "Whether the risk tier assigned to the system matches its actual use."),
		p(cases.HeadFindings, "The operator did not carry out a prior impact assessment. 委员会认为该系统未充分保护个人信息。"),
		p(cases.HeadReasoning, "Art. 66 of the Regulations requires disclosure and follow-up for medium and low risk systems and a prior assessment with a risk warning for high risk ones; the evidence shows neither was done in full."),
		p(cases.HeadDecision, "The committee decides as set out in the box below."),
		p(cases.HeadRecommendations, "The operator should complete an impact assessment within 60 days and report to the committee. 运营单位应在六十日内完成影响评估并向委员会报告。"),
	}}
}

// certificateStart is when a stored certificate (DER) became valid; false
// when there is none or it cannot be read.
func certificateStart(der, _ []byte, err error) (time.Time, bool) {
	if err != nil || len(der) == 0 {
		return time.Time{}, false
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		return time.Time{}, false
	}
	return c.NotBefore, true
}
