package pgstore

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"sync"

	"ethicsdesk/cases"
	"ethicsdesk/textindex"
)

// rankWeights are ts_rank's weights of the labels D, C, B, A: notes 1,
// parties 3, summary 4, title 10, as the SQLite store's bm25 column
// weights; an opinion (labelled D) counts twice (docScore).
const rankWeights = `'{0.1, 0.3, 0.4, 1.0}'`

// docScore is the relevance of document d for the tsquery parameter q,
// divided by 1 + the logarithm of the document's length (normalization 1)
// as bm25 weighs a word in a short text above one in a long text.
func docScore(q string) string {
	return `ts_rank(` + rankWeights + `, d.vec, ` + q + `::tsquery, 1) * CASE WHEN d.doc & 3 = 2 THEN 2 ELSE 1 END`
}

// caseOfDoc is the case of the search document doc (a case, note,
// opinion or kept letter), or NULL when the viewer $V may not read it
// (another's private note).
func caseOfDoc(doc string) string {
	return `CASE ` + doc + ` & 3
		WHEN 0 THEN ` + doc + ` >> 2
		WHEN 1 THEN (SELECT n.case_id FROM notes n WHERE n.id = ` + doc + ` >> 2 AND (n.private = 0 OR n.author_id = $V))
		WHEN 2 THEN (SELECT o.case_id FROM opinions o WHERE o.id = ` + doc + ` >> 2)
		WHEN 3 THEN (SELECT a.case_id FROM attachments a WHERE a.id = ` + doc + ` >> 2) END`
}

// matchedDocs are the CTEs m (the documents matching $M with their score)
// and h (each mapped to its case, NULL when the viewer may not read it).
var matchedDocs = `m AS MATERIALIZED (SELECT d.doc AS r, ` + docScore("$M") + ` AS s FROM search_docs d WHERE d.vec @@ $M::tsquery),` + docsToCases

// bestDocs is matchedDocs keeping only the $K best documents, as the
// SQLite store does: for a common word, a few thousand rows to map to
// their cases and group instead of every match. The cases found that way
// are the best ones in the right order (a case left out has no document
// scoring above the $K-th), so a full page is exact; otherwise
// SearchCases asks again with matchedDocs. Ties at the cut are kept in doc
// order, so that the documents kept do not depend on the plan
// (search_prune.go keeps the same ones).
var bestDocs = `m AS MATERIALIZED (SELECT d.doc AS r, ` + docScore("$M") + ` AS s FROM search_docs d WHERE d.vec @@ $M::tsquery
		ORDER BY s DESC, r LIMIT $K),` + docsToCases

var docsToCases = `
	h AS (SELECT ` + caseOfDoc("m.r") + ` AS case_id, m.r AS r, m.s AS s FROM m)`

// searchCutoff is how many of the best documents the first try keeps.
func searchCutoff(offset, limit int) int { return max(1000, 4*(offset+limit)) }

const pageColumns = `c.id AS id, c.reference AS reference, c.title AS title, c.type_code AS type_code, c.status AS status,
	c.received_on AS received_on, c.due_on AS due_on, c.rapporteur_name AS rapporteur_name, c.confidential AS confidential,
	COALESCE(c.rapporteur_id, 0) AS rid`

// withTexts turns a page p of ranked cases into the rows searchPage scans:
// each case with the text of its best document, for the snippet, how many
// documents m kept, to tell whether $K cut the search short, and the
// submitter count if asked (search_counted.go).
func withTexts(page, order string) string {
	return `, p AS (` + page + `)
	SELECT p.id, p.reference, p.title, p.type_code, p.status, p.received_on, p.due_on, p.rapporteur_name, p.confidential,
		p.rid, p.best, p.r,
		CASE p.r & 3 WHEN 0 THEN c.summary
			WHEN 1 THEN (SELECT n.body FROM notes n WHERE n.id = p.r >> 2)
			WHEN 3 THEN (SELECT a.letter_text FROM attachments a WHERE a.id = p.r >> 2)
			ELSE (SELECT o.body FROM opinions o WHERE o.id = p.r >> 2) END,
		CASE WHEN p.r & 3 = 0 THEN c.respondent ELSE '' END,
		CASE WHEN p.r & 3 = 0 THEN c.ai_system ELSE '' END,
		(SELECT count(*) FROM m), ` + countedColumn + `
	FROM p JOIN cases c ON c.id = p.id ORDER BY ` + order
}

