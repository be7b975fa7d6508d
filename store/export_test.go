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

// SetSplitSearchMin lowers the number of documents from which a search is
// scored in two halves, for a test register; the returned func restores it.
func SetSplitSearchMin(n int) (restore func()) {
	old := splitSearchMin
	splitSearchMin = n
	return func() { splitSearchMin = old }
}

// SplitSearches is how many searches this register scored in two halves.
func (db *DB) SplitSearches() int64 { return db.splits.taken.Load() }

// SetStatsShares makes the statistics read the cases in n shares at once,
// whatever the machine's cores; the returned func restores it.
func SetStatsShares(n int) (restore func()) {
	old := statsParts
	statsParts = func() int { return n }
	return func() { statsParts = old }
}
