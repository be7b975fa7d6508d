package signing

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// pdfDate formats t as a PDF date string, D:YYYYMMDDHHmmSS+HH'mm'.
func pdfDate(t time.Time) string {
	_, off := t.Zone()
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("D:%s%c%02d'%02d'", t.Format("20060102150405"), sign, off/3600, (off%3600)/60)
}

// parsePDFDate reads a PDF date leniently (missing parts default, as the
// standard allows). It returns false when the text is not a date.
func parsePDFDate(s string) (time.Time, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	if len(s) < 4 {
		return time.Time{}, false
	}
	num := func(from, n, def int) (int, bool) {
		if len(s) < from+n {
			return def, true
		}
		v, err := strconv.Atoi(s[from : from+n])
		return v, err == nil
	}
	parts := [6]int{}
	defs := [6]int{0, 1, 1, 0, 0, 0}
	widths := [6]int{4, 2, 2, 2, 2, 2}
	pos := 0
	for i := range parts {
		if pos < len(s) && (s[pos] == 'Z' || s[pos] == '+' || s[pos] == '-') {
			parts[i] = defs[i]
			continue
		}
		v, ok := num(pos, widths[i], defs[i])
		if !ok {
			return time.Time{}, false
		}
		parts[i] = v
		if len(s) >= pos+widths[i] {
			pos += widths[i]
		}
	}
	loc := time.UTC
	if pos < len(s) && (s[pos] == '+' || s[pos] == '-') {
		rest := strings.NewReplacer("'", "").Replace(s[pos+1:])
		h, _ := strconv.Atoi(rest[:min(2, len(rest))])
		m := 0
		if len(rest) >= 4 {
			m, _ = strconv.Atoi(rest[2:4])
		}
		off := h*3600 + m*60
		if s[pos] == '-' {
			off = -off
		}
		loc = time.FixedZone("", off)
	}
	t := time.Date(parts[0], time.Month(parts[1]), parts[2], parts[3], parts[4], parts[5], 0, loc)
	return t, true
}
