package pgstore_test

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"ethicsdesk/pgstore"
)

// A pruned search leaves out every note, opinion and letter with at least
// ShortBelow(kth) words, on the grounds that it scores below kth. Checked
// on PostgreSQL's own ts_rank, for documents of one word repeated (up to
// past the 256 positions a word keeps) and of a word among others, in
// each kind: each scores below the kth that would leave it out, so a
// document scoring s is still read for a cut at s.
func TestRankCeilingOfOtherDocuments(t *testing.T) {
	_, url := openPG(t)
	raw, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var texts []string
	for _, n := range []int{1, 2, 3, 5, 10, 50, 255, 256, 300} {
		texts = append(texts, strings.Repeat("quagga ", n), strings.Repeat("同意", n))
	}
	for others := 1; others <= 40; others += 3 {
		var b strings.Builder
		for i := range others {
			fmt.Fprintf(&b, "w%d ", i)
		}
		for _, n := range []int{1, 2, 7} {
			texts = append(texts, strings.Repeat("quagga ", n)+b.String(), b.String()+strings.Repeat("quagga ", n),
				b.String()+strings.Repeat("同意", n))
		}
	}
	checked := 0
	for kind, factor := range pgstore.OtherKindFactors() {
		for i, text := range texts {
			word := "'quagga'"
			if strings.Contains(text, "同意") {
				word = "'同意'"
			}
			var s float64
			var words int
			err := raw.QueryRow(`SELECT `+pgstore.DocScore+`, length(d.vec) FROM (SELECT $2::bigint AS doc, $3::tsvector AS vec) d`,
				word, int64(i+1)*4+kind, pgstore.NoteVector(text)).Scan(&s, &words)
			if err != nil {
				t.Fatal(err)
			}
			below, ok := pgstore.ShortBelow(s, factor)
			if ok && words >= below {
				t.Errorf("kind %d, %q (%d words) scores %g, but a cut at that score leaves out documents of %d words or more", kind, text[:min(40, len(text))], words, s, below)
			}
			checked++
		}
	}
	if checked < 3*len(texts) {
		t.Fatalf("only %d documents checked", checked)
	}
}

// The bound leaves nothing out when the last kept score is too low for it.
func TestShortBelowRefusesLowScores(t *testing.T) {
	for _, kth := range []float64{0, -1, 1e-20, 0.001} {
		if n, ok := pgstore.ShortBelow(kth, 2); ok {
			t.Errorf("a cut at %g leaves out documents of %d words or more", kth, n)
		}
	}
	if n, ok := pgstore.ShortBelow(0.1, 1); !ok || n != 3 {
		t.Errorf("a cut at 0.1 for a note: %d, %v; want documents of 3 words or more left out", n, ok)
	}
}
