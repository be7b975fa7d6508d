package opinion

import (
	"encoding/xml"
	"strconv"
	"strings"
	"testing"
)

// drawnText is one run of text as poppler's pdftohtml reads it from the
// file: the words, the embedded face that draws them and their colour.
type drawnText struct {
	text, family, color string
	// left and right edges and top in points, as poppler places the glyphs
	left, right, top float64
}

// drawnTexts lists every run of text pdftohtml finds in pdf.
func drawnTexts(t *testing.T, pdf []byte) []drawnText {
	t.Helper()
	var doc struct {
		Pages []struct {
			Width float64 `xml:"width,attr"`
			Fonts []struct {
				ID     string `xml:"id,attr"`
				Family string `xml:"family,attr"`
				Color  string `xml:"color,attr"`
			} `xml:"fontspec"`
			Texts []struct {
				Font  string  `xml:"font,attr"`
				Left  float64 `xml:"left,attr"`
				Top   float64 `xml:"top,attr"`
				Width float64 `xml:"width,attr"`
				Inner string  `xml:",innerxml"`
			} `xml:"text"`
		} `xml:"page"`
	}
	out := pdfTool(t, "pdftohtml", pdf, "-xml", "-i", "-stdout")
	// pdftohtml declares a DTD it does not ship; the reader needs none.
	d := xml.NewDecoder(strings.NewReader(out))
	d.Strict = false
	if err := d.Decode(&doc); err != nil {
		t.Fatalf("pdftohtml's XML: %v\n%.500s", err, out)
	}
	fonts := map[string]drawnText{} // fontspec ids are shared by later pages
	var texts []drawnText
	for _, p := range doc.Pages {
		for _, f := range p.Fonts {
			fonts[f.ID] = drawnText{family: f.Family, color: f.Color}
		}
		for _, tx := range p.Texts {
			f, ok := fonts[tx.Font]
			if !ok {
				t.Fatalf("pdftohtml names font %q, which it never described", tx.Font)
			}
			inner := strings.NewReplacer("<b>", "", "</b>", "", "<i>", "", "</i>", "", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'").Replace(tx.Inner)
			pt := pageW / p.Width // pdftohtml's pixels to points
			texts = append(texts, drawnText{text: inner, family: f.family, color: f.color,
				left: tx.Left * pt, right: (tx.Left + tx.Width) * pt, top: tx.Top * pt})
		}
	}
	if len(texts) == 0 {
		t.Fatal("pdftohtml found no text at all")
	}
	return texts
}

// Every character on the page is drawn in a face that has it. A line
// mixes faces — English words in the Latin face, Chinese in the CJK one —
// and a justified line is drawn word by word, each setting its face only
// when it differs from the word before: a character drawn in the wrong
// face prints as an empty box, although copying the text would still give
// the right characters.
// mixedScriptOpinions are an English opinion with a paragraph mixing
// Latin and Chinese words and punctuation on justified lines, and a
// bilingual one, of the given number of sections.
func mixedScriptOpinions(sections int) []Opinion {
	o := sampleOpinion(sections)
	o.Sections[0].Paragraphs = append(o.Sections[0].Paragraphs,
		"Mixed 中文 words, alternating 英文 and 汉字 on one justified line: the committee 委员会 notes 注意到 that the respondent 被申诉人 did not reply 未答复 «in time» [§ 4(b)] within the period 期限 the secretariat 秘书处 set — 100% of 3½ pages.")
	return []Opinion{o, chineseOpinion(Bilingual, sections)}
}

func TestEveryCharacterIsDrawnInAFaceThatHasIt(t *testing.T) {
	lib := fonts()
	if lib.primary[styleRegular] < 0 {
		t.Fatal("the embedded faces did not load")
	}
	for _, doc := range mixedScriptOpinions(3) {
		pdf, _, err := Render(doc)
		if err != nil {
			t.Fatal(err)
		}
		faces := map[string]bool{}
		for _, d := range drawnTexts(t, pdf) {
			n, ok := strings.CutPrefix(d.family, "utf8face")
			if !ok {
				continue // the built-in Helvetica of a signature field's label
			}
			i, err := strconv.Atoi(n)
			if err != nil || i < 0 || i >= len(lib.faces) {
				t.Fatalf("text %q is drawn in %q, which is none of the embedded faces", d.text, d.family)
			}
			faces[d.family] = true
			for _, r := range d.text {
				if r == ' ' {
					continue // pdftohtml's own spacing between runs
				}
				if !lib.faces[i].has(r) {
					t.Errorf("%q in %q is drawn in face %d, which has no glyph for it", r, d.text, i)
					break
				}
			}
		}
		if len(faces) < 3 {
			t.Errorf("the opinion is drawn in %d faces (%v); Latin, bold and Chinese text need at least three", len(faces), faces)
		}
	}
}

// Labels are printed gray and what follows them black, line after line:
// the colour a line sets is never carried to the next.
func TestLabelsAreGrayAndTheirValuesBlack(t *testing.T) {
	pdf, _, err := Render(sampleOpinion(1))
	if err != nil {
		t.Fatal(err)
	}
	colour := map[string]string{}
	for _, d := range drawnTexts(t, pdf) {
		if _, seen := colour[d.text]; !seen {
			colour[d.text] = d.color
		}
	}
	for _, label := range []string{"Reference", "Submitter", "Respondent"} {
		c, ok := colour[label]
		switch {
		case !ok:
			t.Errorf("no text reads %q; the texts are %v", label, colour)
		case c == "#000000":
			t.Errorf("the label %q is printed black; labels are gray", label)
		}
	}
	for _, value := range []string{"EC-2026-0042", "City Housing Agency"} {
		if c, ok := colour[value]; !ok || c != "#000000" {
			t.Errorf("the value %q is printed in %q (found: %v); values are black", value, c, ok)
		}
	}
}

// Justified lines end on the right margin and nothing crosses it: a
// line of Chinese, justified between every two characters, is drawn as
// one run whose character spacing is the gap, which must neither be lost
// nor carried to the text after it.
func TestJustifiedLinesMeetTheRightMargin(t *testing.T) {
	o := chineseOpinion(Bilingual, 3)
	// ䷀ is a Chinese character only the fallback sans face has: the
	// line's run of characters changes face at it and must keep its gaps.
	// A long word wraps, leaving the Chinese lines before it wide gaps: the
	// first changes face in its run, the second ends on a character with
	// its punctuation (one piece of text, no gap inside).
	o.Sections[0].Paragraphs = append(o.Sections[0].Paragraphs,
		"委员会认为该系统未充分保护个人信息，且䷀未提供有效的申诉 interdisciplinary-accountability-mechanisms remain necessary.",
		"委员会认为该系统未充分保护个人信息未提供有效的申诉渠道。 interdisciplinary-accountability-mechanisms remain necessary.")
	pdf, _, err := Render(o)
	if err != nil {
		t.Fatal(err)
	}
	const margin = pageW - marginR
	tolerance := 1.5 * pageW / 892 // pdftohtml's whole pixels
	chineseFull, latinFull := 0, 0
	texts := drawnTexts(t, pdf)
	hexagramLineEnd := 0.0
	for _, d := range texts {
		if strings.Contains(d.text, "䷀") {
			for _, e := range texts {
				if e.top > d.top-2 && e.top < d.top+2 {
					hexagramLineEnd = max(hexagramLineEnd, e.right)
				}
			}
		}
	}
	if hexagramLineEnd < margin-tolerance || hexagramLineEnd > margin+tolerance {
		t.Errorf("the justified line holding ䷀ ends at %.1f pt, not at the right margin (%.1f pt)", hexagramLineEnd, margin)
	}
	for _, d := range texts {
		if d.right > margin+tolerance {
			t.Errorf("%q ends at %.1f pt, beyond the right margin at %.1f pt", d.text, d.right, margin)
		}
		if d.left < marginL-tolerance {
			t.Errorf("%q starts at %.1f pt, left of the margin at %.1f pt", d.text, d.left, float64(marginL))
		}
		if d.right < margin-tolerance || !strings.HasPrefix(d.family, "utf8face") {
			continue
		}
		cjk := true
		for _, r := range d.text {
			if !isCJK(r) && !strings.ContainsRune("，。、；：？！（）“”", r) {
				cjk = false
			}
		}
		if cjk {
			chineseFull++
		} else {
			latinFull++
		}
	}
	if chineseFull < 5 || latinFull < 5 {
		t.Errorf("%d lines of Chinese and %d of English reach the right margin; a justified opinion has dozens", chineseFull, latinFull)
	}
}
