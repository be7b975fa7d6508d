package opinion

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// cleanText makes user text safe to typeset: invalid UTF-8 becomes the
// placeholder, tabs become spaces, line breaks are kept, and control and
// bidi-formatting characters (which gofpdf would print as boxes or which
// would promise a reordering we cannot do) are dropped. Right-to-left
// text is therefore printed in logical order, unshaped.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(placeholder)
		case r == '\n':
			b.WriteRune('\n')
		case r == '\t' || r == '\r':
			b.WriteRune(' ')
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			// dropped: C0/C1 controls, zero-width and bidi marks
		case r > 0xFFFF:
			b.WriteRune(placeholder) // emoji and other astral characters
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// oneLine is cleanText for fields printed on a single line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(cleanText(s)), " ")
}

// isCJK reports characters after or before which a line may break even
// without a space, as in Chinese and Japanese typesetting.
func isCJK(r rune) bool {
	switch {
	case r >= 0x2E80 && r <= 0x9FFF, // radicals, punctuation, kana, CJK ideographs
		r >= 0xAC00 && r <= 0xD7AF, // Hangul
		r >= 0xF900 && r <= 0xFAFF, // compatibility ideographs
		r >= 0xFF00 && r <= 0xFFEF: // full-width forms
		return true
	}
	return false
}

// noBreakBefore holds closing punctuation that must not start a line;
// noBreakAfter holds opening punctuation that must not end one.
const (
	noBreakBefore = "，。、；：？！）》」』】〕〉〗〙｝］…‥％”’·～,.;:?!)]}%"
	noBreakAfter  = "（《「『【〔〈〖〘｛［“‘([{"
)

// noBreakBeforeSet and noBreakAfterSet are the two lists as sets: tokenize
// asks about every character of an opinion.
var noBreakBeforeSet, noBreakAfterSet = newRuneSet(noBreakBefore), newRuneSet(noBreakAfter)

// runeSet answers for ASCII from a table, for the rest from a map.
type runeSet struct {
	ascii [128]bool
	other map[rune]bool
}

func newRuneSet(s string) *runeSet {
	set := &runeSet{other: map[rune]bool{}}
	for _, r := range s {
		if r < 128 {
			set.ascii[r] = true
		} else {
			set.other[r] = true
		}
	}
	return set
}

func (s *runeSet) has(r rune) bool {
	if r >= 0 && r < 128 {
		return s.ascii[r]
	}
	return s.other[r]
}

// token is the unit of line breaking: a word, one CJK character with its
// attached punctuation, or a run of spaces.
type token struct {
	text  string
	space bool
}

// tokenize splits a line of text into break units.
func tokenize(s string) []token {
	var toks []token
	start := 0
	emit := func(end int, space bool) {
		if end > start {
			toks = append(toks, token{text: s[start:end], space: space})
		}
		start = end
	}
	prevCJK, prevSpace, prevOpen := false, false, false
	for i, r := range s {
		space := r == ' '
		cjk := isCJK(r)
		switch {
		case i == start:
		case space != prevSpace:
			emit(i, prevSpace)
		case space:
		case prevOpen:
			// keep opening punctuation with what follows
		case noBreakBeforeSet.has(r):
			// keep closing punctuation with what precedes
		case cjk || prevCJK:
			emit(i, false)
		}
		prevCJK, prevSpace = cjk, space
		prevOpen = noBreakAfterSet.has(r)
	}
	emit(len(s), prevSpace)
	return toks
}

// run is a stretch of text drawn with one face.
type run struct {
	text string
	face int
}

// splitRuns splits text into runs per face, substituting characters no
// font can draw. This is the glyph fallback gofpdf lacks.
func (lib *fontLibrary) splitRuns(s string, st textStyle) []run {
	var runs []run
	var b strings.Builder
	cur := -2
	for _, r := range s {
		r2, face := lib.resolve(r, st)
		if face != cur && b.Len() > 0 {
			runs = append(runs, run{b.String(), cur})
			b.Reset()
		}
		cur = face
		b.WriteRune(r2)
	}
	if b.Len() > 0 {
		runs = append(runs, run{b.String(), cur})
	}
	return runs
}
