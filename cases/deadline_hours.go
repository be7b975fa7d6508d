package cases

import "time"

// EmergencyHours is the emergency procedure's time limit, counted in hours
// from the moment of acceptance, not in days.
const EmergencyHours = 72

// emergencyDeadline is the emergency procedure's due date and time: 72
// hours from the moment the case was accepted (its move to Under review),
// plus the time spent awaiting information. A pause still running is
// counted to the end of today, the earliest it can end.
func emergencyDeadline(rule DeadlineRule, history []StatusChange, today Date) DeadlineExplanation {
	ex := DeadlineExplanation{Kind: "decision", Rule: rule}
	var accepted, pausedAt time.Time
	var pausedFor time.Duration
	for _, ch := range history {
		if ch.To == UnderReview && accepted.IsZero() {
			accepted = ch.At
		}
		if ch.To == AwaitingInfo && !accepted.IsZero() {
			pausedAt = ch.At
		}
		if ch.From == AwaitingInfo && !pausedAt.IsZero() {
			pausedFor += ch.At.Sub(pausedAt)
			pausedAt = time.Time{}
		}
	}
	if accepted.IsZero() {
		return DeadlineExplanation{}
	}
	if !pausedAt.IsZero() {
		endOfToday := today.AddDays(1).Time()
		if endOfToday.After(pausedAt) {
			pausedFor += endOfToday.Sub(pausedAt)
		}
		ex.Paused = true
	}
	ex.From, ex.FromAt = DateOf(accepted.Local()), accepted
	ex.PausedDays = int(pausedFor.Hours() / 24)
	ex.DueAt = accepted.Add(EmergencyHours*time.Hour + pausedFor)
	ex.Due = DateOf(ex.DueAt.Local())
	return ex
}
