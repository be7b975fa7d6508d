package cases

// The permission and visibility rules that are more than one action per
// role (those are the matrix in permissions.go). Every caller — the
// Service, the store's queries, the window deciding what to offer — asks
// these functions rather than working a rule out again.

// CaseVisibility says which confidential cases a viewer's register and
// search list. It is a value, not SQL, so the rule stays here while the
// store turns it into a condition of its own query (keeping the register
// fast): with AllConfidential every case is listed; otherwise a
// confidential case is listed only to PanelMember when they are its
// rapporteur or on its appointed panel (not a reader who only declared)
// without a declared conflict. Open cases are
// listed to everyone who may view the register.
type CaseVisibility struct {
	AllConfidential bool
	PanelMember     int64
}

// VisibilityFor is the register's visibility rule for u: the secretariat
// keeps the register and sees every case; everyone else sees confidential
// cases only as their rapporteur or panel member.
func VisibilityFor(u User) CaseVisibility {
	if seesAllConfidential(u) {
		return CaseVisibility{AllConfidential: true}
	}
	return CaseVisibility{PanelMember: u.ID}
}

// Visibility is VisibilityFor the query's viewer (set by the Service).
func (q Query) Visibility() CaseVisibility { return VisibilityFor(q.Viewer) }

// seesAllConfidential: an active member of the secretariat reads every
// case, confidential or not, without a declaration of interests.
func seesAllConfidential(u User) bool { return u.Active && u.Role == RoleSecretariat }

// mayAuthorSign says whether actor may sign op as the author: the case's
// rapporteur, once the case is in opinion drafting (or the opinion corrects
// an issued one), while the opinion is still a draft. The same rule says
// who may write the draft (CanDraftOpinion).
func mayAuthorSign(actor User, c Case, op Opinion) bool {
	if !actor.Active || c.RapporteurID == 0 || c.RapporteurID != actor.ID {
		return false
	}
	if op.ID != 0 && op.State != OpinionDraft {
		return false
	}
	return c.Status == OpinionDrafting || op.CorrectsID != 0
}

// mayCountersign says whether actor may approve an opinion the rapporteur
// signed, which issues it: the chair.
func mayCountersign(actor User) bool { return actor.Active && actor.Role == RoleChair }

// SignatureDue is the meaning of the signature actor may add to op now —
// MeaningAuthor for the rapporteur of a saved draft, MeaningApproval for
// the chair once the rapporteur has signed — or "" when the Service would
// refuse their signature. The window names its signing button after it.
func SignatureDue(actor User, c Case, op Opinion) string {
	switch {
	case op.ID == 0:
		return ""
	case op.State == OpinionDraft && mayAuthorSign(actor, c, op):
		return MeaningAuthor
	case op.State == OpinionSignedRapporteur && mayCountersign(actor):
		return MeaningApproval
	}
	return ""
}
