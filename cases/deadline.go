package cases

import (
	"fmt"
	"strings"
	"time"
)

// EmergencyDays is the emergency procedure's 72 hours, counted in days
// because deadlines here are calendar days.
const EmergencyDays = 3

// FollowUpMonths is the longest time after an approving opinion before its
// follow-up review is due.
const FollowUpMonths = 12

// Pause is a period awaiting information: the clock stops on From and runs
// again on To. An ongoing pause has a zero To.
type Pause struct {
	From, To Date
}

// DeadlineRule is how a case type counts its decision deadline.
type DeadlineRule struct {
	Days        int
	WorkingDays bool
	Emergency   bool
}

// DeadlineExplanation says how a due date was computed, so a user can check it.
type DeadlineExplanation struct {
	Kind       string // "decision", "follow-up" or "" when no deadline runs
	Rule       DeadlineRule
	From       Date // acceptance, or the opinion for a follow-up
	PausedDays int
	Paused     bool // a pause is still running: the due date moves every day
	Holidays   int  // holidays skipped (working days) or rolled over (calendar days)
	RolledOver bool // a calendar deadline falling on a day off moved to the next working day
	Due        Date
	// FromAt and DueAt are the moment of acceptance and the due date and
	// time, for the emergency procedure counted in hours (zero otherwise).
	FromAt, DueAt time.Time
}

// Calendar answers whether a day is a working day.
type Calendar struct {
	holidays map[Date]bool
	workdays map[Date]bool // weekend days made working days (调休)
}

// NewCalendar builds a calendar from the holiday list: weekends are days off
// unless the list makes one a working day, and the list's holidays are days
// off whatever their weekday.
func NewCalendar(holidays []Holiday) Calendar {
	c := Calendar{holidays: make(map[Date]bool, len(holidays)), workdays: map[Date]bool{}}
	for _, h := range holidays {
		if h.Working {
			c.workdays[h.Day] = true
		} else {
			c.holidays[h.Day] = true
		}
	}
	return c
}

func (c Calendar) IsHoliday(d Date) bool { return c.holidays[d] }

func (c Calendar) IsWorkingDay(d Date) bool {
	if c.holidays[d] {
		return false
	}
	if c.workdays[d] {
		return true
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// paused reports whether day d falls inside one of the pauses; an ongoing
// pause is taken to end today, which gives the earliest possible due date.
func paused(d Date, pauses []Pause, today Date) bool {
	for _, p := range pauses {
		to := p.To
		if to.IsZero() {
			to = today
		}
		if !d.Before(p.From) && d.Before(to) {
			return true
		}
	}
	return false
}

// ComputeDeadline works out the decision due date from acceptance. Days are
// counted from the day after acceptance; days inside a pause do not count.
func ComputeDeadline(rule DeadlineRule, accepted Date, pauses []Pause, cal Calendar, today Date) DeadlineExplanation {
	ex := DeadlineExplanation{Kind: "decision", Rule: rule, From: accepted}
	if accepted.IsZero() {
		return DeadlineExplanation{}
	}
	for _, p := range pauses {
		to := p.To
		if to.IsZero() {
			to = today
			ex.Paused = true
		}
		if to.After(p.From) {
			ex.PausedDays += p.From.DaysUntil(to)
		}
	}
	days, working := rule.Days, rule.WorkingDays
	if rule.Emergency {
		days, working = EmergencyDays, false
	}
	if days < 0 {
		days = 0
	}
	d := accepted
	for counted := 0; counted < days; {
		d = d.AddDays(1)
		if paused(d, pauses, today) {
			continue
		}
		if working && !cal.IsWorkingDay(d) {
			if cal.IsHoliday(d) {
				ex.Holidays++
			}
			continue
		}
		counted++
	}
	// A pause that ends after the last counted day still holds the deadline.
	for paused(d, pauses, today) {
		d = d.AddDays(1)
	}
	if !working && !rule.Emergency {
		for !cal.IsWorkingDay(d) {
			if cal.IsHoliday(d) {
				ex.Holidays++
			}
			d = d.AddDays(1)
			ex.RolledOver = true
		}
	}
	ex.Due = d
	return ex
}

// ComputeFollowUp is the latest date for the follow-up review of an opinion
// that approved an activity.
func ComputeFollowUp(opinionOn Date) DeadlineExplanation {
	if opinionOn.IsZero() {
		return DeadlineExplanation{}
	}
	return DeadlineExplanation{Kind: "follow-up", From: opinionOn,
		Due: Date{opinionOn.Time().AddDate(0, FollowUpMonths, 0)}}
}

// String is the explanation in plain English, for the CLI and for logs; the
// window formats the same fields through its translations.
func (ex DeadlineExplanation) String() string {
	switch ex.Kind {
	case "":
		return "No deadline runs."
	case "follow-up":
		return fmt.Sprintf("Follow-up review within %d months of the opinion of %s: due %s.",
			FollowUpMonths, ex.From.Human(), ex.Due.Human())
	}
	var parts []string
	switch {
	case ex.Rule.Emergency && !ex.DueAt.IsZero():
		s := fmt.Sprintf("Emergency procedure: 72 hours from acceptance at %s", ex.FromAt.Local().Format("2 Jan 2006 15:04"))
		if ex.Paused {
			s += ", paused while awaiting information (still paused)"
		}
		return s + fmt.Sprintf(": due %s.", ex.DueAt.Local().Format("2 Jan 2006 15:04"))
	case ex.Rule.Emergency:
		parts = append(parts, fmt.Sprintf("Emergency procedure: 72 hours from acceptance on %s", ex.From.Human()))
	case ex.Rule.WorkingDays:
		parts = append(parts, fmt.Sprintf("%d working days from acceptance on %s", ex.Rule.Days, ex.From.Human()))
	default:
		parts = append(parts, fmt.Sprintf("%d calendar days from acceptance on %s", ex.Rule.Days, ex.From.Human()))
	}
	if ex.PausedDays > 0 {
		s := fmt.Sprintf("paused %s awaiting information", plural(ex.PausedDays, "day"))
		if ex.Paused {
			s += " (still paused)"
		}
		parts = append(parts, s)
	}
	if ex.Holidays > 0 {
		parts = append(parts, plural(ex.Holidays, "holiday"))
	}
	if ex.RolledOver {
		parts = append(parts, "moved to the next working day")
	}
	return strings.Join(parts, "; ") + ": due " + ex.Due.Human() + "."
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// PausesFrom derives acceptance and the pauses from a case's status history
// (oldest first): acceptance is the first move into Under review; a pause
// runs from entering Awaiting information until leaving it.
func PausesFrom(history []StatusChange) (accepted Date, pauses []Pause) {
	for _, ch := range history {
		day := DateOf(ch.At.Local())
		if ch.To == UnderReview && accepted.IsZero() {
			accepted = day
		}
		if ch.To == AwaitingInfo {
			pauses = append(pauses, Pause{From: day})
		}
		if ch.From == AwaitingInfo && len(pauses) > 0 && pauses[len(pauses)-1].To.IsZero() {
			pauses[len(pauses)-1].To = day
		}
	}
	return accepted, pauses
}
