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
}

// drawnTexts lists every run of text pdftohtml finds in pdf.
func drawnTexts(t *testing.T, pdf []byte) []drawnText {
	t.Helper()
	var doc struct {
		Pages []struct {
			Fonts []struct {
				ID     string `xml:"id,attr"`
				Family string `xml:"family,attr"`
				Color  string `xml:"color,attr"`
			} `xml:"fontspec"`
			Texts []struct {
				Font  string `xml:"font,attr"`
				Inner string `xml:",innerxml"`
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
			texts = append(texts, drawnText{text: inner, family: f.family, color: f.color})
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
func TestEveryCharacterIsDrawnInAFaceThatHasIt(t *testing.T) {
	lib := fonts()
	if lib.primary[styleRegular] < 0 {
		t.Fatal("the embedded faces did not load")
	}
	o := sampleOpinion(3)
	o.Sections[0].Paragraphs = append(o.Sections[0].Paragraphs,
		"Mixed 中文 words, alternating 英文 and 汉字 on one justified line: the committee 委员会 notes 注意到 that the respondent 被申诉人 did not reply 未答复 within the period 期限 the secretariat 秘书处 set.")
	for _, doc := range []Opinion{o, chineseOpinion(Bilingual, 3)} {
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
