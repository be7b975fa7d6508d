package ui

import (
	"strings"

	"fyne.io/fyne/v2/lang"

	"ethicsdesk/cases"
)

// deadlineText explains how a due date was computed, in the user's
// language, from the Service's explanation: e.g. "30 calendar days from
// acceptance on 3 Mar 2026; paused 5 days awaiting information; 2
// holidays: due 14 Apr 2026."
func deadlineText(ex cases.DeadlineExplanation) string {
	switch ex.Kind {
	case "":
		return lang.L("No deadline runs.")
	case "follow-up":
		return lang.L("Follow-up review within {{.Months}} months of the opinion of {{.From}}: due {{.Due}}.",
			map[string]any{"Months": cases.FollowUpMonths, "From": formatDate(ex.From), "Due": formatDate(ex.Due)})
	}
	if ex.Rule.Emergency && !ex.DueAt.IsZero() {
		s := lang.L("Emergency procedure: 72 hours from acceptance at {{.From}}", map[string]any{"From": formatDateTime(ex.FromAt)})
		if ex.Paused {
			s += "; " + lang.L("paused while awaiting information (still paused)")
		}
		return s + lang.L(": due {{.Due}}.", map[string]any{"Due": formatDateTime(ex.DueAt)})
	}
	data := map[string]any{"Days": ex.Rule.Days, "From": formatDate(ex.From)}
	var parts []string
	switch {
	case ex.Rule.Emergency:
		parts = append(parts, lang.L("Emergency procedure: 72 hours from acceptance on {{.From}}", data))
	case ex.Rule.WorkingDays:
		parts = append(parts, lang.L("{{.Days}} working days from acceptance on {{.From}}", data))
	default:
		parts = append(parts, lang.L("{{.Days}} calendar days from acceptance on {{.From}}", data))
	}
	if ex.PausedDays > 0 {
		s := lang.N("paused {{.Count}} days awaiting information", ex.PausedDays, map[string]any{"Count": ex.PausedDays})
		if ex.Paused {
			s += " " + lang.L("(still paused)")
		}
		parts = append(parts, s)
	}
	if ex.Holidays > 0 {
		parts = append(parts, lang.N("{{.Count}} holidays", ex.Holidays, map[string]any{"Count": ex.Holidays}))
	}
	if ex.RolledOver {
		parts = append(parts, lang.L("moved to the next working day"))
	}
	return strings.Join(parts, "; ") + lang.L(": due {{.Due}}.", map[string]any{"Due": formatDate(ex.Due)})
}
