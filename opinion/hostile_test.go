package opinion

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"
)

// Hostile or odd user text must never crash rendering nor push text off
// the page; it may only look odd.
func TestHostileTextRenders(t *testing.T) {
	long := strings.Repeat("x", 5000)
	cases := map[string]string{
		"long word":        "Prefix " + long + " suffix",
		"long CJK run":     strings.Repeat("委员会认为", 2000),
		"control chars":    "bell\a nul\x00 esc\x1b del\x7f c1\u0085 tab\there\r\nnext",
		"emoji":            "Approved 👍🏽 with conditions 🚀 — 👨‍👩‍👧",
		"right to left":    "The submitter wrote: مرحبا بالعالم and שלום עולם.",
		"invalid UTF-8":    "broken \xff\xfe bytes \xc3",
		"100 KB paragraph": strings.Repeat("The committee notes the argument. 委员会注意到该论点。 ", 2000),
		"only newlines":    "\n\n\n",
		"zero width":       "a\u200bb\u200e\u202ec\ufeff",
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			o := sampleOpinion(1)
			o.Title = text[:min(len(text), 300)]
			o.Parties = append(o.Parties, Field{text, text})
			o.Sections = []Section{{Heading: text, Paragraphs: []string{text, "", " "}}, {}, {Heading: "", Paragraphs: nil}}
			o.DecisionText = text
			o.Signatories = append(o.Signatories, Signatory{Name: text, Role: text, Meaning: text, SignedAt: time.Now()})
			o.AuditHead = text
			pdf, layout, err := Render(o)
			if err != nil {
				t.Fatalf("render failed: %v", err)
			}
			if len(pdf) < 1000 || layout.Pages < 1 || len(layout.SignatureRects) != len(o.Signatories) {
				t.Fatalf("implausible output: %d bytes, layout %+v", len(pdf), layout)
			}
			l := sampleLetter(Acknowledgement)
			l.RecipientName, l.RecipientAddress, l.Subject = text, text, text
			l.Paragraphs = []string{text}
			if _, err := RenderLetter(l); err != nil {
				t.Fatalf("letter failed: %v", err)
			}
		})
	}
}

func TestEmptyOpinionRenders(t *testing.T) {
	pdf, layout, err := Render(Opinion{})
	if err != nil || len(pdf) == 0 || layout.Pages != 1 || layout.SignaturePage != 0 {
		t.Fatalf("empty opinion: err %v, layout %+v", err, layout)
	}
}

func TestLongWordStaysInsideTheMargins(t *testing.T) {
	d := NewDocument(testLetterhead, "R-1", testDate, "t")
	w := newWriter(d)
	for _, ln := range w.wrap("start "+strings.Repeat("W", 3000)+strings.Repeat("字", 500), bodySpec, textW) {
		if ln.width > textW+0.01 {
			t.Fatalf("a line is %.1f pt wide, wider than the %.1f pt text column", ln.width, textW)
		}
	}
}

func TestDocumentBuilderBlocks(t *testing.T) {
	lh := testLetterhead
	lh.Logo = testPNG(t)
	d := NewDocument(lh, "MIN-2026-07", testDate, "Minutes of the meeting of 24 November 2026")
	d.Image(testPNG(t), 120, 0)
	d.Title("Minutes", "Meeting of 24 November 2026")
	d.Heading("Attendance")
	d.KeyValues([]Field{{"Chair", "王芳"}, {"Secretary", "Marc Dupont"}})
	d.Table([]string{"Case", "Subject", "Outcome"}, [][]string{
		{"EC-2026-0042", "HomeScore 住房评分", "Upheld"},
		{"EC-2026-0043", strings.Repeat("long subject ", 40), ""},
		{"short row"},
	}, []float64{1, 3, 1})
	for i := 0; i < 80; i++ {
		d.Table(nil, [][]string{{"row", strings.Repeat("tall cell ", 5)}}, nil)
	}
	d.Box("Resolution", "The committee resolved to adopt the opinion.")
	d.Box("Empty box", "")
	d.Paragraph(true, "First numbered point.")
	d.PageBreak()
	d.Note("Small print.")
	pdf, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	flat := squash(pdfTool(t, "pdftotext", pdf))
	for _, w := range []string{"Attendance", "王芳", "HomeScore住房评分", "Resolution", "1.Firstnumberedpoint.", "Smallprint."} {
		if !strings.Contains(flat, w) {
			t.Errorf("minutes lack %q", w)
		}
	}
}

// Punctuation stays with the character it belongs to, full-width or
// ASCII alike.
func TestTokenizeKeepsPunctuationWithItsCharacter(t *testing.T) {
	for text, want := range map[string][]string{
		"系统。AI（测试）ok": {"系", "统。", "AI", "（测", "试）", "ok"},
		"委员会(见附件)。":   {"委", "员", "会", "(见", "附", "件)。"},
	} {
		var got []string
		for _, tk := range tokenize(text) {
			got = append(got, tk.text)
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("tokens of %q: %q, want %q", text, got, want)
		}
	}
}

// PDF strings are escaped byte by byte, and Chinese text is written as
// UTF-16, where characters such as 小 (U+5C0F) and 稀 (U+7A00) hold a
// backslash or parenthesis byte: all of it must read back as typed.
func TestEscapedCharactersReadBack(t *testing.T) {
	text := `Rule (a) \ clause [b] {c}: 小组（第三）认为 ) ( \ 稀 《办法》。`
	o := sampleOpinion(1)
	o.Sections = []Section{{Heading: "Escapes", Paragraphs: []string{text}}}
	pdf, _, err := Render(o)
	if err != nil {
		t.Fatal(err)
	}
	if got := squash(pdfTool(t, "pdftotext", pdf)); !strings.Contains(got, squash(text)) {
		t.Errorf("the paragraph did not read back as typed:\n%s\nwant it to contain\n%s", got, squash(text))
	}
}

// testPNG is a small grey seal-like square.
func testPNG(t *testing.T) []byte {
	img := image.NewGray(image.Rect(0, 0, 64, 64))
	for i := range img.Pix {
		img.Pix[i] = uint8(80 + i%97)
	}
	img.SetGray(0, 0, color.Gray{0})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
