package mailintake

import (
	"net/mail"
	"regexp"
	"strings"
	"time"

	"github.com/jhillyerd/enmime"
)

// messageDate returns the Date: header, falling back to the newest
// Received: header (the time a mail server accepted the message), because
// some mailers omit or mangle Date:.
func messageDate(env *enmime.Envelope, warnings []string) (time.Time, []string) {
	dateHeader := strings.TrimSpace(env.GetHeader("Date"))
	if dateHeader != "" {
		if t, err := parseDate(dateHeader); err == nil {
			return t, warnings
		}
	}
	var newest time.Time
	for _, received := range env.GetHeaderValues("Received") {
		i := strings.LastIndexByte(received, ';')
		if i < 0 {
			continue
		}
		if t, err := parseDate(received[i+1:]); err == nil && t.After(newest) {
			newest = t
		}
	}
	switch {
	case dateHeader != "" && !newest.IsZero():
		warnings = append(warnings, "The message's date could not be read, so the time a mail server received it is used instead.")
	case dateHeader != "":
		warnings = append(warnings, "The message's date could not be read; please enter the received date by hand.")
	case newest.IsZero():
		warnings = append(warnings, "The message has no date; please enter the received date by hand.")
	}
	return newest, warnings
}

// parseDate accepts RFC 5322 dates plus the common deviations seen in the
// wild (extra whitespace, folded lines, a trailing "(UTC)" comment).
func parseDate(s string) (time.Time, error) {
	s = strings.Join(strings.Fields(s), " ")
	t, err := mail.ParseDate(s)
	if err == nil {
		return t, nil
	}
	if i := strings.IndexByte(s, '('); i > 0 {
		return mail.ParseDate(strings.TrimSpace(s[:i]))
	}
	return t, err
}

var angleAddress = regexp.MustCompile(`<([^<>\s]+@[^<>\s]+)>`)
var bareAddress = regexp.MustCompile(`[^<>\s"',;:()]+@[^<>\s"',;:()]+`)

// sender returns the display name and address of From: (or Sender: when
// From: is missing). A From: header that net/mail cannot parse is common in
// spam-filtered or hand-made mail, so the address is then dug out by
// pattern and the rest is kept as the name.
func sender(env *enmime.Envelope, warnings []string) (name, address string, _ []string) {
	header := "From"
	if strings.TrimSpace(env.GetHeader(header)) == "" {
		header = "Sender"
	}
	raw := env.GetHeader(header) // RFC 2047 words already decoded
	if strings.TrimSpace(raw) == "" {
		return "", "", append(warnings, "The message does not say who sent it.")
	}
	if list, err := env.AddressList(header); err == nil && len(list) > 0 {
		return cleanLine(list[0].Name), cleanLine(list[0].Address), warnings
	}
	if m := angleAddress.FindStringSubmatchIndex(raw); m != nil {
		address = raw[m[2]:m[3]]
		name = raw[:m[0]] + " " + raw[m[1]:]
	} else if m := bareAddress.FindStringIndex(raw); m != nil {
		address = raw[m[0]:m[1]]
		name = raw[:m[0]] + " " + raw[m[1]:]
	} else {
		name = raw
		warnings = append(warnings, "The sender's e-mail address could not be read; please check it by hand.")
	}
	// Leftover quoting and angle brackets are syntax, not part of a name.
	name = strings.Trim(strings.ReplaceAll(cleanLine(name), `"`, ""), "'<> ")
	return name, cleanLine(address), warnings
}
