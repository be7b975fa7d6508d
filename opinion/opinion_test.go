package opinion

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// pdfTool runs a poppler tool on pdf and returns its output; the test
// fails when poppler-utils is not installed.
func pdfTool(t testing.TB, tool string, pdf []byte, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Fatalf("%s is not installed: run scripts/install-deps.sh (Debian package poppler-utils)", tool)
	}
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, append(args, p, "-")...).CombinedOutput()
	if tool == "pdfinfo" || tool == "pdffonts" {
		out, err = exec.Command(tool, p).CombinedOutput()
	}
	if err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, out)
	}
	return string(out)
}

func pageCount(t testing.TB, pdf []byte) int {
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(pdfTool(t, "pdfinfo", pdf))
	if m == nil {
		t.Fatal("pdfinfo shows no page count")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// squash removes the spaces pdftotext inserts between runs and lines.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

func TestOpinionTextIsAllThere(t *testing.T) {
	if err := CheckFonts(); err != nil {
		t.Fatalf("fonts missing on this machine (run scripts/install-deps.sh): %v", err)
	}
	o := sampleOpinion(2)
	pdf, layout, err := Render(o)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfTool(t, "pdftotext", pdf, "-layout")
	flat := squash(text)
	want := []string{o.Reference, chineseSentence, "Page 1 of", o.DecisionLabel, "Signatures", "awaiting signature", "24 November 2026 14:05 UTC"}
	for _, s := range o.Sections {
		want = append(want, s.Heading)
	}
	for _, s := range o.Signatories {
		want = append(want, s.Name, s.Meaning)
	}
	for _, w := range want {
		if !strings.Contains(flat, squash(w)) {
			t.Errorf("the PDF text lacks %q", w)
		}
	}
	if layout.Pages != pageCount(t, pdf) || layout.SignaturePage < 1 || layout.SignaturePage > layout.Pages {
		t.Errorf("layout %+v does not match the PDF's %d pages", layout, pageCount(t, pdf))
	}
	if len(layout.SignatureRects) != len(o.Signatories) {
		t.Fatalf("%d signature areas for %d signatories", len(layout.SignatureRects), len(o.Signatories))
	}
	for i, r := range layout.SignatureRects {
		if !(r[0] >= 0 && r[2] <= pageW && r[1] >= 0 && r[3] <= pageH && r[2]-r[0] > 100 && r[3]-r[1] > 40) {
			t.Errorf("signature area %d %v is not a sensible on-page rectangle", i, r)
		}
		if i > 0 && layout.SignatureRects[i][3] > layout.SignatureRects[i-1][1] && layout.SignaturePages[i] == layout.SignaturePages[i-1] {
			t.Errorf("signature areas %d and %d overlap", i-1, i)
		}
	}
}

func TestTenPageOpinionCarriesReferenceOnEveryPage(t *testing.T) {
	if err := CheckFonts(); err != nil {
		t.Fatalf("fonts missing on this machine (run scripts/install-deps.sh): %v", err)
	}
	pdf, layout, err := Render(sampleOpinion(tenPages))
	if err != nil {
		t.Fatal(err)
	}
	n := pageCount(t, pdf)
	if n < 9 || n > 12 || n != layout.Pages {
		t.Fatalf("expected about 10 pages, matching the layout's %d; pdfinfo says %d", layout.Pages, n)
	}
	pages := strings.Split(pdfTool(t, "pdftotext", pdf), "\f")
	for i := 0; i < n; i++ {
		if !strings.Contains(pages[i], "EC-2026-0042") || !strings.Contains(pages[i], "Page "+strconv.Itoa(i+1)+" of "+strconv.Itoa(n)) {
			t.Errorf("page %d lacks the reference or its page number", i+1)
		}
	}
	if layout.SignaturePage != n {
		t.Errorf("signature block on page %d of %d; expected the last", layout.SignaturePage, n)
	}
}

func TestParagraphNumberingIsContinuous(t *testing.T) {
	o := sampleOpinion(1)
	o.Sections = []Section{{"First", []string{"one", "two"}}, {"Second", []string{"", "three"}}}
	pdf, _, err := Render(o)
	if err != nil {
		t.Fatal(err)
	}
	flat := squash(pdfTool(t, "pdftotext", pdf))
	if !strings.Contains(flat, "1.one2.two") || !strings.Contains(flat, "Second3.three") {
		t.Errorf("paragraphs not numbered 1–3 across sections (empty ones skipped): %s", flat)
	}
}

func TestLettersOfEveryKind(t *testing.T) {
	for _, k := range []LetterKind{Acknowledgement, RequestForInformation, DecisionNotice} {
		t.Run(k.String(), func(t *testing.T) {
			l := sampleLetter(k)
			pdf, err := RenderLetter(l)
			if err != nil {
				t.Fatal(err)
			}
			flat := squash(pdfTool(t, "pdftotext", pdf))
			for _, w := range []string{l.Reference, l.RecipientName, "1050 Ixelles", k.String(), l.SignOff} {
				if !strings.Contains(flat, squash(w)) {
					t.Errorf("letter lacks %q", w)
				}
			}
		})
	}
}

func TestDraftIsMarked(t *testing.T) {
	o := sampleOpinion(1)
	o.Draft = true
	pdf, _, err := Render(o)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pdfTool(t, "pdftotext", pdf), "DRAFT — not issued") {
		t.Error("a draft opinion does not say it is a draft")
	}
	o.Draft = false
	pdf, _, _ = Render(o)
	if strings.Contains(pdfTool(t, "pdftotext", pdf), "DRAFT") {
		t.Error("an issued opinion is marked as a draft")
	}
}

func TestBadLogoIsAClearError(t *testing.T) {
	o := sampleOpinion(1)
	o.Logo = []byte("not a png")
	if _, _, err := Render(o); err == nil || !strings.Contains(err.Error(), "logo") {
		t.Errorf("want an error naming the logo, got %v", err)
	}
}
