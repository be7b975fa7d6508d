package cases

// transitions is the workflow of PRODUCT.md, and nothing more: a move not
// listed here is refused whoever asks.
//
//	Received → Screening → Under review → Deliberation → Opinion drafting → Opinion issued → Closed
//	Screening → Inadmissible → Closed
//	Under review → Awaiting information (clock paused) → Screening
//	Opinion issued → Follow-up → Closed
//	any open state → Withdrawn
var transitions = map[Status][]Status{
	Received:        {Screening, Withdrawn},
	Screening:       {UnderReview, Inadmissible, Withdrawn},
	UnderReview:     {Deliberation, AwaitingInfo, Withdrawn},
	AwaitingInfo:    {Screening, Withdrawn},
	Deliberation:    {OpinionDrafting, Withdrawn},
	OpinionDrafting: {OpinionIssued, Withdrawn},
	OpinionIssued:   {Closed, FollowUp},
	FollowUp:        {Closed},
	Inadmissible:    {Closed},
	Withdrawn:       {},
	Closed:          {},
}

// NextStatuses lists the moves the workflow allows from s, in display order.
func NextStatuses(s Status) []Status {
	return append([]Status(nil), transitions[s]...)
}

// CanMove reports whether the workflow allows from → to.
func CanMove(from, to Status) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// ReasonRequired says whether moving into s needs a written reason.
func ReasonRequired(to Status) bool {
	return to == Inadmissible || to == Withdrawn
}

// IsOpen is true until the committee has decided or the case has ended; an
// open case can still be withdrawn and its decision deadline may run.
func (s Status) IsOpen() bool {
	switch s {
	case Received, Screening, UnderReview, AwaitingInfo, Deliberation, OpinionDrafting:
		return true
	}
	return false
}

// Valid reports whether s is a status the workflow knows.
func (s Status) Valid() bool {
	_, ok := transitions[s]
	return ok
}
