package textindex

import "strings"

// Limits that keep a pasted novel from turning into a huge MATCH expression.
const (
	maxQueryRunes = 500 // runes of the query considered; the rest is ignored
	maxQueryTerms = 32  // words and phrases kept, exclusions included
)

// Query is a user's search box text made safe for FTS5.
type Query struct {
	// Match is the FTS5 MATCH expression, "" when nothing searchable was typed.
	// Every word in it is quoted, so it can never be an FTS5 syntax error.
	Match string
	// Exclude is set only when the user typed exclusions and nothing else
	// ("-draft"): a MATCH expression of what to leave out, for a
	// "rowid NOT IN (SELECT rowid ... MATCH Exclude)" filter. FTS5 itself
	// cannot express "everything except".
	Exclude string
	// Terms are the words and phrases to highlight with Snippet, as the user
	// typed them; a trailing "*" marks a prefix.
	Terms []string
	// Groups are the AND-ed parts of Match, each a MATCH expression with
	// the exclusions applied, so that a store can look for each part in a
	// different document of the same case. Nil when Match has one part.
	Groups []string
}

// ParseQuery turns what a user typed into a Query. It never fails: anything
// it cannot make sense of is searched as plain words or dropped.
//
// Syntax: words are AND-ed; "quoted phrases"; prefix*; -word, -"phrase" and
// NOT word exclude; OR between two terms; Chinese, Japanese and Korean words
// of any length. Parentheses, column filters, NEAR and ^ are not operators.
func ParseQuery(q string) Query {
	var b queryBuilder
	for _, it := range lexQuery(sanitizeQuery(q)) {
		b.add(it)
	}
	return b.query()
}

// queryBuilder collects lexed items into an AND of OR-groups plus a list of
// exclusions.
type queryBuilder struct {
	groups       [][]string // rendered positive terms: AND of ORs
	excluded     []string   // rendered excluded terms
	terms        []string   // highlight forms of positive terms, deduplicated
	count        int        // terms kept, for maxQueryTerms
	lastPositive bool       // the latest kept item was a positive term
	orPending    bool       // "OR" followed a positive term
}

func (b *queryBuilder) add(it queryItem) {
	if it.or {
		// "OR" only joins two positive terms; at the start, at the end, twice
		// in a row or next to an exclusion it means nothing and is dropped.
		b.orPending = b.lastPositive
		return
	}
	expr := renderTerm(it.text, it.prefix)
	if expr == "" || b.count >= maxQueryTerms {
		return // nothing searchable ("!!!", "*"), or too many terms
	}
	b.count++
	if it.exclude {
		b.excluded = append(b.excluded, expr)
		b.lastPositive, b.orPending = false, false
		return
	}
	if b.orPending {
		last := len(b.groups) - 1
		b.groups[last] = append(b.groups[last], expr)
	} else {
		b.groups = append(b.groups, []string{expr})
	}
	b.lastPositive, b.orPending = true, false
	hl := it.highlightForm()
	for _, t := range b.terms {
		if t == hl {
			return
		}
	}
	b.terms = append(b.terms, hl)
}

func (b *queryBuilder) query() Query {
	q := Query{Terms: b.terms}
	neg := strings.Join(b.excluded, " OR ")
	if len(b.groups) == 0 {
		q.Exclude = neg
		return q
	}
	parts := make([]string, len(b.groups))
	for i, g := range b.groups {
		if len(g) == 1 {
			parts[i] = g[0]
		} else {
			parts[i] = "(" + strings.Join(g, " OR ") + ")"
		}
	}
	without := func(expr string) string {
		if neg == "" {
			return expr
		}
		// Parentheses on both sides: FTS5's NOT binds tighter than AND and OR.
		return "(" + expr + ") NOT (" + neg + ")"
	}
	q.Match = without(strings.Join(parts, " AND "))
	if len(parts) > 1 {
		for _, p := range parts {
			q.Groups = append(q.Groups, without(p))
		}
	}
	return q
}
