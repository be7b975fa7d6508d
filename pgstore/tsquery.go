package pgstore

import (
	"errors"
	"strings"

	"ethicsdesk/textindex"
)

// tsQuery translates a MATCH expression built by textindex.ParseQuery
// (quoted phrases, "…"* prefixes, + joining phrases, AND, OR, NOT and
// parentheses; FTS5's precedence NOT > AND > OR) into PostgreSQL's
// tsquery text, with the words folded by textindex.Words as the documents'
// are. The user's text only ever reaches it quoted by textindex, so an
// error here is a bug, and the search then finds nothing.
func tsQuery(match string) (string, error) {
	p := &matchParser{toks: lexMatch(match)}
	out, err := p.or()
	if err == nil && p.pos != len(p.toks) {
		err = errors.New("unexpected " + p.toks[p.pos].text)
	}
	return out, err
}

type matchToken struct {
	kind byte // '"' a quoted string, '*', '+', '(', ')', 'w' a keyword
	text string
}

func lexMatch(s string) []matchToken {
	var toks []matchToken
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case c == '"':
			var b strings.Builder
			j := i + 1
			for j < len(s) {
				if s[j] == '"' {
					if j+1 < len(s) && s[j+1] == '"' {
						b.WriteByte('"')
						j += 2
						continue
					}
					break
				}
				b.WriteByte(s[j])
				j++
			}
			toks = append(toks, matchToken{'"', b.String()})
			i = j + 1
		case c == '*' || c == '+' || c == '(' || c == ')':
			toks = append(toks, matchToken{c, string(c)})
			i++
		default:
			j := i
			for j < len(s) && strings.IndexByte(" \t\n\"*+()", s[j]) < 0 {
				j++
			}
			toks = append(toks, matchToken{'w', s[i:j]})
			i = j
		}
	}
	return toks
}

type matchParser struct {
	toks []matchToken
	pos  int
}

func (p *matchParser) keyword(w string) bool {
	if p.pos < len(p.toks) && p.toks[p.pos].kind == 'w' && p.toks[p.pos].text == w {
		p.pos++
		return true
	}
	return false
}

func (p *matchParser) or() (string, error) {
	left, err := p.and()
	for err == nil && p.keyword("OR") {
		var right string
		if right, err = p.and(); err == nil {
			left = "(" + left + " | " + right + ")"
		}
	}
	return left, err
}

func (p *matchParser) and() (string, error) {
	left, err := p.not()
	for err == nil && p.keyword("AND") {
		var right string
		if right, err = p.not(); err == nil {
			left = "(" + left + " & " + right + ")"
		}
	}
	return left, err
}

func (p *matchParser) not() (string, error) {
	left, err := p.primary()
	for err == nil && p.keyword("NOT") {
		var right string
		if right, err = p.primary(); err == nil {
			left = "(" + left + " & !" + right + ")"
		}
	}
	return left, err
}

func (p *matchParser) primary() (string, error) {
	if p.pos < len(p.toks) && p.toks[p.pos].kind == '(' {
		p.pos++
		inner, err := p.or()
		if err != nil {
			return "", err
		}
		if p.pos >= len(p.toks) || p.toks[p.pos].kind != ')' {
			return "", errors.New("missing )")
		}
		p.pos++
		return inner, nil
	}
	return p.phrase()
}

// phrase reads "…"[*] { + "…"[*] } as words that follow one another.
func (p *matchParser) phrase() (string, error) {
	var lexemes []string
	for {
		if p.pos >= len(p.toks) || p.toks[p.pos].kind != '"' {
			return "", errors.New("a phrase was expected")
		}
		words := textindex.Words(p.toks[p.pos].text)
		p.pos++
		if len(words) == 0 {
			return "", errors.New("a phrase without words")
		}
		prefix := p.pos < len(p.toks) && p.toks[p.pos].kind == '*'
		if prefix {
			p.pos++
		}
		for i, w := range words {
			lex := quoteLexeme(w)
			if prefix && i == len(words)-1 {
				lex += ":*"
			}
			lexemes = append(lexemes, lex)
		}
		if p.pos < len(p.toks) && p.toks[p.pos].kind == '+' {
			p.pos++
			continue
		}
		break
	}
	if len(lexemes) == 1 {
		return lexemes[0], nil
	}
	return "(" + strings.Join(lexemes, " <-> ") + ")", nil
}

// quoteLexeme writes a word as a tsquery or tsvector lexeme.
func quoteLexeme(w string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(w) + "'"
}
