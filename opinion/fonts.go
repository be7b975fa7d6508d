package opinion

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// FontDirEnv names an environment variable holding a directory that is
// searched for fonts before the system locations, e.g. for a portable
// install that ships its own fonts.
const FontDirEnv = "ETHICSDESK_FONT_DIR"

// textStyle selects the Latin face; CJK text has one weight only.
type textStyle int

const (
	styleRegular textStyle = iota
	styleBold
	styleItalic
	styleCount
)

// fontFile is one candidate font: file names tried in each directory,
// and the face to take when the file is a TrueType Collection.
type fontFile struct {
	names []string
	face  int
}

// latinFamily is a serif family with its three styles; bold and italic
// fall back to regular when absent.
type latinFamily struct {
	regular, bold, italic fontFile
}

func one(names ...string) fontFile { return fontFile{names: names} }

// Candidates, best first. Liberation Serif (Times metrics) looks the most
// like a public body's document; DejaVu Serif is on nearly every Linux
// system. Windows and macOS names are listed for completeness.
var latinFamilies = []latinFamily{
	{one("LiberationSerif-Regular.ttf"), one("LiberationSerif-Bold.ttf"), one("LiberationSerif-Italic.ttf")},
	{one("DejaVuSerif.ttf"), one("DejaVuSerif-Bold.ttf"), one("DejaVuSerif-Italic.ttf")},
	{one("times.ttf", "Times New Roman.ttf"), one("timesbd.ttf", "Times New Roman Bold.ttf"), one("timesi.ttf", "Times New Roman Italic.ttf")},
}

// cjkFonts must have TrueType (glyf) outlines: Noto CJK is CFF and is
// therefore not listed.
var cjkFonts = []fontFile{
	{names: []string{"wqy-microhei.ttc"}},
	{names: []string{"wqy-zenhei.ttc"}},
	{names: []string{"msyh.ttc"}},
	{names: []string{"simsun.ttc"}},
}

// fallbackFonts cover scripts neither the serif nor the CJK face has
// (Greek, Cyrillic, Hebrew, Arabic, symbols) before a character is
// replaced by a visible placeholder.
var fallbackFonts = []fontFile{
	one("DejaVuSerif.ttf"),
	one("DejaVuSans.ttf"),
}

var systemFontDirs = []string{
	"/usr/share/fonts/truetype/liberation",
	"/usr/share/fonts/truetype/liberation2",
	"/usr/share/fonts/truetype/dejavu",
	"/usr/share/fonts/truetype/wqy",
	"/usr/share/fonts/liberation-serif", // Fedora
	"/usr/share/fonts/dejavu-serif-fonts",
	"/usr/share/fonts/dejavu-sans-fonts",
	"/usr/share/fonts/dejavu",
	"/usr/share/fonts/wqy-microhei",
	"/usr/share/fonts/wqy-zenhei",
	"/usr/local/share/fonts",
	"/Library/Fonts",
	"/System/Library/Fonts/Supplemental",
	`C:\Windows\Fonts`,
}

// fontLibrary is every face found on this machine, parsed once.
type fontLibrary struct {
	faces    []*sfntFont
	primary  [styleCount]int // face index per Latin style; -1 when none
	fallback []int           // tried in order when the primary face lacks a character
	hasCJK   bool
	problems []string // why something is missing, for FontProblems
}

var (
	libraryOnce sync.Once
	library     *fontLibrary
)

// fonts returns the process-wide font library, loading it on first use.
func fonts() *fontLibrary {
	libraryOnce.Do(func() { library = loadFontLibrary(fontDirs()) })
	return library
}

func fontDirs() []string {
	var dirs []string
	if d := os.Getenv(FontDirEnv); d != "" {
		dirs = append(dirs, d)
	}
	return append(dirs, systemFontDirs...)
}

// ErrNoCJKFont is reported by CheckFonts when no usable Chinese font is
// installed. Documents still render, with each Chinese character shown
// as a placeholder, so that a missing font never blocks the office.
var ErrNoCJKFont = errors.New("no Chinese font is installed, so Chinese text will print as question marks; install the package fonts-wqy-microhei")

// CheckFonts reports whether the fonts needed for bilingual documents
// were found; the application can show this once at start-up.
func CheckFonts() error {
	lib := fonts()
	if !lib.hasCJK {
		return ErrNoCJKFont
	}
	if lib.primary[styleRegular] < 0 {
		return errors.New("no TrueType serif font is installed, so documents use a basic built-in font; install the package fonts-liberation or fonts-dejavu-core")
	}
	return nil
}

func loadFontLibrary(dirs []string) *fontLibrary {
	lib := &fontLibrary{primary: [styleCount]int{-1, -1, -1}}
	byPath := map[string]int{} // a file used in two roles is parsed once
	load := func(ff fontFile) int {
		path := findFontFile(dirs, ff.names)
		if path == "" {
			return -1
		}
		key := fmt.Sprintf("%s#%d", path, ff.face)
		if i, ok := byPath[key]; ok {
			return i
		}
		f, err := readFace(path, ff.face)
		if err != nil {
			lib.problems = append(lib.problems, fmt.Sprintf("%s: %v", path, err))
			byPath[key] = -1
			return -1
		}
		lib.faces = append(lib.faces, f)
		byPath[key] = len(lib.faces) - 1
		return len(lib.faces) - 1
	}
	for _, fam := range latinFamilies {
		if reg := load(fam.regular); reg >= 0 {
			lib.primary = [styleCount]int{reg, reg, reg}
			if b := load(fam.bold); b >= 0 {
				lib.primary[styleBold] = b
			}
			if it := load(fam.italic); it >= 0 {
				lib.primary[styleItalic] = it
			}
			break
		}
	}
	for _, ff := range cjkFonts {
		if i := load(ff); i >= 0 {
			lib.fallback = append(lib.fallback, i)
			lib.hasCJK = true
			break
		}
	}
	for _, ff := range fallbackFonts {
		if i := load(ff); i >= 0 && i != lib.primary[styleRegular] {
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

func findFontFile(dirs, names []string) string {
	for _, d := range dirs {
		for _, n := range names {
			p := filepath.Join(d, n)
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				return p
			}
		}
	}
	return ""
}

func readFace(path string, face int) (*sfntFont, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	data, err = extractTTCFace(data, face)
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
