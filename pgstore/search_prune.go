package pgstore

import (
	"cmp"
	"context"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// A word in much of the register ("同意": 75,000 of the 600,000 documents of
// the benchmark register) took a search 150 ms or more: ranking its
// documents read the page of each, 22,900 of search_docs' 24,700 pages,
// more than PostgreSQL's default shared_buffers hold, so each search read
// them all again from the operating system (EXPLAIN (ANALYZE, BUFFERS):
// every page a read, none a hit; perf: half the server's time copying
// pages in the kernel; after five executions, the prepared statement's
// generic plan, expecting 3,000 matches, had no parallel workers either).
// Splitting that work in two, as the SQLite store does, would only share
// it between the cores.
//
// Most of it can be skipped instead. Notes, opinions and letters are
// weighted D alone (search_index.go), and ts_rank of one word weighted D
// is below the weight of D, 0.1, before normalization 1 divides it by
// log2(1 + the document's length), at least log2(1 + its number of
// distinct words); an opinion counts twice. So once the cases' own best
// documents are known, any other document with more words than a bound
// ranks strictly below the last of them and cannot be among the best: a
// common word is ranked among the cases' documents (their own index,
// 0014_search_pruning.sql, reads only the cases' pages, which fit in
// shared_buffers), then among the other documents short enough to beat the
// cases' last (an index by kind and length finds the few), and the two lists
// merged. The ranked statement then starts from those documents, as the
// SQLite store's split search does (rankedDocs). The documents kept are
// the very ones the single statement keeps, ties included (a test compares
// the pages on a real cluster); only the pages read differ.
//
// The ceiling holds for one word alone: a prefix may match several words
// of a document and a phrase or several words are ranked by their
// distances, with no such bound. Other queries are ranked as before.

// otherDocCeiling is above ts_rank's value, before normalization, for one
// word in a document weighted D alone: rankWeights' weight of D, w. With
// every position weighted alike, ts_rank adds w/1, w/4, w/9 … over the
// word's positions (256 at most) and divides by π²/6, the whole series:
// the result stays below w (TestRankCeilingOfOtherDocuments).
const otherDocCeiling = 0.1

// otherKinds are the kinds of documents other than cases, each with how
// many times docScore counts it.
var otherKinds = []struct {
	kind   int
	factor float64
}{{kindNote, 1}, {kindOpinion, 2}, {kindLetter, 1}}

// shortDocsMax is the most short documents the second statement may find
// (it reads at most shortDocsMax+1 of each kind); beyond, the cases' last score
// is too low to leave out enough of the others, and the query is ranked as
// before.
var shortDocsMax = 5000

// prunedMemory is how many queries the store remembers.
const prunedMemory = 256

// prunedQueries remembers, per tsquery, whether it is ranked pruned: true
// once a search showed it matches more documents than the first try
// keeps, false once pruning it read too many short documents. What it
// remembers only decides the speed: either way the results are the same.
type prunedQueries struct {
	mu    sync.Mutex
	at    map[string]bool
	taken atomic.Int64 // searches ranked pruned, for tests
}

func (p *prunedQueries) lookup(match string) (prune, known bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	prune, known = p.at[match]
	return prune, known
}

func (p *prunedQueries) remember(match string, prune bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.at == nil || len(p.at) >= prunedMemory {
		p.at = map[string]bool{} // forget them all: each is learnt again by one search
	}
	p.at[match] = prune
}

// oneWord matches a tsquery of one word, without prefix or weights, as
// tsQuery writes it ('…', a quote inside doubled).
var oneWord = regexp.MustCompile(`^'(?:[^']|'')+'$`)

// prunable says whether match may be ranked pruned: one word alone.
func prunable(match string) bool { return oneWord.MatchString(match) }

// shortBelow is how many words a document other than a case, counted
// factor times, must have fewer of to possibly score kth or more; nothing
// when kth is too low for the bound to leave out anything worth it. A
// document of n words scores below factor*otherDocCeiling / log2(n+1),
// which is below kth once n+1 > 2^(factor*otherDocCeiling / kth).
func shortBelow(kth, factor float64) (int, bool) {
	if kth <= 0 {
		return 0, false
	}
	x := math.Exp2(factor * otherDocCeiling / kth)
	if math.IsNaN(x) || x > 1e6 {
		return 0, false
	}
	return int(math.Floor(x)) + 1, true
}

// scoredDoc is a search document with its score (higher is better).
type scoredDoc struct {
	r int64
	s float64
}

// bestCaseDocs are the k best cases' documents for $1, from their own
// index; ties in doc order, as bestDocs.
var bestCaseDocs = `SELECT d.doc, ` + docScore("$1") + ` AS s FROM search_docs d
	WHERE d.vec @@ $1::tsquery AND d.doc & 3 = 0 ORDER BY s DESC, d.doc LIMIT $2`

// shortOtherDocs are the documents other than cases with fewer words than
// below[i] for otherKinds[i] that match $1, with how many such documents
// were read (at most limit of each kind): always one row, doc -1 when none
// matches. The short documents are read first, by their kind and length's
// index (MATERIALIZED, and the numbers written in, keep the planner from
// the word's index, which would read every matching document's page).
func shortOtherDocs(below []int, limit int) string {
	var short []string
	for i, k := range otherKinds {
		short = append(short, `(SELECT d.doc, d.vec FROM search_docs d WHERE d.doc & 3 <> 0 AND d.doc & 3 = `+strconv.Itoa(k.kind)+
			` AND length(d.vec) < `+strconv.Itoa(below[i])+` ORDER BY length(d.vec) LIMIT `+strconv.Itoa(limit)+`)`)
	}
	return `WITH s AS MATERIALIZED (` + strings.Join(short, " UNION ALL ") + `)
	SELECT k.n, COALESCE(x.doc, -1), COALESCE(x.s, 0) FROM (SELECT count(*) AS n FROM s) k
	LEFT JOIN (SELECT d.doc, ` + docScore("$1") + ` AS s FROM s d WHERE d.vec @@ $1::tsquery) x ON true`
}

// bestDocsPruned is the k best documents of the one-word query match, best
// first, ties in doc order: bestDocs' documents. ok is false when the
// bound leaves out too little (fewer than k cases match, or too many
// documents are short): the caller then ranks as before.
func (db *DB) bestDocsPruned(ctx context.Context, match string, k int) (docs []scoredDoc, ok bool, err error) {
	docs, err = db.scoredDocs(ctx, bestCaseDocs, match, k)
	if err != nil || len(docs) < k {
		return nil, false, err
	}
	below := make([]int, len(otherKinds))
	for i, kind := range otherKinds {
		if below[i], ok = shortBelow(docs[k-1].s, kind.factor); !ok {
			return nil, false, nil
		}
	}
	rows, err := db.db.QueryContext(ctx, shortOtherDocs(below, shortDocsMax+1), match)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var n int
		var d scoredDoc
		if err := rows.Scan(&n, &d.r, &d.s); err != nil {
			return nil, false, err
		}
		if n > shortDocsMax {
			db.pruned.remember(match, false)
			return nil, false, nil
		}
		if d.r >= 0 {
			docs = append(docs, d)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	slices.SortFunc(docs, func(a, b scoredDoc) int { return cmp.Or(cmp.Compare(b.s, a.s), cmp.Compare(a.r, b.r)) })
	db.pruned.taken.Add(1)
	return docs[:k], true, nil
}

func (db *DB) scoredDocs(ctx context.Context, query string, args ...any) ([]scoredDoc, error) {
	rows, err := db.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var docs []scoredDoc
	for rows.Next() {
		var d scoredDoc
		if err := rows.Scan(&d.r, &d.s); err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, rows.Err()
}

// rankedDocs is matchedDocs for documents ranked beforehand: $R their docs
// and $S their scores, as float8 both ways, so the scores are the very
// ones docScore gave.
var rankedDocs = `m AS MATERIALIZED (SELECT u.r, u.s FROM unnest($R::bigint[], $S::float8[]) AS u(r, s)),` + docsToCases

// rankedArgs are docs as rankedDocs' parameters.
func rankedArgs(docs []scoredDoc) []arg {
	rs, ss := make([]int64, len(docs)), make([]float64, len(docs))
	for i, d := range docs {
		rs[i], ss[i] = d.r, d.s
	}
	return []arg{{"$R", rs}, {"$S", ss}}
}
