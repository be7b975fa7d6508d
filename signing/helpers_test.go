package signing

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"
)

// makePDF renders a plain opinion-like document with gofpdf, as the opinion
// package will.
func makePDF(t testing.TB, pages int, compress bool) []byte {
	t.Helper()
	f := gofpdf.New("P", "mm", "A4", "")
	f.SetCompression(compress)
	f.SetFont("Helvetica", "", 12)
	for p := 1; p <= pages; p++ {
		f.AddPage()
		f.Cell(0, 10, fmt.Sprintf("Opinion EC-2025-0001, page %d of %d", p, pages))
		f.Ln(12)
		f.MultiCell(0, 6, strings.Repeat("The committee considered the submission and its annexes. ", 20), "", "", false)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// fixture holds a committee root, two members and a doubly signed opinion.
type fixture struct {
	root, otherRoot             *Authority
	rapporteur, chair, stranger *Identity
	unsigned, once, twice       []byte
}

var (
	fixtureOnce sync.Once
	fixtureVal  *fixture
	fixtureErr  error
)

func newFixture(t testing.TB) *fixture {
	t.Helper()
	fixtureOnce.Do(func() { fixtureVal, fixtureErr = buildFixture(t) })
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return fixtureVal
}

func buildFixture(t testing.TB) (*fixture, error) {
	now := time.Now()
	fx := &fixture{}
	var err error
	if fx.root, err = NewRoot("Ethics Committee Root CA", "Shenzhen AI Ethics Committee", now); err != nil {
		return nil, err
	}
	if fx.otherRoot, err = NewRoot("Someone Else's CA", "Elsewhere", now); err != nil {
		return nil, err
	}
	if fx.rapporteur, err = IssueMember(fx.root, "Li Wei", "Rapporteur", "li.wei@example.org", now); err != nil {
		return nil, err
	}
	if fx.chair, err = IssueMember(fx.root, "Maria Chen", "Chair", "maria.chen@example.org", now); err != nil {
		return nil, err
	}
	if fx.stranger, err = IssueMember(fx.otherRoot, "Mallory", "Chair", "", now); err != nil {
		return nil, err
	}
	fx.unsigned = makePDF(t, 3, true)
	if fx.once, err = SignPDF(fx.unsigned, fx.rapporteur, SignatureInfo{
		Reason: "Rapporteur — author", Location: "Shenzhen", Time: now, FieldName: "Rapporteur",
		Page: 3, Rect: [4]float64{50, 100, 250, 150},
	}); err != nil {
		return nil, err
	}
	if fx.twice, err = SignPDF(fx.once, fx.chair, SignatureInfo{
		Reason: "Chair — approval", Location: "Shenzhen", Time: now, FieldName: "Chair",
		Page: 3, Rect: [4]float64{300, 100, 500, 150},
	}); err != nil {
		return nil, err
	}
	return fx, nil
}

// pdfsig runs poppler's pdfsig on data and returns its output, skipping the
// test when pdfsig is not installed.
func pdfsig(t *testing.T, data []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdfsig")
	if err != nil {
		t.Fatal("pdfsig is not installed: run scripts/install-deps.sh (poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfsig failed: %v\n%s", err, out)
	}
	return string(out)
}

// pdfsigBlocks splits pdfsig's output into one text block per signature.
func pdfsigBlocks(out string) []string {
	parts := strings.Split(out, "Signature #")
	if len(parts) <= 1 {
		return nil
	}
	return parts[1:]
}