// rankedPage is one page of the cases with a document matching $M, best
// first, each with its best document.
func rankedPage(docs, where string) string {
	return `WITH ` + docs + `,
	best AS (SELECT DISTINCT ON (h.case_id) h.case_id, h.r, h.s FROM h WHERE h.case_id IS NOT NULL ORDER BY h.case_id, h.s DESC, h.r)` +
		withTexts(`SELECT `+pageColumns+`, b.s AS best, b.r AS r
			FROM best b JOIN cases c ON c.id = b.case_id`+where+`
			ORDER BY best DESC, c.id LIMIT $L OFFSET $O`, "p.best DESC, p.id")
}

// SearchCases implements cases.SearchRepository with PostgreSQL's text
// search, with the results the SQLite store gives: cases whose document —
// case, readable note or opinion — matches the whole query, best first;
// then, for a query of several parts, cases holding each part in some
// document (addAcrossDocuments); a query of exclusions only lists every
// other case, newest first.
func (db *DB) SearchCases(ctx context.Context, text string, q cases.Query, offset, limit int) ([]cases.SearchMatch, error) {
	return db.search(ctx, text, q, offset, limit, nil)
}

// search is SearchCases, its statements carrying count when it is not nil.
func (db *DB) search(ctx context.Context, text string, q cases.Query, offset, limit int, count *submitterCount) ([]cases.SearchMatch, error) {
	pq := textindex.ParseQuery(text)
	w, args := where(q)
	switch {
	case pq.Match != "":
		match, err := tsQuery(pq.Match)
		if err != nil {
			return nil, nil // textindex quotes every word: see tsQuery
		}
		page := []arg{{"$M", match}, {"$V", q.Viewer.ID}, {"$L", limit}, {"$O", offset}, {"$K", searchCutoff(offset, limit)}}
		out, kept, err := db.firstTry(ctx, match, w, args, page, searchCutoff(offset, limit), count)
		if err != nil || len(out) == limit {
			return out, err
		}
		if len(out) == 0 {
			// The page may be empty because the filters or the viewer left
			// out every one of the best documents: count them.
			bq := count.bind(boundQuery{`SELECT (SELECT count(*) FROM (SELECT 1 FROM search_docs d WHERE d.vec @@ $1::tsquery LIMIT $2) x), ` +
				countedColumn, []any{match, searchCutoff(offset, limit)}})
			var counted sql.NullInt64
			if err := db.db.QueryRowContext(ctx, bq.sql, bq.args...).Scan(&kept, &counted); err != nil {
				return nil, err
			}
			count.take(counted)
		}
		if kept >= searchCutoff(offset, limit) { // the cut may have left out matching cases: rank them all
			if out, _, err = db.searchPage(ctx, bindSearch(rankedPage(matchedDocs, w), args, page...), count); err != nil {
				return nil, err
			}
		}
		if len(out) == limit || len(pq.Groups) < 2 {
			return out, nil
		}
		return db.addAcrossDocuments(ctx, out, pq, match, w, args, q.Viewer.ID, offset, limit, count)
	case pq.Exclude != "":
		exclude, err := tsQuery(pq.Exclude)
		if err != nil {
			return nil, nil
		}
		cond := " WHERE "
		if w != "" {
			cond = w + " AND "
		}
		out, _, err := db.searchPage(ctx, bindSearch(`WITH `+matchedDocs+withTexts(`
			SELECT `+pageColumns+`, 0.0::real AS best, c.id * 4 AS r
			FROM cases c`+cond+`c.id NOT IN (SELECT case_id FROM h WHERE case_id IS NOT NULL)
			ORDER BY c.received_on COLLATE "C" DESC, c.id DESC LIMIT $L OFFSET $O`, `p.received_on COLLATE "C" DESC, p.id DESC`),
			args, arg{"$M", exclude}, arg{"$V", q.Viewer.ID}, arg{"$L", limit}, arg{"$O", offset}), count)
		return out, err
	}
	return nil, nil
}

// firstTry is a page of the cases of match's cutoff best documents, and
// how many documents it ranked. A word known to match many documents is
// ranked pruned (search_prune.go); any other query by one statement, which
// tells whether the query is common.
func (db *DB) firstTry(ctx context.Context, match, w string, filterArgs []any, page []arg, cutoff int, count *submitterCount) ([]cases.SearchMatch, int, error) {
	prune, known := db.pruned.lookup(match)
	if prune {
		docs, ok, err := db.bestDocsPruned(ctx, match, cutoff)
		if err != nil {
			return nil, 0, err
		}
		if ok {
			return db.searchPage(ctx, bindSearch(rankedPage(rankedDocs, w), filterArgs, slices.Concat(page, rankedArgs(docs))...), count)
		}
	}
	out, kept, err := db.searchRanked(ctx, bindSearch(rankedPage(bestDocs, w), filterArgs, page...), !known && db.rare.has(match), count)
	if err == nil && !known {
		if kept < cutoff {
			db.rare.remember(match)
		} else {
			db.rare.forget(match)
			if prunable(match) {
				db.pruned.remember(match, true)
			}
		}
	}
	return out, kept, err
}

