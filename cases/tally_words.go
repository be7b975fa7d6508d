package cases

import "fmt"

// RuleInWords states how Decide reached a tally's outcome, as the meeting
// screen and the minutes print it, e.g. "Carries with at least 2/3 of the
// 5 non-recused members present (4 needed): 4 in favour, 1 against,
// 0 abstaining — Approved."
func RuleInWords(t Tally, quorum int, majority Fraction) string {
	if !t.Quorum {
		return fmt.Sprintf("No quorum: %d members present, at least %d needed — no decision.", t.Present, quorum)
	}
	counts := fmt.Sprintf("%d in favour, %d against, %d abstaining", t.InFavour(), t.Reject, t.Abstain)
	if t.NotVoted > 0 {
		counts = fmt.Sprintf("%d in favour, %d against, %d abstaining, %d not yet voted", t.InFavour(), t.Reject, t.Abstain, t.NotVoted)
	}
	return fmt.Sprintf("Carries with at least %s of the %d non-recused members present (%d needed): %s — %s.",
		majority, t.Eligible, t.Needed, counts, OutcomeLabel(t.Outcome))
}
