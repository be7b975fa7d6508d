package holidays

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"ethicsdesk/cases"
)

// MaxFileBytes bounds an imported file: a year's arrangement is a few
// hundred bytes, so anything near this is not one.
const MaxFileBytes = 1 << 20

// maxSpanDays bounds one line's or event's range of days.
const maxSpanDays = 31

// Parse reads an arrangement from a file's content; name (the file's name)
// chooses the format by its extension.
func Parse(name string, data []byte) ([]cases.Holiday, error) {
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("%s is %d KB; a holiday arrangement is a small file, under %d KB.", filepath.Base(name), len(data)>>10, MaxFileBytes>>10)
	}
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%s is not UTF-8 text; save it as UTF-8 and import it again.", filepath.Base(name))
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	switch strings.ToLower(filepath.Ext(name)) {
	case ".ics", ".ical", ".ifb":
		return parseICS(data)
	case ".csv", ".txt":
		return parseCSV(data)
	}
	return nil, fmt.Errorf("%s is neither an iCalendar file (.ics) nor a CSV file (.csv).", filepath.Base(name))
}

func parseCSV(data []byte) ([]cases.Holiday, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comment = '#'
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	var out []cases.Holiday
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			return nil, fmt.Errorf("line %d of the CSV file cannot be read: %v", line, err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(out) == 0 && strings.EqualFold(strings.TrimSpace(rec[0]), "date") {
			continue // the header
		}
		if len(rec) < 3 {
			return nil, fmt.Errorf("line %d has %d columns; each line is date,name,kind (for example 2026-10-01..2026-10-07,国庆节,off).", line, len(rec))
		}
		from, to, err := parseSpan(strings.TrimSpace(rec[0]))
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", line, err)
		}
		working, err := parseKind(strings.TrimSpace(rec[2]))
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", line, err)
		}
		out = appendDays(out, from, to, strings.TrimSpace(rec[1]), working)
	}
	if len(out) == 0 {
		return nil, errors.New("the CSV file lists no days.")
	}
	return out, nil
}

// parseSpan reads "2026-10-01" or "2026-10-01..2026-10-07".
func parseSpan(s string) (from, to cases.Date, err error) {
	a, b, isRange := strings.Cut(s, "..")
	if from, err = parseDay(a); err != nil {
		return
	}
	to = from
	if isRange {
		if to, err = parseDay(b); err != nil {
			return
		}
	}
	return from, to, checkSpan(from, to)
}

func parseDay(s string) (cases.Date, error) {
	d, err := cases.ParseDate(strings.TrimSpace(s))
	if err != nil {
		return cases.Date{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD", s)
	}
	if y := d.Time().Year(); y < 2000 || y > 2100 {
		return cases.Date{}, fmt.Errorf("%s is not a year a holiday arrangement is for", d)
	}
	return d, nil
}

func checkSpan(from, to cases.Date) error {
	if to.Before(from) {
		return fmt.Errorf("the range ends (%s) before it starts (%s)", to, from)
	}
	if from.DaysUntil(to) >= maxSpanDays {
		return fmt.Errorf("the range %s..%s is longer than %d days; no public holiday is", from, to, maxSpanDays)
	}
	return nil
}

func parseKind(s string) (working bool, err error) {
	switch strings.ToLower(s) {
	case "off", "holiday", "day off", "放假", "休", "休息":
		return false, nil
	case "working", "work", "working day", "上班", "补班", "班":
		return true, nil
	}
	return false, fmt.Errorf("the kind %q is neither off nor working", s)
}

func appendDays(out []cases.Holiday, from, to cases.Date, name string, working bool) []cases.Holiday {
	for d := from; !d.After(to); d = d.AddDays(1) {
		out = append(out, cases.Holiday{Day: d, Name: cases.CleanLine(name), Working: working})
	}
	return out
}

func parseICS(data []byte) ([]cases.Holiday, error) {
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("the iCalendar file cannot be read: %v", err)
	}
	var out []cases.Holiday
	for i, ev := range cal.Events() {
		summary := ""
		if p := ev.GetProperty(ics.ComponentPropertySummary); p != nil {
			summary = strings.TrimSpace(p.Value)
		}
		start, err := ev.GetAllDayStartAt()
		if err != nil {
			return nil, fmt.Errorf("event %d (%q) has no start date: %v", i+1, summary, err)
		}
		from, err := parseDay(start.Format("2006-01-02"))
		if err != nil {
			return nil, fmt.Errorf("event %d (%q): %v", i+1, summary, err)
		}
		to := from
		if end, err := ev.GetAllDayEndAt(); err == nil && end.After(start) {
			// DTEND of an all-day event is the day after the last one.
			last := end.Add(-time.Hour)
			if to, err = parseDay(last.Format("2006-01-02")); err != nil {
				return nil, fmt.Errorf("event %d (%q): %v", i+1, summary, err)
			}
		}
		if err := checkSpan(from, to); err != nil {
			return nil, fmt.Errorf("event %d (%q): %v", i+1, summary, err)
		}
		out = appendDays(out, from, to, summary, saysWorking(summary))
	}
	if len(out) == 0 {
		return nil, errors.New("the iCalendar file holds no events.")
	}
	return out, nil
}

// saysWorking reads a calendar feed's summary: the feeds China's calendars
// publish mark make-up working days with 班 (上班, 补班).
func saysWorking(summary string) bool {
	s := strings.ToLower(summary)
	return strings.Contains(s, "班") || strings.Contains(s, "working day") || strings.Contains(s, "workday")
}
