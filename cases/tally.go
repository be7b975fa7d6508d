package cases

// Vote is a member's vote on a case at a meeting, or (without Abstain) a
// view in the simplified procedure.
type Vote string

const (
	VoteApprove         Vote = "approve"
	VoteApproveModified Vote = "approve_modified"
	VoteReject          Vote = "reject"
	VoteAbstain         Vote = "abstain"
)

var AllVotes = []Vote{VoteApprove, VoteApproveModified, VoteReject, VoteAbstain}

// Valid reports whether v is one of the four votes.
func (v Vote) Valid() bool {
	for _, x := range AllVotes {
		if x == v {
			return true
		}
	}
	return false
}

var voteLabels = map[Vote]string{VoteApprove: "Approve", VoteApproveModified: "Approve with modifications",
	VoteReject: "Reject", VoteAbstain: "Abstain"}

// VoteLabel is the vote as people say it.
func VoteLabel(v Vote) string {
	if l, ok := voteLabels[v]; ok {
		return l
	}
	return string(v)
}

// Outcome is what the votes on a case decided.
type Outcome string

const (
	OutcomeNoQuorum         Outcome = "no_quorum"         // too few members present to decide
	OutcomePending          Outcome = "pending"           // the votes still to come can tip it either way
	OutcomeApproved         Outcome = "approved"          // carried; approve votes alone reach the majority
	OutcomeApprovedModified Outcome = "approved_modified" // carried only with the votes for modifications
	OutcomeNotCarried       Outcome = "not_carried"       // the majority in favour can no longer be reached
)

var outcomeLabels = map[Outcome]string{OutcomeNoQuorum: "No quorum: no decision", OutcomePending: "Voting not finished",
	OutcomeApproved: "Approved", OutcomeApprovedModified: "Approved with modifications", OutcomeNotCarried: "Not carried",
	OutcomeReferred: "Referred to a full meeting"}

// OutcomeLabel is the outcome as the minutes print it.
func OutcomeLabel(o Outcome) string {
	if l, ok := outcomeLabels[o]; ok {
		return l
	}
	return string(o)
}

// Tally counts the votes on one agenda case.
type Tally struct {
	Present         int // members present (consultants never count)
	Recused         int // of those present, recused for this case
	Eligible        int // present and not recused: the base of the majority
	Approve         int
	ApproveModified int
	Reject          int
	Abstain         int
	NotVoted        int
	Needed          int // votes in favour needed to carry
	Quorum          bool
	Outcome         Outcome
}

// InFavour is the number of votes in favour.
func (t Tally) InFavour() int { return t.Approve + t.ApproveModified }

// Decide applies the committee's rule to a tally:
//
//   - Without quorum (fewer than quorum members present, recused members
//     included, consultants not) there is no outcome.
//   - The base is Eligible: the members present who are not recused for
//     the case. Abstentions and members who have not voted stay in the
//     base: they are present but not in favour.
//   - The decision carries when InFavour ≥ majority × Eligible, compared
//     exactly in integers (InFavour·Den ≥ Num·Eligible), so with 2/3 and
//     6 eligible, 4 votes carry; with 5 eligible, 4 are needed (3 < 10/3).
//     With no eligible member it cannot carry.
//   - It is Approved when the approve votes alone reach the majority,
//     otherwise Approved with modifications.
//   - Until every eligible member has voted, an outcome the missing votes
//     could still change is Pending.
func Decide(t Tally, quorum int, majority Fraction) Tally {
	t.Eligible = t.Present - t.Recused
	t.NotVoted = t.Eligible - t.Approve - t.ApproveModified - t.Reject - t.Abstain
	if t.NotVoted < 0 {
		t.NotVoted = 0
	}
	t.Quorum = t.Present >= quorum
	t.Needed = (majority.Num*t.Eligible + majority.Den - 1) / majority.Den
	if t.Eligible > 0 && t.Needed == 0 {
		t.Needed = 1
	}
	carries := func(n int) bool { return t.Eligible > 0 && n*majority.Den >= majority.Num*t.Eligible }
	switch {
	case !t.Quorum:
		t.Outcome = OutcomeNoQuorum
	case carries(t.Approve):
		t.Outcome = OutcomeApproved
	case carries(t.InFavour()) && !carries(t.Approve+t.NotVoted):
		t.Outcome = OutcomeApprovedModified
	case !carries(t.InFavour() + t.NotVoted):
		t.Outcome = OutcomeNotCarried
	default:
		t.Outcome = OutcomePending
	}
	return t
}
