package cases

import (
	"context"
	"errors"
	"fmt"
)

// Separation of duties: an opinion is issued by two different people. The
// rapporteur signs as author; the chair countersigns. When the chair is
// the rapporteur, the deputy chair named in the settings countersigns in
// the chair's place, so that no one ever issues an opinion alone.

// SameSignerError refuses a countersignature by the person who signed the
// opinion as its rapporteur.
type SameSignerError struct {
	Chair  bool   // the rapporteur is the chair: the deputy chair countersigns
	Deputy string // the deputy chair's name, "" when none is named
}

func (e *SameSignerError) Error() string {
	who := "the chair"
	if e.Chair {
		who = "the deputy chair, whom the administrator names in the committee settings (none is named now)"
		if e.Deputy != "" {
			who = fmt.Sprintf("the deputy chair, %s", e.Deputy)
		}
	}
	return fmt.Sprintf("You signed this opinion as its rapporteur, so you cannot also countersign it: an opinion is issued by two different people. It must be countersigned by %s.", who)
}

// rapporteurSigner is the account that signed op as its author (zero when
// op has no such signature yet).
func rapporteurSigner(op Opinion) OpinionSignature {
	for _, sg := range op.Signatures {
		if sg.Role == SignRapporteur {
			return sg
		}
	}
	return OpinionSignature{}
}

// mayBeDeputy reports whether u can serve as deputy chair: an active
// committee member or chair (never the secretariat or the administrator).
func mayBeDeputy(u User) bool {
	return u.Active && (u.Role == RoleMember || u.Role == RoleChair)
}

// countersignRefusal is nil when actor may countersign op, else the
// sentence saying why not.
func (s *Service) countersignRefusal(ctx context.Context, actor User, op Opinion) error {
	if !actor.Active {
		return &ForbiddenError{Action: "countersign an opinion: only the chair can"}
	}
	deputy, err := s.deputyChair(ctx)
	if err != nil {
		return err
	}
	author := rapporteurSigner(op)
	if author.UserID == actor.ID {
		return &SameSignerError{Chair: actor.Role == RoleChair, Deputy: deputy.Name()}
	}
	if actor.Role == RoleChair {
		return nil
	}
	if deputy.ID == actor.ID && mayBeDeputy(actor) {
		signer, err := s.repo.UserByID(ctx, author.UserID)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		if signer.Role == RoleChair {
			return nil
		}
		return &ForbiddenError{Action: "countersign this opinion: the deputy chair countersigns only when the chair is the rapporteur"}
	}
	return &ForbiddenError{Action: "countersign an opinion: only the chair can, or the deputy chair when the chair is the rapporteur"}
}

// MayCountersign is nil when actor may countersign the case's opinion
// now, else the sentence the signing dialog shows.
func (s *Service) MayCountersign(ctx context.Context, actor User, caseID int64) error {
	op, err := s.Opinion(ctx, actor, caseID)
	if err != nil {
		return err
	}
	if op.State != OpinionSignedRapporteur {
		return fmt.Errorf("The opinion is not waiting for a countersignature.")
	}
	return s.countersignRefusal(ctx, actor, op)
}

// deputyChair is the account named as deputy chair in the settings, zero
// when none is named or it can no longer serve.
func (s *Service) deputyChair(ctx context.Context) (User, error) {
	st, err := s.Settings(ctx)
	if err != nil && !errors.Is(err, ErrNoAccountsStore) {
		return User{}, err
	}
	if st.DeputyChairID == 0 {
		return User{}, nil
	}
	u, err := s.repo.UserByID(ctx, st.DeputyChairID)
	if errors.Is(err, ErrNotFound) || (err == nil && !mayBeDeputy(u)) {
		return User{}, nil
	}
	return u, err
}

// checkDeputy refuses a deputy chair who could not countersign.
func (s *Service) checkDeputy(ctx context.Context, id int64) FieldErrors {
	if id == 0 {
		return nil
	}
	u, err := s.repo.UserByID(ctx, id)
	if err != nil || !mayBeDeputy(u) {
		return FieldErrors{settingDeputy: "The deputy chair must be an active committee member or chair."}
	}
	return nil
}

// countersignatory is who the opinion of c names as countersigning before
// anyone has: the chair, or the deputy chair when the chair is c's
// rapporteur.
func (s *Service) countersignatory(ctx context.Context, c Case) (Signatory, error) {
	chair, err := s.chair(ctx)
	if err != nil {
		return Signatory{}, err
	}
	if chair.ID != 0 && chair.ID == c.RapporteurID {
		deputy, err := s.deputyChair(ctx)
		if err != nil || deputy.ID != 0 {
			return Signatory{Name: deputy.Name(), Role: "Deputy chair", Meaning: MeaningApproval}, err
		}
	}
	return Signatory{Name: chair.Name(), Role: "Chair", Meaning: MeaningApproval}, nil
}
