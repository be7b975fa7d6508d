package cases_test

import (
	"strings"
	"testing"

	"ethicsdesk/cases"
)

func TestDecideQuorumAndMajorityBoundaries(t *testing.T) {
	two3 := cases.Fraction{Num: 2, Den: 3}
	tests := []struct {
		name                           string
		present, recused               int
		approve, mods, reject, abstain int
		want                           cases.Outcome
	}{
		{"4 present: no quorum even if unanimous", 4, 0, 4, 0, 0, 0, cases.OutcomeNoQuorum},
		{"5 present: quorum, 4 of 5 carries", 5, 0, 4, 0, 1, 0, cases.OutcomeApproved},
		{"5 present: 3 of 5 is below two thirds", 5, 0, 3, 0, 2, 0, cases.OutcomeNotCarried},
		{"6 present: exactly two thirds (4 of 6) carries", 6, 0, 4, 0, 2, 0, cases.OutcomeApproved},
		{"6 present: 3 of 6 fails", 6, 0, 3, 0, 3, 0, cases.OutcomeNotCarried},
		{"abstentions count as present, not in favour", 6, 0, 3, 0, 0, 3, cases.OutcomeNotCarried},
		{"approve with modifications counts in favour", 6, 0, 2, 2, 1, 1, cases.OutcomeApprovedModified},
		{"recusals leave the base: 6 present, 2 recused, 3 of 4 carries", 6, 2, 3, 0, 1, 0, cases.OutcomeApproved},
		{"recusals still count toward the quorum", 5, 2, 2, 0, 1, 0, cases.OutcomeApproved},
		{"votes still missing can tip it", 6, 0, 3, 0, 1, 0, cases.OutcomePending},
		{"carried with modifications, but the missing votes could still make it a plain approval", 6, 0, 3, 1, 0, 0, cases.OutcomePending},
		{"carried with modifications, whatever the missing vote", 6, 0, 2, 2, 1, 0, cases.OutcomeApprovedModified},
		{"missing votes cannot save it", 6, 0, 1, 0, 3, 0, cases.OutcomeNotCarried},
		{"everyone recused: nothing carries", 5, 5, 0, 0, 0, 0, cases.OutcomeNotCarried},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := cases.Decide(cases.Tally{Present: tc.present, Recused: tc.recused, Approve: tc.approve,
				ApproveModified: tc.mods, Reject: tc.reject, Abstain: tc.abstain}, 5, two3)
			if got.Outcome != tc.want {
				t.Fatalf("outcome %s, want %s (%+v)", got.Outcome, tc.want, got)
			}
		})
	}
	if got := cases.Decide(cases.Tally{Present: 6}, 5, two3); got.Needed != 4 {
		t.Fatalf("6 eligible need %d votes, want 4", got.Needed)
	}
	if got := cases.Decide(cases.Tally{Present: 5}, 5, two3); got.Needed != 4 {
		t.Fatalf("5 eligible need %d votes, want 4", got.Needed)
	}
	// With everyone recused the minutes say no vote is needed, not one.
	all := cases.Decide(cases.Tally{Present: 5, Recused: 5}, 5, two3)
	if s := cases.RuleInWords(all, 5, two3); all.Needed != 0 || !strings.Contains(s, "of the 0 non-recused members present (0 needed)") {
		t.Fatalf("everyone recused: %d needed, the minutes say %q", all.Needed, s)
	}
}
