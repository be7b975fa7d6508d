package opinion

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	embedded "ethicsdesk/assets/fonts"
)

// textStyle selects the Latin face; CJK text has one weight only.
type textStyle int

const (
	styleRegular textStyle = iota
	styleBold
	styleItalic
	styleCount
)

// The faces come from the binary (package assets/fonts), never from the
// system: an opinion rendered on any laptop is the same document.
// Liberation Serif (Times metrics) looks like a public body's document;
// WenQuanYi Micro Hei has TrueType outlines, which the PDF library needs
// (Noto CJK's are CFF); DejaVu Sans covers Greek, Cyrillic, Hebrew,
// Arabic and symbols before a character becomes a visible placeholder.
var (
	latinFaces    = [styleCount]string{embedded.SerifRegular, embedded.SerifBold, embedded.SerifItalic}
	cjkFace       = embedded.Chinese
	fallbackFaces = []string{embedded.Sans}
)

// fontLibrary is every face the renderer uses, parsed once.
type fontLibrary struct {
	faces    []*sfntFont
	primary  [styleCount]int // face index per Latin style; -1 when none
	fallback []int           // tried in order when the primary face lacks a character
	hasCJK   bool
	problems []string // why a face could not be used, for CheckFonts
}

var (
	libraryOnce sync.Once
	library     *fontLibrary
)

// fonts returns the process-wide font library, loading it on first use.
func fonts() *fontLibrary {
	libraryOnce.Do(func() { library = loadFontLibrary(embedded.Face) })
	return library
}

// ErrNoCJKFont is reported by CheckFonts when the Chinese face could not
// be loaded. Documents still render, with each Chinese character shown
// as a placeholder, so that a damaged build never blocks the office.
var ErrNoCJKFont = errors.New("the Chinese font built into Ethics Desk could not be loaded, so Chinese text will print as question marks; reinstall Ethics Desk")

// CheckFonts reports whether the faces needed for bilingual documents
// loaded; the application can show this once at start-up.
func CheckFonts() error {
	lib := fonts()
	if !lib.hasCJK {
		return ErrNoCJKFont
	}
	if lib.primary[styleRegular] < 0 {
		return fmt.Errorf("the serif font built into Ethics Desk could not be loaded (%s), so documents use a basic built-in font; reinstall Ethics Desk", strings.Join(lib.problems, "; "))
	}
	return nil
}

// loadFontLibrary parses the faces open returns; a face open cannot give
// is left out, and rendering falls back as documented in doc.go.
func loadFontLibrary(open func(name string) ([]byte, error)) *fontLibrary {
	lib := &fontLibrary{primary: [styleCount]int{-1, -1, -1}}
	load := func(name string) int {
		data, err := open(name)
		if err == nil {
			var f *sfntFont
			if f, err = readFace(data); err == nil {
				lib.faces = append(lib.faces, f)
				return len(lib.faces) - 1
			}
		}
		lib.problems = append(lib.problems, fmt.Sprintf("%s: %v", name, err))
		return -1
	}
	if reg := load(latinFaces[styleRegular]); reg >= 0 {
		lib.primary = [styleCount]int{reg, reg, reg}
		for s := styleBold; s < styleCount; s++ {
			if i := load(latinFaces[s]); i >= 0 {
				lib.primary[s] = i
			}
		}
	}
	if i := load(cjkFace); i >= 0 {
		lib.fallback = append(lib.fallback, i)
		lib.hasCJK = true
	}
	for _, name := range fallbackFaces {
		if i := load(name); i >= 0 {
			lib.fallback = append(lib.fallback, i)
		}
	}
	// With no serif at all, the first fallback (often the CJK face, which
	// has Latin letters too) stands in for every style.
	if lib.primary[styleRegular] < 0 && len(lib.fallback) > 0 {
		lib.primary = [styleCount]int{lib.fallback[0], lib.fallback[0], lib.fallback[0]}
	}
	return lib
}

func readFace(data []byte) (*sfntFont, error) {
	data, err := extractTTCFace(data, 0)
	if err != nil {
		return nil, err
	}
	return parseSfnt(data)
}

// placeholder is drawn for characters no installed font can show.
const placeholder = '?'

// resolve picks the face that draws r in style s, substituting the
// placeholder when no face can. face is -1 only when there are no
// TrueType fonts at all (core-font mode).
func (lib *fontLibrary) resolve(r rune, s textStyle) (rune, int) {
	p := lib.primary[s]
	if p < 0 {
		return coreRune(r), -1
	}
	if lib.faces[p].has(r) {
		return r, p
	}
	for _, i := range lib.fallback {
		if lib.faces[i].has(r) {
			return r, i
		}
	}
	return placeholder, p
}

// coreRune maps r into what gofpdf's built-in Times (cp1252) can show.
func coreRune(r rune) rune {
	if r < 0x20 || (r >= 0x7F && r < 0xA0) || r > 0xFF {
		switch r {
		case '—', '–', '‘', '’', '“', '”', '…', '•', '€':
			return r
		}
		return placeholder
	}
	return r
}
