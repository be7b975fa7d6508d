package cases

import (
	"context"
	"fmt"
	"time"
)

// ImportHolidays adds a holiday arrangement — the days off and the weekend
// days made working days that a government publishes for a year — to the
// calendar in one transaction, replacing what the calendar said of those
// days, and recomputes the open cases' deadlines once. It returns how many
// open cases' due dates moved.
//
// Only an administrator (ActManageSettings) may call it. It returns
// *ForbiddenError for anyone else, and FieldErrors under "file" for an empty
// arrangement, a working day on a weekday or a day listed twice with
// different meanings: such a file is refused whole.
func (s *Service) ImportHolidays(ctx context.Context, actor User, days []Holiday) (int, error) {
	if err := require(actor, ActManageSettings); err != nil {
		return 0, err
	}
	if err := checkArrangement(days); err != nil {
		return 0, err
	}
	audits := make([]AuditEntry, len(days))
	for i := range days {
		days[i].Name = CleanLine(days[i].Name)
		kind := "day off"
		if days[i].Working {
			kind = "working day"
		}
		audits[i] = AuditEntry{Actor: actor, Action: "holiday.save", Entity: "holiday",
			After: days[i].Day.String() + " " + days[i].Name + " (" + kind + ")"}
	}
	if err := s.repo.SaveHolidays(ctx, days, audits); err != nil {
		return 0, err
	}
	return s.RecomputeDeadlines(ctx)
}

// checkArrangement refuses an arrangement that cannot be what a government
// published: nothing in it, a "working day" that is a weekday anyway, or the
// same day both off and working.
func checkArrangement(days []Holiday) error {
	if len(days) == 0 {
		return FieldErrors{"file": "The file lists no holidays or working days."}
	}
	seen := map[Date]bool{}
	for _, h := range days {
		if h.Day.IsZero() {
			return FieldErrors{"file": "A day in the file has no date."}
		}
		if wd := h.Day.Weekday(); h.Working && wd != time.Saturday && wd != time.Sunday {
			return FieldErrors{"file": fmt.Sprintf("%s is a %s, which is a working day anyway; a make-up working day falls on a weekend.", h.Day, wd)}
		}
		if working, ok := seen[h.Day]; ok && working != h.Working {
			return FieldErrors{"file": fmt.Sprintf("%s is listed both as a day off and as a working day.", h.Day)}
		}
		seen[h.Day] = h.Working
	}
	return nil
}
