package opinion

import "time"

// formatDate prints a date the way formal English documents do:
// "24 November 2026". The zero time prints as nothing.
func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 January 2006")
}

// formatSigningTime prints a signing instant in UTC, unambiguous for
// readers in any time zone: "24 November 2026 14:05 UTC".
func formatSigningTime(t time.Time) string {
	return t.UTC().Format("2 January 2006 15:04") + " UTC"
}
