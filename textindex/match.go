package textindex

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Limits that bound the work Snippet does on a long document.
const (
	maxPatterns = 64      // highlight terms considered (one bit each in a window score)
	maxMatches  = 10000   // matches collected from one text
	maxScan     = 1 << 20 // bytes of a text searched for matches
)

// pattern is a highlight term cut into folded units.
type pattern struct {
	units  []unit
	folded []string
	prefix bool // the last non-CJK word may be the start of a longer word
}

// compilePatterns prepares the terms from Query.Terms (or any words) for
// matching; terms with nothing searchable in them are dropped.
func compilePatterns(terms []string) []pattern {
	var ps []pattern
	for _, t := range terms {
		t = strings.TrimSpace(t)
		prefix := strings.HasSuffix(t, "*")
		t = strings.TrimRight(t, "*")
		units := scanUnits(t)
		if len(units) == 0 {
			continue
		}
		p := pattern{units: units, prefix: prefix, folded: make([]string, len(units))}
		for i, u := range units {
			p.folded[i] = foldUnit(t, u)
		}
		if ps = append(ps, p); len(ps) == maxPatterns {
			break
		}
	}
	return ps
}

// textMatch is one place where a pattern occurs, in bytes of the text.
type textMatch struct {
	start, end int
	pattern    int
}

// findMatches returns the occurrences of the patterns in text, sorted by
// start. Only the first maxScan bytes are searched. Like the index, it compares whole units: "rec" does not match
// "recognition" unless it was typed as "rec*", and consecutive CJK letters of
// a term must be consecutive in the text.
func findMatches(text string, ps []pattern) []textMatch {
	if len(ps) == 0 {
		return nil
	}
	limit := len(text)
	if limit > maxScan {
		limit = maxScan
		for limit > 0 && !utf8.RuneStart(text[limit]) {
			limit--
		}
	}
	units := scanUnits(text[:limit])
	folded := make([]string, len(units))
	for i, u := range units {
		folded[i] = foldUnit(text, u)
	}
	var ms []textMatch
	for i := range units {
		for pi := range ps {
			if n := ps[pi].matchLen(units[i:], folded[i:]); n > 0 {
				ms = append(ms, textMatch{start: units[i].start, end: units[i+n-1].end, pattern: pi})
				if len(ms) == maxMatches {
					return ms
				}
			}
		}
	}
	return ms
}

// matchLen reports how many text units the pattern covers when it starts at
// units[0], or 0 when it does not match there.
func (p *pattern) matchLen(units []unit, folded []string) int {
	if len(units) < len(p.units) {
		return 0
	}
	last := len(p.units) - 1
	for k, pu := range p.units {
		tu := units[k]
		if tu.cjk != pu.cjk || (k > 0 && pu.joined && !tu.joined) {
			return 0
		}
		if k == last && p.prefix && !pu.cjk {
			if !strings.HasPrefix(folded[k], p.folded[k]) {
				return 0
			}
		} else if folded[k] != p.folded[k] {
			return 0
		}
	}
	return len(p.units)
}

// mergeMatches turns possibly overlapping matches into disjoint, sorted
// byte ranges to mark.
func mergeMatches(ms []textMatch) [][2]int {
	sorted := append([]textMatch(nil), ms...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].start < sorted[j].start })
	var out [][2]int
	for _, m := range sorted {
		if n := len(out); n > 0 && m.start <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], m.end)
			continue
		}
		out = append(out, [2]int{m.start, m.end})
	}
	return out
}

// foldUnit returns the comparable form of a unit of s. CJK letters have no
// case or accents to fold.
func foldUnit(s string, u unit) string {
	if u.cjk {
		return s[u.start:u.end]
	}
	return fold(s[u.start:u.end])
}
