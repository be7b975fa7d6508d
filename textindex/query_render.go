package textindex

import "strings"

// phraseToken is one token of an FTS5 phrase as the index holds it: a
// non-CJK word, a CJK bigram, or a lone CJK letter searched as a prefix.
type phraseToken struct {
	text   string
	prefix bool
}

// renderTerm turns one word or phrase the user typed into an FTS5 phrase
// expression, or "" when it holds nothing searchable. Each token is quoted,
// so no character the user typed can act as FTS5 syntax.
//
// A CJK run of n≥2 letters becomes the phrase of its n-1 bigrams, which
// matches exactly where the run occurs in an IndexText document. A lone CJK
// letter becomes a prefix token ("信"*), matching every bigram that starts
// with it (and the letter standing alone).
func renderTerm(text string, prefix bool) string {
	tokens := phraseTokens(text)
	if len(tokens) == 0 {
		return ""
	}
	if prefix {
		if u := scanUnits(text); !u[len(u)-1].cjk {
			tokens[len(tokens)-1].prefix = true // a bigram is complete already: "*" adds nothing
		}
	}
	return renderPhrase(tokens)
}

// phraseTokens splits text into the tokens IndexText would have produced.
func phraseTokens(text string) []phraseToken {
	units := scanUnits(text)
	var tokens []phraseToken
	for k := 0; k < len(units); {
		u := units[k]
		if !u.cjk {
			tokens = append(tokens, phraseToken{text: text[u.start:u.end]})
			k++
			continue
		}
		j := k + 1
		for j < len(units) && units[j].cjk && units[j].joined {
			j++
		}
		if j-k == 1 {
			tokens = append(tokens, phraseToken{text: text[u.start:u.end], prefix: true})
		}
		for m := k; m+1 < j; m++ {
			tokens = append(tokens, phraseToken{text: text[units[m].start:units[m+1].end]})
		}
		k = j
	}
	return tokens
}

// renderPhrase writes tokens as one FTS5 phrase. Runs of whole tokens share a
// quoted string; a prefix token closes its string with "*" and the next
// string is joined with "+", FTS5's phrase concatenation:
// ["a" "b" "c"*] → "a b c"*, ["我"* "爱"] → "我"* + "爱".
func renderPhrase(tokens []phraseToken) string {
	var b strings.Builder
	open := false
	for _, t := range tokens {
		if open {
			b.WriteByte(' ')
		} else {
			if b.Len() > 0 {
				b.WriteString(" + ")
			}
			b.WriteByte('"')
			open = true
		}
		// Tokens hold only letters, digits and marks, but escaping costs
		// nothing and keeps this safe if scanUnits ever changes.
		b.WriteString(strings.ReplaceAll(t.text, `"`, `""`))
		if t.prefix {
			b.WriteString(`"*`)
			open = false
		}
	}
	if open {
		b.WriteByte('"')
	}
	return b.String()
}
