package store_test

import (
	"testing"

	"ethicsdesk/cases"
)

// A case found by its respondent or AI system shows them in its snippet,
// the two joined by a middle dot, not the summary, which holds neither.
func TestASearchForTheRespondentShowsThePartiesInTheSnippet(t *testing.T) {
	f := newSearchFixture(t)
	hits := f.expect(t, secretary, "LoanScore", "facial", "noted", "chinese", "mixed", "secret", "deleted")
	for _, h := range hits {
		if h.Source != cases.SourceCase {
			t.Fatalf("%s found in a %s, not in the case", h.Reference, h.Source)
		}
		if got := cases.SpansText(h.Snippet, "[", "]"); got != "Harbour Bank · [LoanScore]" {
			t.Errorf("%s: snippet %q, want the respondent and the AI system", h.Reference, got)
		}
	}
}
