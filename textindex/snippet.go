package textindex

import (
	"unicode"
	"unicode/utf8"
)

// Span is a piece of original text; Match marks the words to highlight.
type Span struct {
	Text  string
	Match bool
}

// Ellipsis marks where Snippet cut the text.
const Ellipsis = "…"

const (
	defaultSnippetRunes = 160
	maxWordSnap         = 30 // runes Snippet will move a cut to avoid splitting a word
)

// HighlightAll returns the whole text with every occurrence of the terms
// marked; meant for short texts such as a title.
func HighlightAll(text string, terms []string) []Span {
	return spans(text, 0, len(text), mergeMatches(findMatches(text, compilePatterns(terms))))
}

// Snippet returns at most maxRunes runes of the original text (plus
// ellipses), chosen to show as many different terms as possible, with the
// matching words marked. Terms are Query.Terms: matching ignores case and
// accents, a trailing "*" matches word starts, and CJK terms match anywhere.
// Without any match the snippet is the start of the text. maxRunes ≤ 0 means
// a default of 160.
func Snippet(text string, terms []string, maxRunes int) []Span {
	if maxRunes <= 0 {
		maxRunes = defaultSnippetRunes
	}
	ms := findMatches(text, compilePatterns(terms))
	merged := mergeMatches(ms)
	if utf8.RuneCountInString(text) <= maxRunes {
		return spans(text, 0, len(text), merged)
	}
	ws, we := chooseWindow(text, ms, maxRunes)
	ws, we = snapToWords(text, ws, we, merged)
	out := spans(text, ws, we, merged)
	if ws > 0 {
		out = addEllipsis(out, true)
	}
	if we < len(text) {
		out = addEllipsis(out, false)
	}
	return out
}

// spans cuts text[ws:we] into marked and unmarked spans; marks are disjoint,
// sorted byte ranges, clipped to the window.
func spans(text string, ws, we int, marks [][2]int) []Span {
	var out []Span
	pos := ws
	for _, m := range marks {
		s, e := max(m[0], ws), min(m[1], we)
		if e <= s {
			continue
		}
		if s > pos {
			out = append(out, Span{Text: text[pos:s]})
		}
		out = append(out, Span{Text: text[s:e], Match: true})
		pos = e
	}
	if pos < we {
		out = append(out, Span{Text: text[pos:we]})
	}
	return out
}

// addEllipsis puts "…" at the front or back, inside the neighbouring span
// when that one is unmarked.
func addEllipsis(out []Span, front bool) []Span {
	switch {
	case front && len(out) > 0 && !out[0].Match:
		out[0].Text = Ellipsis + out[0].Text
	case front:
		out = append([]Span{{Text: Ellipsis}}, out...)
	case len(out) > 0 && !out[len(out)-1].Match:
		out[len(out)-1].Text += Ellipsis
	default:
		out = append(out, Span{Text: Ellipsis})
	}
	return out
}

// chooseWindow picks the byte range of maxRunes runes to show. Each match is
// tried as an anchor, with a quarter of the window as context before it; the
// window covering the most distinct terms wins, then the most matches, then
// the earliest.
func chooseWindow(text string, ms []textMatch, maxRunes int) (int, int) {
	total := utf8.RuneCountInString(text)
	if len(ms) == 0 {
		return 0, byteOffset(text, 0, maxRunes)
	}
	const maxAnchors = 500
	if len(ms) > maxAnchors {
		ms = ms[:maxAnchors]
	}
	// Rune offsets of every match, in one pass (matches are sorted by start).
	rs, re := make([]int, len(ms)), make([]int, len(ms))
	prevByte, prevRune := 0, 0
	for i, m := range ms {
		rs[i] = prevRune + utf8.RuneCountInString(text[prevByte:m.start])
		re[i] = rs[i] + utf8.RuneCountInString(text[m.start:m.end])
		prevByte, prevRune = m.start, rs[i]
	}
	bestStart, bestTerms, bestCount := 0, -1, -1
	for a := range ms {
		start := rs[a] - maxRunes/4
		if re[a]-start > maxRunes { // a long match: show its start
			start = min(re[a]-maxRunes, rs[a])
		}
		start = max(0, min(start, total-maxRunes))
		end := start + maxRunes
		var seen uint64
		terms, count := 0, 0
		for b := range ms {
			if rs[b] >= start && re[b] <= end {
				count++
				if bit := uint64(1) << ms[b].pattern; seen&bit == 0 {
					seen |= bit
					terms++
				}
			}
		}
		if terms > bestTerms || terms == bestTerms && count > bestCount {
			bestStart, bestTerms, bestCount = start, terms, count
		}
	}
	ws := byteOffset(text, 0, bestStart)
	return ws, byteOffset(text, ws, maxRunes)
}

// byteOffset returns the byte offset n runes after byte offset from, or
// len(text) when the text ends first.
func byteOffset(text string, from, n int) int {
	i := from
	for ; n > 0 && i < len(text); n-- {
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return i
}

// snapToWords moves the cuts of a window so that no word is shown in part
// (unless it is very long) and no blank edge is left, never dropping a
// marked word that the window shows in full.
func snapToWords(text string, ws, we int, marks [][2]int) (int, int) {
	firstMark, lastMark := we, ws
	for _, m := range marks {
		if m[0] >= ws && m[1] <= we {
			firstMark = min(firstMark, m[0])
			lastMark = max(lastMark, m[1])
		}
	}
	if ws > 0 {
		r0, _ := utf8.DecodeLastRuneInString(text[:ws])
		if inWord(r0) {
			i, n := ws, 0
			for i < firstMark && n < maxWordSnap {
				r, size := utf8.DecodeRuneInString(text[i:])
				if !inWord(r) {
					break
				}
				i += size
				n++
			}
			if i < firstMark && n < maxWordSnap {
				ws = i
			}
		}
		for ws < firstMark {
			r, size := utf8.DecodeRuneInString(text[ws:])
			if !unicode.IsSpace(r) {
				break
			}
			ws += size
		}
	}
	if we < len(text) {
		r1, _ := utf8.DecodeRuneInString(text[we:])
		if inWord(r1) {
			i, n := we, 0
			for i > lastMark && n < maxWordSnap {
				r, size := utf8.DecodeLastRuneInString(text[:i])
				if !inWord(r) {
					break
				}
				i -= size
				n++
			}
			if i > lastMark && i > ws && n < maxWordSnap {
				we = i
			}
		}
		for we > lastMark && we > ws {
			r, size := utf8.DecodeLastRuneInString(text[:we])
			if !unicode.IsSpace(r) {
				break
			}
			we -= size
		}
	}
	return ws, we
}

// inWord reports whether r belongs to a space-delimited word that a cut
// should not split; CJK text can be cut between any two letters.
func inWord(r rune) bool {
	return !isCJK(r) && (isWordRune(r) || unicode.IsMark(r))
}
