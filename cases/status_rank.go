package cases

// statusRanks fixes where each status sorts in the register. The rank is
// stored with every case (status_rank) so the database can filter and sort
// by status without knowing the workflow; it is a fixed number per status,
// not a position in AllStatuses, so a status added later takes a free
// number between its neighbours instead of shifting the ranks of existing
// rows. Changing a number here needs a migration that rewrites status_rank
// (store/migrations/0010_status_rank.sql wrote these).
var statusRanks = map[Status]int{
	Received:        10,
	Screening:       20,
	UnderReview:     30,
	AwaitingInfo:    40,
	Deliberation:    50,
	OpinionDrafting: 60,
	OpinionIssued:   70,
	FollowUp:        80,
	Inadmissible:    90,
	Withdrawn:       100,
	Closed:          110,
}

// UnknownStatusRank sorts a status this build does not know after all others.
const UnknownStatusRank = 1000

// StatusRank is the fixed sort rank of a status, as stored with each case.
func StatusRank(s Status) int {
	if r, ok := statusRanks[s]; ok {
		return r
	}
	return UnknownStatusRank
}
