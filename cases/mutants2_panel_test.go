package cases_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// Assigning a rapporteur answers with the case as it now is: the screen
// shows the new rapporteur from that answer.
func TestAssignRapporteurAnswersWithTheUpdatedCase(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskLow)
	chen := k.members[0]
	got, err := k.svc.AssignRapporteur(ctx, k.sec, c.ID, chen.ID)
	must(t, err)
	if got.ID != c.ID || got.Reference != c.Reference || got.RapporteurID != chen.ID {
		t.Fatalf("AssignRapporteur answered %+v, want case %s with rapporteur %d", got, c.Reference, chen.ID)
	}
}

// A conflict's reason may be exactly MaxConflictReason characters (counted
// as characters, not bytes); one more is refused at the field.
func TestConflictReasonAtItsLengthLimit(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		reason string
		ok     bool
	}{
		{"exactly the limit, in Chinese", strings.Repeat("利", cases.MaxConflictReason), true},
		{"one over the limit", strings.Repeat("a", cases.MaxConflictReason+1), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := k.newCase(false, cases.RiskLow)
			member := k.members[1]
			err := k.svc.DeclareInterest(ctx, member, c.ID, true, tc.reason)
			if tc.ok {
				must(t, err)
				_, err := k.svc.GetCase(ctx, member, c.ID)
				var ie *cases.InterestError
				if !errors.As(err, &ie) || !ie.Recused || ie.Reason != tc.reason {
					t.Fatalf("after a declaration with a %d-character reason: %v", len([]rune(tc.reason)), err)
				}
				return
			}
			var fe cases.FieldErrors
			if !errors.As(err, &fe) || !strings.Contains(fe["conflict_reason"], "at most 500") {
				t.Fatalf("a %d-character reason: %v, want a sentence at conflict_reason", len([]rune(tc.reason)), err)
			}
		})
	}
}

// A register where the rapporteur has no panel row (written by an older
// version or another program: the store's PanelConflicts allows for it)
// still treats them as on the panel: on a confidential case they are asked
// to declare rather than told the case does not exist, and once they
// declare no conflict they read it.
func TestRapporteurWithoutAPanelRowStillDeclaresAndReads(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(true, cases.RiskHigh)
	chen := k.members[0]
	_, err := k.svc.AssignRapporteur(ctx, k.sec, c.ID, chen.ID)
	must(t, err)
	must(t, k.db.RemovePanelMember(ctx, c.ID, chen.ID, cases.AuditEntry{Actor: k.admin, Action: "test.panel_row", Entity: "case", EntityID: c.ID}))

	_, err = k.svc.GetCase(ctx, chen, c.ID)
	var ie *cases.InterestError
	if !errors.As(err, &ie) || ie.Recused || ie.OffPanel {
		t.Fatalf("the rapporteur without a panel row opening the confidential case: %v, want to be asked for a declaration as a panel member", err)
	}
	must(t, k.svc.DeclareInterest(ctx, chen, c.ID, false, ""))
	got, err := k.svc.GetCase(ctx, chen, c.ID)
	if err != nil || got.Summary == "" {
		t.Fatalf("the rapporteur after declaring no conflict: %+v, %v", got, err)
	}
}
