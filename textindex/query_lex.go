package textindex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// queryItem is one thing the user typed: a word or phrase, or the OR operator.
type queryItem struct {
	or      bool
	text    string // the word, or the inside of a quoted phrase
	phrase  bool
	prefix  bool // followed by "*"
	exclude bool // preceded by "-" or NOT
}

// highlightForm is the term as it is handed to Snippet: what the user typed,
// with "*" kept to mean "word starts".
func (it queryItem) highlightForm() string {
	t := strings.TrimSpace(it.text)
	if it.prefix {
		t += "*"
	}
	return t
}

// sanitizeQuery caps the query at maxQueryRunes and turns invalid UTF-8 and
// control characters (NUL included) into spaces.
func sanitizeQuery(q string) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(q) && n < maxQueryRunes; n++ {
		r, size := utf8.DecodeRuneInString(q[i:])
		if (r == utf8.RuneError && size == 1) || unicode.IsControl(r) {
			b.WriteByte(' ')
		} else {
			b.WriteString(q[i : i+size])
		}
		i += size
	}
	return b.String()
}

// lexQuery cuts a sanitized query into items. It accepts any input: an
// unclosed quote runs to the end, a "-" or "*" with nothing to apply to is
// ignored, and only upper-case OR, AND and NOT are operators (AND being the
// default anyway), so lower-case "or" is still a searchable word.
func lexQuery(q string) []queryItem {
	var items []queryItem
	notPending := false
	for i := 0; i < len(q); {
		r, size := utf8.DecodeRuneInString(q[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		minus := false
		for i < len(q) && q[i] == '-' {
			minus = true
			i++
		}
		it := queryItem{exclude: minus || notPending}
		if i < len(q) && q[i] == '"' {
			it.phrase = true
			body := q[i+1:]
			if end := strings.IndexByte(body, '"'); end >= 0 {
				body = body[:end]
				i += end + 2
			} else {
				i = len(q)
			}
			it.text = body
		} else {
			j := i
			for j < len(q) {
				r, size := utf8.DecodeRuneInString(q[j:])
				if unicode.IsSpace(r) || r == '"' {
					break
				}
				j += size
			}
			it.text = q[i:j]
			i = j
			if it.text == "" {
				continue // a lone "-"
			}
			if !minus {
				switch it.text {
				case "OR":
					items = append(items, queryItem{or: true})
					continue
				case "AND":
					continue
				case "NOT":
					notPending = true
					continue
				}
			}
		}
		for i < len(q) && q[i] == '*' {
			it.prefix = true
			i++
		}
		if !it.phrase && strings.HasSuffix(it.text, "*") {
			it.prefix = true
			it.text = strings.TrimRight(it.text, "*")
		}
		notPending = false
		items = append(items, it)
	}
	return items
}
