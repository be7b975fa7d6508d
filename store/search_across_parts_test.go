package store_test

import (
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// A query of eight words, the most the search across a case's documents
// takes, still finds the case whose summary, parties and note hold them
// between them.
func TestEightWordsSpreadOverACasesDocumentsFindIt(t *testing.T) {
	f := newSearchFixture(t)
	// Futian, applicant, credit: the case's title and summary; Harbour,
	// LoanScore: its parties; branch, door, mentioned: its public note.
	f.expect(t, secretary, "Futian applicant credit Harbour LoanScore branch door mentioned", "noted")
}

// A case found across its documents shows the snippet of the rarest
// word's document; of words equally rare, the one typed first.
func TestAcrossDocumentsTheFirstOfEquallyRareWordsGivesTheSnippet(t *testing.T) {
	f := newSearchFixture(t)
	// Each word is in one document of the register: "applicant" in the
	// case's summary, "branch" in its note.
	for _, tc := range []struct {
		text    string
		source  cases.SearchSource
		snippet string
	}{
		{"applicant branch", cases.SourceCase, "An [applicant] was refused credit."},
		{"branch applicant", cases.SourceNote, "[branch]"},
	} {
		hits := f.expect(t, secretary, tc.text, "noted")
		snippet := cases.SpansText(hits[0].Snippet, "[", "]")
		if hits[0].Source != tc.source || !strings.Contains(snippet, tc.snippet) {
			t.Errorf("%q: found in a %s, snippet %q; want the %s holding %q", tc.text, hits[0].Source, snippet, tc.source, tc.snippet)
		}
	}
}
