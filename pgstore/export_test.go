package pgstore

import (
	"context"

	"ethicsdesk/cases"
	"ethicsdesk/textindex"
)

// FullRanking is SearchCases without the cut-off of its first try: every
// matching document ranked, for the test that the two agree.
func (db *DB) FullRanking(ctx context.Context, text string, q cases.Query, offset, limit int) ([]cases.SearchMatch, error) {
	w, args := where(q)
	match, err := tsQuery(textindex.ParseQuery(text).Match)
	if err != nil {
		return nil, err
	}
	out, _, err := db.searchPage(ctx, bindSearch(rankedPage(matchedDocs, w), args,
		arg{"$M", match}, arg{"$V", q.Viewer.ID}, arg{"$L", limit}, arg{"$O", offset}))
	return out, err
}

// SearchCutoff is how many documents the first try keeps.
var SearchCutoff = searchCutoff
