package export

import (
	"context"
	"io"
	"time"

	ics "github.com/arran4/golang-ical"

	"ethicsdesk/cases"
)

// WriteICS writes the running deadlines of the filtered register and the
// committee's meetings as all-day events of an iCalendar file (RFC 5545).
// Event UIDs are stable, so importing a newer file updates the events.
func WriteICS(ctx context.Context, w io.Writer, svc cases.API, actor cases.User, opt Options) (int, error) {
	events, err := svc.CalendarEvents(ctx, actor, opt.Filter)
	if err != nil {
		return 0, err
	}
	cal := ics.NewCalendarFor("Ethics Desk")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName("Ethics committee deadlines and meetings")
	stamp := time.Now().UTC()
	for i, e := range events {
		if err := ctx.Err(); err != nil {
			return i, err
		}
		ev := cal.AddEvent(e.UID)
		ev.SetDtStampTime(stamp)
		ev.SetAllDayStartAt(e.Day.Time())
		ev.SetAllDayEndAt(e.Day.AddDays(1).Time())
		ev.SetSummary(e.Summary)
		if e.Detail != "" {
			ev.SetDescription(e.Detail)
		}
		if opt.Progress != nil && (i%500 == 0 || i == len(events)-1) {
			opt.Progress(i+1, len(events))
		}
	}
	// RFC 5545 lines end in CRLF. The library ignores write errors, so a
	// full disk is caught by stickyWriter.
	sw := &stickyWriter{w: w}
	if err := cal.SerializeTo(sw, ics.WithNewLineWindows); err != nil {
		return 0, err
	}
	return len(events), sw.err
}

// stickyWriter remembers the first write error and drops later writes.
type stickyWriter struct {
	w   io.Writer
	err error
}

func (s *stickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	s.err = err
	return n, err
}

// Write exports in format f.
func Write(ctx context.Context, f Format, w io.Writer, svc cases.API, actor cases.User, opt Options) (int, error) {
	switch f {
	case XLSX:
		return WriteXLSX(ctx, w, svc, actor, opt)
	case ICS:
		return WriteICS(ctx, w, svc, actor, opt)
	default:
		return WriteCSV(ctx, w, svc, actor, opt)
	}
}
