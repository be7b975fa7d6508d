package mailintake

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jaytaylor/html2text"
	"github.com/jhillyerd/enmime"
)

// maxTitleRunes matches the length a case title may reasonably have.
const maxTitleRunes = 200

// bodyText picks the plain-text body, converting HTML when the text/plain
// alternative is missing or blank (Outlook and some web forms send an
// empty text part next to the real HTML one).
func bodyText(env *enmime.Envelope, warnings *[]string) string {
	text := cleanText(env.Text)
	if text == "" && env.HTML == "" && env.Root != nil && env.Root.FirstChild == nil &&
		strings.HasPrefix(env.Root.ContentType, "multipart/") {
		// A multipart message that could not be split (see readEnvelope):
		// its raw text is better than nothing.
		return cleanText(string(env.Root.Content))
	}
	if text != "" || strings.TrimSpace(env.HTML) == "" {
		return text
	}
	converted, err := html2text.FromString(env.HTML, html2text.Options{})
	if err != nil {
		*warnings = append(*warnings, "The message text is only in HTML and could not be converted; please open the original e-mail to read it.")
		return ""
	}
	return cleanText(converted)
}

// cleanText normalises line endings to \n, replaces invalid UTF-8, drops
// control characters (NUL, escape sequences, form feeds…) that would upset
// the form widgets and the database, and trims surrounding blank space.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || !unicode.IsControl(r) {
			return r
		}
		return -1
	}, s)
	return strings.TrimSpace(s)
}

// cleanLine makes a single-line value (subject, name, address): control
// characters and line breaks become spaces, runs of space collapse.
func cleanLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// SuggestedTitle is the title to pre-fill: the subject, or when the subject
// is empty the first non-blank line of the body; at most 200 characters.
func (m *Message) SuggestedTitle() string {
	title := cleanLine(m.Subject)
	if title == "" {
		for _, line := range strings.Split(m.Body, "\n") {
			if title = cleanLine(line); title != "" {
				break
			}
		}
	}
	return truncateRunes(title, maxTitleRunes)
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:n]))
}