// boundQuery is SQL with its arguments.
type boundQuery struct {
	sql  string
	args []any
}

// arg is a named parameter of a search statement: $M the match, $V the
// viewer, $L and $O the page, $K the cut-off, $G0:: $G1:: … the parts of
// a search across documents.
type arg struct {
	name  string
	value any
}

// bindSearch numbers the named parameters a statement uses after the
// filter's (PostgreSQL refuses a parameter the text does not use).
func bindSearch(sqlText string, filterArgs []any, named ...arg) boundQuery {
	sh := boundShapes.of(sqlText, len(filterArgs), named)
	args := make([]any, 0, len(filterArgs)+len(sh.used))
	args = append(args, filterArgs...)
	for _, i := range sh.used {
		args = append(args, named[i].value)
	}
	return boundQuery{sh.sql, args}
}

// boundShape is a statement with its named parameters numbered, and which
// of them it uses, in order.
type boundShape struct {
	sql  string
	used []int
}

// numberNamed numbers the named parameters sqlText uses after the filter's
// filterArgs ones.
func numberNamed(sqlText string, filterArgs int, named []arg) boundShape {
	var sh boundShape
	var pairs []string
	for i, a := range named {
		if !strings.Contains(sqlText, a.name) {
			continue
		}
		sh.used = append(sh.used, i)
		num := "$" + strconv.Itoa(filterArgs+len(sh.used))
		if strings.HasSuffix(a.name, "::") {
			num += "::"
		}
		pairs = append(pairs, a.name, num)
	}
	sh.sql = strings.NewReplacer(pairs...).Replace(sqlText)
	return sh
}

// boundShapes remembers the statements bindSearch numbered: a search's
// statement has one of a few hundred shapes (its filters, its parts), and
// numbering it again took 7 of the 60 µs of CPU a rare word's search
// spends in the program (pprof, the benchmark register on PostgreSQL).
var boundShapes = shapeMemory{at: map[string]boundShape{}}

// shapeMemory is a bounded memory of numbered statements.
type shapeMemory struct {
	mu sync.Mutex
	at map[string]boundShape
}

// shapesKept is how many numbered statements shapeMemory keeps.
const shapesKept = 512

func (m *shapeMemory) of(sqlText string, filterArgs int, named []arg) boundShape {
	var k strings.Builder
	k.Grow(len(sqlText) + 16*len(named) + 8)
	k.WriteString(strconv.Itoa(filterArgs))
	for _, a := range named {
		k.WriteString("\x00" + a.name)
	}
	k.WriteString("\x00" + sqlText)
	key := k.String()
	m.mu.Lock()
	sh, ok := m.at[key]
	m.mu.Unlock()
	if ok {
		return sh
	}
	sh = numberNamed(sqlText, filterArgs, named)
	m.mu.Lock()
	if len(m.at) >= shapesKept {
		clear(m.at) // forget them all: each is numbered again on its next use
	}
	m.at[key] = sh
	m.mu.Unlock()
	return sh
}

// searchPage runs a search statement built by withTexts, carrying count
// (nil: none asked).
func (db *DB) searchPage(ctx context.Context, bq boundQuery, count *submitterCount) (out []cases.SearchMatch, kept int, err error) {
	return db.searchPageOn(ctx, db.db, bq, count)
}

