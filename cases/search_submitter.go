package cases

import (
	"context"

	"ethicsdesk/textindex"
)

// namesSubmitters says whether a search by actor for text also looks for
// the cases whose submitter it names.
func namesSubmitters(actor User, text string) bool {
	return actor.Can(ActViewSubmitter) && len([]rune(text)) >= 2
}

// submitterQuery is q narrowed to the cases whose submitter is named text.
func (s *Service) submitterQuery(actor User, text string, q Query) Query {
	q.Submitter = text
	q.Today, q.Viewer = s.Today(), actor
	return q
}

// withSubmitterHits puts first the cases whose submitter is named text, or
// has it as contact address, when the actor may see submitters: a secretary
// who types 王小明 finds that person's cases, although submitters' names are
// never in the search index (they are personal data, and retention removes
// them). Others get hits unchanged. Cases already among hits are not
// repeated; the register's filters and visibility rules apply as to any list.
// counted is the number of those cases when the store counted them with
// the search (SubmitterCountingSearch), else nil.
func (s *Service) withSubmitterHits(ctx context.Context, actor User, text string, q Query, limit int, hits []SearchHit, counted *int) ([]SearchHit, error) {
	if !namesSubmitters(actor, text) {
		return hits, nil
	}
	// Nearly every search names no submitter. A count under the same
	// filters says so without the page's order and columns: a few
	// microseconds, where the page statement took about 0.1 ms, a sixth
	// of a search for a rare word (profile of the benchmark register).
	if counted == nil {
		n, err := s.repo.CountCases(ctx, s.submitterQuery(actor, text, q))
		if err != nil || n == 0 {
			return hits, err
		}
	} else if *counted == 0 {
		return hits, nil
	}
	q.Submitter = text
	rows, err := s.ListCases(ctx, actor, q, 0, limit)
	if err != nil || len(rows) == 0 {
		return hits, err
	}
	seen := make(map[int64]bool, len(hits))
	for _, h := range hits {
		seen[h.ID] = true
	}
	out := make([]SearchHit, 0, len(rows)+len(hits))
	for _, r := range rows {
		if seen[r.ID] {
			continue
		}
		out = append(out, SearchHit{Row: r, Source: SourceSubmitter,
			TitleSpans: textindex.HighlightAll(r.Title, nil),
			Snippet:    []textindex.Span{{Text: "Submitter: "}, {Text: text, Match: true}}})
	}
	return append(out, hits...), nil
}
