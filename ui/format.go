package ui

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2/lang"

	"ethicsdesk/cases"
)

// emDash stands in an empty cell: "no deadline", "no rapporteur yet".
const emDash = "—"

var monthKeys = [...]string{"", "month.jan", "month.feb", "month.mar", "month.apr", "month.may", "month.jun",
	"month.jul", "month.aug", "month.sep", "month.oct", "month.nov", "month.dec"}

// formatDate is a day as people read it, "3 Mar 2026", with the month name
// from the translation file; "" for no date.
func formatDate(d cases.Date) string {
	if d.IsZero() {
		return ""
	}
	t := d.Time()
	return lang.X("date.format", "{{.Day}} {{.Month}} {{.Year}}", map[string]any{
		"Day": t.Day(), "Month": monthName(t.Month()), "Year": t.Year()})
}

func monthName(m time.Month) string {
	return lang.X(monthKeys[m], m.String()[:3])
}

// formatDateTime is a moment in local time: "3 Mar 2026 14:05".
func formatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.Local()
	return formatDate(cases.DateOf(t)) + " " + t.Format("15:04")
}

// formatCount groups thousands: 100000 → "100,000". The separator comes
// from the translation file so another language can use its own.
func formatCount(n int) string {
	sep := lang.X("number.thousands_separator", ",")
	s := strconv.Itoa(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3*len(sep))
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, sep...)
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

// formatDaysLeft is the register's "Days left" cell: "12", "3 overdue",
// "paused" while the case awaits information, "—" when no deadline runs.
func formatDaysLeft(r cases.Row, today cases.Date) string {
	if r.Status == cases.AwaitingInfo {
		return lang.L("paused")
	}
	days, ok := r.DaysLeft(today)
	if !ok {
		return emDash
	}
	if days < 0 {
		return lang.L("{{.Days}} overdue", map[string]any{"Days": formatCount(-days)})
	}
	return formatCount(days)
}

// statusText is a status in the user's language.
func statusText(s cases.Status) string {
	if s == "" {
		return ""
	}
	return lang.X("status."+string(s), cases.StatusLabel(s))
}

// codeText is a stored code ("web_form", "healthcare") in the user's language.
func codeText(code string) string {
	if code == "" {
		return ""
	}
	return lang.X("code."+code, cases.CodeLabel(code))
}

// orDash shows "—" for an empty value so a blank never looks like a fault.
func orDash(s string) string {
	if s == "" {
		return emDash
	}
	return s
}