// searchPageOn is searchPage over the connections of pool.
func (db *DB) searchPageOn(ctx context.Context, pool *sql.DB, bq boundQuery, count *submitterCount) (out []cases.SearchMatch, kept int, err error) {
	bq = count.bind(bq)
	rows, err := pool.QueryContext(ctx, bq.sql, bq.args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var m cases.SearchMatch
		var received, due, text, respondent, system string
		var doc int64
		var counted sql.NullInt64
		if err := rows.Scan(&m.ID, &m.Reference, &m.Title, &m.TypeCode, &m.Status, &received, &due, &m.Rapporteur,
			&m.Confidential, &m.RapporteurID, &m.Score, &doc, &text, &respondent, &system, &kept, &counted); err != nil {
			return nil, 0, err
		}
		count.take(counted)
		m.ReceivedOn, _ = cases.ParseDate(received)
		m.DueOn, _ = cases.ParseDate(due)
		switch doc & 3 {
		case kindCase:
			m.Source = cases.SourceCase
			m.Texts = []string{text, joinNonEmpty(" · ", respondent, system)}
		case kindNote:
			m.Source = cases.SourceNote
			m.Texts = []string{text}
		case kindLetter:
			m.Source = cases.SourceLetter
			m.Texts = []string{text}
		default:
			m.Source = cases.SourceOpinion
			m.Texts = []string{opinionPlainText(text)}
		}
		out = append(out, m)
	}
	return out, kept, rows.Err()
}

func joinNonEmpty(sep string, parts ...string) string {
	var keep []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, sep)
}

// acrossDocumentsParts is the most parts a query may have for the search
// across documents, as in the SQLite store.
const acrossDocumentsParts = 8

// addAcrossDocuments completes a short page of results for a query of
// several parts with the cases that hold every part, but not all in one
// document ("Acme lift": the respondent is Acme, a note mentions the
// lift). They come after every case that matched in one document, ranked
// by their best document for the first part.
func (db *DB) addAcrossDocuments(ctx context.Context, same []cases.SearchMatch, pq textindex.Query, match, w string,
	filterArgs []any, viewer int64, offset, limit int, count *submitterCount) ([]cases.SearchMatch, error) {
	if len(pq.Groups) > acrossDocumentsParts {
		return same, nil
	}
	var groups []any
	for _, g := range pq.Groups {
		tq, err := tsQuery(g)
		if err != nil {
			return same, nil
		}
		groups = append(groups, tq)
	}
	sameCount := offset + len(same)
	if len(same) == 0 && offset > 0 {
		// The page is past the one-document matches: count them to know
		// where in the second list it starts.
		bq := bindSearch(`WITH `+matchedDocs+`
			SELECT count(*) FROM (SELECT DISTINCT c.id FROM h JOIN cases c ON c.id = h.case_id`+w+`) x`,
			filterArgs, arg{"$M", match}, arg{"$V", viewer})
		if err := db.db.QueryRowContext(ctx, bq.sql, bq.args...).Scan(&sameCount); err != nil {
			return nil, err
		}
	}
	var b strings.Builder
	b.WriteString("WITH " + matchedDocs + `,
	g0 AS (SELECT DISTINCT ON (case_id) case_id, r, s FROM (SELECT ` + caseOfDoc("d.doc") + ` AS case_id, d.doc AS r, ` + docScore("$G0") + ` AS s
		FROM search_docs d WHERE d.vec @@ $G0::tsquery) z
		WHERE case_id IS NOT NULL AND case_id NOT IN (SELECT case_id FROM h WHERE case_id IS NOT NULL) ORDER BY case_id, s DESC, r)`)
	for i := 1; i < len(groups); i++ {
		g := "$G" + strconv.Itoa(i)
		b.WriteString(`,
	g` + strconv.Itoa(i) + ` AS (SELECT DISTINCT case_id FROM (SELECT ` + caseOfDoc("d.doc") + ` AS case_id
		FROM search_docs d WHERE d.vec @@ ` + g + `::tsquery) z WHERE case_id IS NOT NULL)`)
	}
	b.WriteString(`,
	x AS (SELECT g0.case_id, g0.r, g0.s FROM g0 WHERE true`)
	for i := 1; i < len(groups); i++ {
		b.WriteString(` AND g0.case_id IN (SELECT case_id FROM g` + strconv.Itoa(i) + `)`)
	}
	b.WriteString(`)`)
	b.WriteString(withTexts(`SELECT `+pageColumns+`, x.s AS best, x.r AS r
			FROM x JOIN cases c ON c.id = x.case_id`+w+`
			ORDER BY best DESC, c.id LIMIT $L OFFSET $O`, "p.best DESC, p.id"))
	named := []arg{{"$M", match}, {"$V", viewer}, {"$L", limit - len(same)}, {"$O", max(0, offset-sameCount)}}
	for i, g := range groups {
		named = append(named, arg{"$G" + strconv.Itoa(i) + "::", g})
	}
	more, _, err := db.searchPage(ctx, bindSearch(b.String(), filterArgs, named...), count)
	if err != nil {
		return nil, err
	}
	return append(same, more...), nil
}
