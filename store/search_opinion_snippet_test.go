package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// An opinion found by a search shows the words of its paragraphs in the
// snippet, not the stored form of the opinion (its JSON).
func TestAnOpinionsSnippetIsItsParagraphsText(t *testing.T) {
	f := newSearchFixture(t)
	ctx := context.Background()
	op := cases.Opinion{CaseID: f.ids["noted"], UpdatedAt: time.Now(), UpdatedBy: "Li Na",
		Text: cases.OpinionText{Decision: cases.DecisionUpheld, Paragraphs: []cases.Paragraph{
			{Heading: cases.HeadFindings, Text: "The bank kept no record."},
			{Heading: cases.HeadFindings, Text: "Its scoring relied on a proxy for postcode."}}}}
	if err := f.db.SaveOpinionVersion(ctx, &op, 0, cases.AuditEntry{Actor: secretary, Action: "opinion.save", Entity: "opinion"}); err != nil {
		t.Fatal(err)
	}
	hits := f.expect(t, secretary, "postcode", "noted")
	snippet := cases.SpansText(hits[0].Snippet, "[", "]")
	if hits[0].Source != cases.SourceOpinion || !strings.Contains(snippet, "Its scoring relied on a proxy for [postcode].") ||
		strings.ContainsAny(snippet, `{}"`) {
		t.Fatalf("opinion hit: %s %q", hits[0].Source, snippet)
	}
}
