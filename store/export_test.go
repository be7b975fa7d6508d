package store

import (
	"ethicsdesk/cases"
	"ethicsdesk/textindex"
)

// FullRankingSQL is the search statement without the cutoff of the first
// try: every matching document ranked. Tests compare the app's pages to it.
func FullRankingSQL(text string, q cases.Query, offset, limit int) (string, []any) {
	w, filterArgs := where(q)
	bq := bindSearch(rankedPage(matchedDocs, w), filterArgs, textindex.ParseQuery(text).Match, q.Viewer.ID, limit, offset)
	return bq.sql, bq.args
}

// SearchCutoff is how many of the best documents the first try ranks.
var SearchCutoff = searchCutoff
