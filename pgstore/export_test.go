package pgstore

import (
	"context"
	"database/sql"
	"sync/atomic"

	"github.com/jackc/pgx/v5"

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
		arg{"$M", match}, arg{"$V", q.Viewer.ID}, arg{"$L", limit}, arg{"$O", offset}), nil)
	return out, err
}

// SearchCutoff is how many documents the first try keeps.
var SearchCutoff = searchCutoff

// GenericPlanSearches is how many searches ran over the generic-plan
// connections.
func (db *DB) GenericPlanSearches() int64 { return db.genericSearches.Load() }

// SetGenericPlanSettings replaces the generic-plan pool's session settings
// for the registers opened until restore is called.
func SetGenericPlanSettings(settings map[string]string) (restore func()) {
	old := genericPlanSettings
	genericPlanSettings = settings
	return func() { genericPlanSettings = old }
}

// PrunedSearches is how many searches this register ranked pruned.
func (db *DB) PrunedSearches() int64 { return db.pruned.taken.Load() }

// SetShortDocsMax changes how many short documents a pruned search may
// find before it ranks as before.
func SetShortDocsMax(n int) (restore func()) {
	old := shortDocsMax
	shortDocsMax = n
	return func() { shortDocsMax = old }
}

// NoteVector is the search vector of a note saying text.
func NoteVector(text string) string { return tsVector(field{text, 'D'}) }

// DocScore is the score statement of a document d (doc, vec) for $1.
var DocScore = docScore("$1")

// ShortBelow is the bound of search_prune.go.
var ShortBelow = shortBelow

// OtherKindFactors are the kinds other than cases with their factor.
func OtherKindFactors() map[int64]float64 {
	out := map[int64]float64{}
	for _, k := range otherKinds {
		out[int64(k.kind)] = k.factor
	}
	return out
}

// Pools are the register's connection pools: the ordinary one and the
// generic-plan one.
func (db *DB) Pools() []*sql.DB { return []*sql.DB{db.db, db.generic} }

// statementCounter counts the statements sent (pgx.QueryTracer).
type statementCounter struct{ n atomic.Int64 }

func (c *statementCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n.Add(1)
	return ctx
}

func (c *statementCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// CountStatements counts the statements of the registers opened until
// restore is called.
func CountStatements() (sent func() int64, restore func()) {
	c := &statementCounter{}
	statementTracer = c
	return c.n.Load, func() { statementTracer = nil }
}
