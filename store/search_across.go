package store

import (
	"context"
	"strconv"
	"strings"

	"ethicsdesk/cases"
	"ethicsdesk/textindex"
)

// acrossDocumentsLimit is how many documents the rarest part of a query
// may match for the search across documents to run. It starts from that
// part's cases and looks for the other parts in their documents only; a
// query whose every part is common (thousands of documents each) nearly
// always fills its page from single documents, and the search across
// documents would cost a scan of much of the register.
const acrossDocumentsLimit = 2000

// acrossDocumentsParts is the most parts a query may have for the search
// across documents; each part is a step of the statement, and a query of
// dozens of words is pasted text, not something spread over a case.
const acrossDocumentsParts = 8

// addAcrossDocuments completes a short page of results for a query of
// several parts with the cases that hold every part, but not all in one
// document: "Acme lift" finds the case whose respondent is Acme and whose
// note mentions the lift. They come after every case that matched in one
// document, ranked by their best document for the rarest part. same is the
// page of one-document matches at offset, complete since it is short.
func (db *DB) addAcrossDocuments(ctx context.Context, same []cases.SearchMatch, pq textindex.Query,
	w string, filterArgs []any, viewer int64, offset, limit int) ([]cases.SearchMatch, error) {
	groups, ok, err := db.rarestFirst(ctx, pq.Groups)
	if err != nil || !ok {
		return same, err
	}
	sameCount := offset + len(same)
	if len(same) == 0 && offset > 0 {
		// The page is past the one-document matches: count them to know
		// where in the second list it starts.
		bq := bindSearch(`WITH `+matchedDocs+`
			SELECT count(*) FROM (SELECT c.id FROM h JOIN cases c ON c.id = h.case_id`+w+` GROUP BY c.id)`,
			filterArgs, pq.Match, viewer)
		if err := db.read.QueryRowContext(ctx, bq.sql, bq.args...).Scan(&sameCount); err != nil {
			return nil, searchError(err)
		}
	}
	args := []any{pq.Match, viewer, limit - len(same), max(0, offset-sameCount), 0}
	for _, g := range groups {
		args = append(args, g)
	}
	more, _, err := db.searchPage(ctx, bindSearch(acrossDocumentsPage(w, len(filterArgs), len(groups)), filterArgs, args...))
	if err != nil {
		return nil, err
	}
	return append(same, more...), nil
}

// rarestFirst orders the parts of a query by how many documents match
// them, counting each up to acrossDocumentsLimit; ok is false when even
// the rarest reaches the limit.
func (db *DB) rarestFirst(ctx context.Context, groups []string) (ordered []string, ok bool, err error) {
	if len(groups) > acrossDocumentsParts {
		return nil, false, nil
	}
	best, bestN := -1, acrossDocumentsLimit
	for i, g := range groups {
		var n int
		err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ?1 LIMIT ?2)`,
			g, acrossDocumentsLimit).Scan(&n)
		if err != nil {
			return nil, false, searchError(err)
		}
		if n < bestN {
			best, bestN = i, n
		}
	}
	if best < 0 || bestN == 0 {
		return nil, false, nil
	}
	ordered = append(ordered, groups[best])
	for i, g := range groups {
		if i != best {
			ordered = append(ordered, g)
		}
	}
	return ordered, true, nil
}

// acrossDocumentsPage is the statement of a page of cases holding each of
// n parts (parameters after ?K and the filter's, rarest first) in some
// document the viewer may read, leaving out the cases where one document
// holds them all (h, from matchedDocs). The first part is ranked with bm25
// and gives the snippet; the others are only looked for in the documents
// of the first part's cases.
func acrossDocumentsPage(where string, filterParams, n int) string {
	param := func(i int) string { return "?" + strconv.Itoa(filterParams+6+i) }
	var b strings.Builder
	b.WriteString("WITH " + matchedDocs + `,
	g0m AS MATERIALIZED (SELECT rowid AS r, bm25(search_fts, ` + searchWeights + `) AS s
		FROM search_fts WHERE search_fts MATCH ` + param(0) + `),
	g0 AS (SELECT case_id, MIN(s) AS s, r FROM (SELECT ` + caseOfDoc("g0m.r") + ` AS case_id, g0m.r AS r, g0m.s AS s FROM g0m)
		WHERE case_id IS NOT NULL AND case_id NOT IN (SELECT case_id FROM h WHERE case_id IS NOT NULL) GROUP BY case_id),
	candidates AS MATERIALIZED (SELECT case_id * 4 AS r FROM g0
		UNION ALL SELECT n.id * 4 + 1 FROM notes n WHERE n.case_id IN (SELECT case_id FROM g0)
		UNION ALL SELECT o.id * 4 + 2 FROM opinions o WHERE o.case_id IN (SELECT case_id FROM g0)
		UNION ALL SELECT a.id * 4 + 3 FROM attachments a WHERE a.case_id IN (SELECT case_id FROM g0) AND a.letter_text <> '')`)
	for i := 1; i < n; i++ {
		b.WriteString(`,
	g` + strconv.Itoa(i) + ` AS (SELECT DISTINCT case_id FROM (SELECT ` + caseOfDoc("search_fts.rowid") + ` AS case_id
		FROM search_fts WHERE search_fts MATCH ` + param(i) + ` AND search_fts.rowid IN (SELECT r FROM candidates))
		WHERE case_id IS NOT NULL)`)
	}
	b.WriteString(`,
	x AS (SELECT g0.case_id AS case_id, g0.r AS r, g0.s AS s FROM g0 WHERE 1`)
	for i := 1; i < n; i++ {
		b.WriteString(` AND g0.case_id IN (SELECT case_id FROM g` + strconv.Itoa(i) + `)`)
	}
	b.WriteString(`)`)
	b.WriteString(withTexts(`
			SELECT c.id AS id, c.reference AS reference, c.title AS title, c.type_code AS type_code, c.status AS status,
				c.received_on AS received_on, c.due_on AS due_on, c.rapporteur_name AS rapporteur_name, c.confidential AS confidential,
				COALESCE(c.rapporteur_id, 0) AS rid, x.s AS best, x.r AS r
			FROM x JOIN cases c ON c.id = x.case_id`+where+`
			ORDER BY best, c.id LIMIT ?L OFFSET ?O`, "p.best, p.id"))
	return b.String()
}
