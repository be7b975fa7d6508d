package store

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
)

// A word in most of the register ("submitter", "同意") takes a search
// 100 ms or more, nearly all of it bm25 scoring each matching document
// (it reads every document's length). Scoring is independent from one
// document to the next, so for such a query the documents are split in
// two halves by rowid, each half's best ones are found on a connection of
// its own, on its own core, and the two lists merged: the ranked
// statement then starts from those documents instead of matching again.
// The results are the very ones of the single statement (a test compares
// them page by page); only the time differs. A query is split once a
// search has shown that it matches at least splitSearchMin documents.

// splitSearchMin is how many documents a query must match for its scoring
// to be split in two. Below it the second statement and the hand-over
// between goroutines cost more than they save (a rare word takes 0.4 ms).
var splitSearchMin = 20000

// splitMemory is how many queries the store remembers the halves of.
const splitMemory = 256

// searchSplits remembers, per FTS5 query, the rowid that halves its
// matching documents, or 0 when the query matches too few to split.
// Which rowid halves them drifts as the register grows, but any split
// gives the same results, so it is never forgotten for correctness.
type searchSplits struct {
	mu    sync.Mutex
	at    map[string]int64
	taken atomic.Int64 // searches that were split, for tests
}

func (s *searchSplits) lookup(match string) (split int64, known bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	split, known = s.at[match]
	return split, known
}

func (s *searchSplits) remember(match string, split int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.at == nil || len(s.at) >= splitMemory {
		s.at = map[string]int64{} // forget them all: each is learnt again in one count
	}
	s.at[match] = split
}

// learnSplit counts the documents match finds and, when there are enough,
// remembers the rowid of the middle one. Called after a search found
// that the query matches more documents than its first try ranked.
func (db *DB) learnSplit(ctx context.Context, match string) error {
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM search_fts WHERE search_fts MATCH ?1`, match).Scan(&n); err != nil {
		return searchError(err)
	}
	var split int64
	if n >= splitSearchMin {
		if err := db.read.QueryRowContext(ctx, `SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 ORDER BY rowid LIMIT 1 OFFSET ?2`,
			match, n/2).Scan(&split); err != nil {
			return searchError(err)
		}
	}
	db.splits.remember(match, split)
	return nil
}

// scoredDoc is an index document with its bm25 score (lower is better).
type scoredDoc struct {
	r int64
	s float64
}

// halfStatements score the documents of one half, best first.
var halfStatements = [2]string{
	`SELECT rowid, bm25(search_fts, ` + searchWeights + `) AS s FROM search_fts WHERE search_fts MATCH ?1 AND rowid < ?2 ORDER BY s LIMIT ?3`,
	`SELECT rowid, bm25(search_fts, ` + searchWeights + `) AS s FROM search_fts WHERE search_fts MATCH ?1 AND rowid >= ?2 ORDER BY s LIMIT ?3`,
}

// bestDocsSplit is the k best documents of match, scored in two halves at
// once. bm25's statistics (how many documents hold each word, their mean
// length) are the whole index's whichever half is scored, so the scores
// are those of a single statement.
func (db *DB) bestDocsSplit(ctx context.Context, match string, split int64, k int) ([]scoredDoc, error) {
	var halves [2][]scoredDoc
	var errs [2]error
	var wg sync.WaitGroup
	for i := range halves {
		wg.Add(1)
		go func() {
			defer wg.Done()
			halves[i], errs[i] = db.scoredDocs(ctx, halfStatements[i], match, split, k)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs[0], errs[1]); err != nil {
		return nil, err
	}
	all := append(halves[0], halves[1]...)
	slices.SortStableFunc(all, func(a, b scoredDoc) int { return cmp.Compare(a.s, b.s) })
	db.splits.taken.Add(1)
	return all[:min(k, len(all))], nil
}

func (db *DB) scoredDocs(ctx context.Context, query, match string, split int64, k int) ([]scoredDoc, error) {
	rows, err := db.read.QueryContext(ctx, query, match, split, k)
	if err != nil {
		return nil, searchError(err)
	}
	defer rows.Close()
	docs := make([]scoredDoc, 0, k)
	for rows.Next() {
		var d scoredDoc
		if err := rows.Scan(&d.r, &d.s); err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, searchError(rows.Err())
}

// rankedDocs is matchedDocs for documents scored beforehand: ?M is a JSON
// array of [rowid, rank] pairs, rank being the place of the document's
// score among the distinct scores, so equal scores stay equal and the
// statement orders and groups the documents exactly as by their scores
// (passing the scores themselves through text would risk their last bit).
var rankedDocs = `m AS MATERIALIZED (SELECT json_extract(value, '$[0]') AS r, json_extract(value, '$[1]') AS s FROM json_each(?M)),` + docsToCases

// rankedJSON writes docs, best first, as rankedDocs reads them, and
// returns the distinct scores by rank, to put the real scores back.
func rankedJSON(docs []scoredDoc) (string, []float64) {
	b := make([]byte, 0, 24*len(docs)+2)
	b = append(b, '[')
	var scores []float64
	for i, d := range docs {
		if i == 0 || d.s != scores[len(scores)-1] {
			scores = append(scores, d.s)
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = strconv.AppendInt(b, d.r, 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(len(scores)-1), 10)
		b = append(b, ']')
	}
	return string(append(b, ']')), scores
}
