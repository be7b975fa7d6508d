package opinion

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// TestOpinionsRenderedAtOnceAreEachWhole renders different opinions on
// several goroutines at once, as the committee server does when the
// rapporteur and the chair sign at the same moment, and checks each
// against the same opinion rendered alone. gofpdf (third_party/gofpdf)
// keeps its compressors in a pool shared by every document of the
// process: a compressor handed to two documents at once would mix their
// streams, and the text would no longer read back.
func TestOpinionsRenderedAtOnceAreEachWhole(t *testing.T) {
	const n = 6
	opinions := make([]Opinion, n)
	alone := make([][]byte, n)
	for i := range opinions {
		o := sampleOpinion(2 + i%3)
		o.Reference = fmt.Sprintf("AIEC-2026-%03d", 100+i)
		o.Title = fmt.Sprintf("Opinion number %d on the metro gates 第%d号", i, i)
		opinions[i] = o
		pdf, _, err := Render(o)
		if err != nil {
			t.Fatal(err)
		}
		alone[i] = withoutDates(pdf)
	}
	together := make([][]byte, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for round := range 3 {
		for i := range opinions {
			wg.Add(1)
			go func() {
				defer wg.Done()
				pdf, _, err := Render(opinions[(i+round)%n])
				together[(i+round)%n], errs[(i+round)%n] = withoutDates(pdf), err
			}()
		}
		wg.Wait()
		for i := range opinions {
			if errs[i] != nil {
				t.Fatalf("opinion %d rendered beside others: %v", i, errs[i])
			}
			if !bytes.Equal(together[i], alone[i]) {
				t.Fatalf("round %d: opinion %d rendered beside five others differs from the same opinion rendered alone", round, i)
			}
		}
	}
	got := squash(pdfTool(t, "pdftotext", together[n-1]))
	if want := squash(opinions[n-1].Title); !strings.Contains(got, want) {
		t.Errorf("the title %q does not read back from an opinion rendered beside others:\n%.400s", opinions[n-1].Title, got)
	}
}
