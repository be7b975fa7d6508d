package cases

import (
	"context"
	"strings"

	"ethicsdesk/textindex"
)

// SearchSource says which text of a case a search matched best.
type SearchSource string

const (
	SourceCase    SearchSource = "case"    // title, summary, respondent or AI system
	SourceNote    SearchSource = "note"    // a note the searcher may read
	SourceOpinion SearchSource = "opinion" // the text of the case's opinion
	SourceLetter  SearchSource = "letter"  // a letter issued to the submitter
	// SourceSubmitter: the submitter's name or contact is what was typed
	// (shown only to those who may see submitters; names are not indexed).
	SourceSubmitter SearchSource = "submitter"
)

// SearchMatch is one case a search store found, best document first.
type SearchMatch struct {
	Row
	RapporteurID int64
	// Score is the relevance, higher is better (SQLite: minus bm25 with
	// column weights title > summary > parties > opinion > notes).
	Score  float64
	Source SearchSource
	// Texts are the original texts of the best-matching document, in the
	// order a snippet should be looked for: summary then parties for a
	// case, the note's body, or the opinion's paragraphs.
	Texts []string
}

// SearchRepository is full-text search over the register; the SQLite store
// implements it with FTS5, a PostgreSQL store would with its own search.
type SearchRepository interface {
	// SearchCases finds the cases matching the user's text that pass q's
	// filters (q.Viewer decides confidential cases and private notes),
	// best first, one match per case. A query that is nothing but noise
	// finds nothing; it is never an error.
	SearchCases(ctx context.Context, text string, q Query, offset, limit int) ([]SearchMatch, error)
}

// SubmitterCountingSearch is a SearchRepository on a database server that
// counts, within a search's own statements, the cases whose submitter the
// search names (withSubmitterHits): a search for a rare word is then one
// round trip to the server rather than two. A store in the program's own
// process (SQLite) has no reason to implement it.
type SubmitterCountingSearch interface {
	// SearchCasesCounting returns what SearchCases(ctx, text, q, offset,
	// limit) returns and CountCases(ctx, counted).
	SearchCasesCounting(ctx context.Context, text string, q Query, offset, limit int, counted Query) ([]SearchMatch, int, error)
}

// SearchHit is one line of the search results as the window shows it.
type SearchHit struct {
	Row
	Score  float64
	Source SearchSource
	// TitleSpans is the whole title with the matching words marked.
	TitleSpans []textindex.Span
	// Snippet is a short extract of the matching text, words marked.
	Snippet []textindex.Span
}

// SnippetRunes is the length of a search result's extract.
const SnippetRunes = 160

func (s *Service) searcher() (SearchRepository, error) {
	return s.repo, nil
}

// Search finds the cases whose title, summary, respondent, AI system,
// notes or opinion match text, within the register filter q, ranked by
// relevance. Only cases whose details the actor may read are returned, and
// private notes are searched for their author only. Whatever is typed,
// a query is never an error: nonsense finds nothing.
func (s *Service) Search(ctx context.Context, actor User, text string, q Query, offset, limit int) ([]SearchHit, error) {
	if err := requireQuery(actor, q); err != nil {
		return nil, err
	}
	sr, err := s.searcher()
	if err != nil {
		return nil, err
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, nil
	}
	if limit <= 0 || limit > 1000 {
		limit = PageSize
	}
	if offset < 0 {
		offset = 0
	}
	q.Today, q.Viewer = s.Today(), actor
	var matches []SearchMatch
	var counted *int // the submitter count asked with the search, if it was
	if cs, ok := sr.(SubmitterCountingSearch); ok && offset == 0 && namesSubmitters(actor, text) {
		var n int
		matches, n, err = cs.SearchCasesCounting(ctx, text, q, offset, limit, s.submitterQuery(actor, text, q))
		counted = &n
	} else {
		matches, err = sr.SearchCases(ctx, text, q, offset, limit)
	}
	if err != nil {
		return nil, err
	}
	matches, err = s.readableMatches(ctx, actor, matches)
	if err != nil {
		return nil, err
	}
	terms := textindex.ParseQuery(text).Terms
	hits := make([]SearchHit, 0, len(matches))
	for _, m := range matches {
		hits = append(hits, SearchHit{Row: m.Row, Score: m.Score, Source: m.Source,
			TitleSpans: textindex.HighlightAll(m.Title, terms), Snippet: bestSnippet(m.Texts, terms)})
	}
	if offset == 0 {
		return s.withSubmitterHits(ctx, actor, text, q, limit, hits, counted)
	}
	return hits, nil
}

// readableMatches drops the cases the actor may know of but not read: those
// for which they have not declared "no conflict" (on the panel or not, for
// members and the chair), as checkAccess rules. Confidential cases and
// other users' private notes the store has already left out.
func (s *Service) readableMatches(ctx context.Context, actor User, ms []SearchMatch) ([]SearchMatch, error) {
	if actor.Role == RoleSecretariat || len(ms) == 0 {
		return ms, nil
	}
	pr, err := s.panels()
	if err != nil {
		return ms, nil // a store without panels has nothing to hide
	}
	conflicts, err := pr.PanelConflicts(ctx, actor.ID)
	if err != nil {
		return nil, err
	}
	out := ms[:0]
	for _, m := range ms {
		c, onPanel := conflicts[m.ID]
		switch {
		case onPanel && c != NoConflict:
			continue
		case !onPanel && m.RapporteurID != 0 && m.RapporteurID == actor.ID:
			continue // a rapporteur without a declaration yet
		case !onPanel && mustDeclare(actor):
			continue // a member who has not declared for this case yet
		}
		out = append(out, m)
	}
	return out, nil
}

// bestSnippet is the extract of the first text that contains a term, or
// the start of the first text when none does (the title matched).
func bestSnippet(texts []string, terms []string) []textindex.Span {
	for _, t := range texts {
		sn := textindex.Snippet(t, terms, SnippetRunes)
		for _, sp := range sn {
			if sp.Match {
				return sn
			}
		}
	}
	for _, t := range texts {
		if strings.TrimSpace(t) != "" {
			return textindex.Snippet(t, terms, SnippetRunes)
		}
	}
	return nil
}

// SpansText joins spans back into plain text, marking matches with
// the given brackets (for the command line and tests).
func SpansText(spans []textindex.Span, open, close string) string {
	var b strings.Builder
	for _, sp := range spans {
		if sp.Match {
			b.WriteString(open + sp.Text + close)
		} else {
			b.WriteString(sp.Text)
		}
	}
	return b.String()
}
