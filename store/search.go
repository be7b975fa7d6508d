package store

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"github.com/mattn/go-sqlite3"

	"ethicsdesk/cases"
	"ethicsdesk/textindex"
)

// Document kinds in search_fts's rowid (rowid = id*4 + kind), see 0004_search.sql.
const (
	kindCase    = 0
	kindNote    = 1
	kindOpinion = 2
)

// searchWeights are bm25's column weights, in the order of search_fts's
// columns: title, summary, parties, notes, opinion. A word in the title
// counts ten times one in a note.
const searchWeights = "10.0, 4.0, 3.0, 1.0, 2.0"

// matchedDocs is the CTE of the documents matching ?M that the viewer ?V may
// read, each mapped to its case: a note only when it is public or the
// viewer's own.
const matchedDocs = `m AS MATERIALIZED (SELECT rowid AS r, bm25(search_fts, ` + searchWeights + `) AS s FROM search_fts WHERE search_fts MATCH ?M),` + docsToCases

// bestDocs is matchedDocs keeping only the ?K best documents: for a common
// word that is a few thousand rows to map and group instead of 100,000.
// The cases found that way are exactly the best ones, in the right order
// (a case left out has no document scoring better than the ?K-th), so the
// page is exact whenever it comes back full; otherwise SearchCases asks
// again with matchedDocs.
const bestDocs = `m AS MATERIALIZED (SELECT rowid AS r, bm25(search_fts, ` + searchWeights + `) AS s FROM search_fts WHERE search_fts MATCH ?M
		ORDER BY s LIMIT ?K),` + docsToCases

const docsToCases = `
	h AS (SELECT CASE m.r & 3
		WHEN 0 THEN m.r >> 2
		WHEN 1 THEN (SELECT n.case_id FROM notes n WHERE n.id = m.r >> 2 AND (n.private = 0 OR n.author_id = ?V))
		WHEN 2 THEN (SELECT o.case_id FROM opinions o WHERE o.id = m.r >> 2) END AS case_id, m.r AS r, m.s AS s FROM m)`

// rankedCases pages through the cases of the documents in h, best first.
func rankedCases(where string) string {
	return `
			SELECT c.id, c.reference, c.title, c.type_code, c.status, c.received_on, c.due_on, c.rapporteur_name, c.confidential,
				COALESCE(c.rapporteur_id, 0), MIN(h.s) AS best, h.r
			FROM h JOIN cases c ON c.id = h.case_id` + where + `
			GROUP BY c.id ORDER BY best, c.id LIMIT ?L OFFSET ?O`
}

// searchCutoff is how many of the best documents the first try keeps.
func searchCutoff(offset, limit int) int { return max(1000, 4*(offset+limit)) }

// SearchCases implements cases.SearchRepository with the FTS5 index.
func (db *DB) SearchCases(ctx context.Context, text string, q cases.Query, offset, limit int) ([]cases.SearchMatch, error) {
	pq := textindex.ParseQuery(text)
	w, args := where(q)
	n := len(args)
	bind := func(sqlText string, extra ...any) boundQuery {
		all := append(append([]any(nil), args...), extra...)
		r := strings.NewReplacer("?M", "?"+itoa(n+1), "?V", "?"+itoa(n+2), "?L", "?"+itoa(n+3), "?O", "?"+itoa(n+4), "?K", "?"+itoa(n+5))
		return boundQuery{r.Replace(sqlText), all}
	}
	switch {
	case pq.Match != "":
		out, err := db.searchPage(ctx, bind(`WITH `+bestDocs+rankedCases(w), pq.Match, q.Viewer.ID, limit, offset, searchCutoff(offset, limit)))
		if err != nil || len(out) == limit {
			return out, err
		}
		return db.searchPage(ctx, bind(`WITH `+matchedDocs+rankedCases(w), pq.Match, q.Viewer.ID, limit, offset))
	case pq.Exclude != "":
		// Only exclusions were typed: every case but those that match them,
		// newest first.
		cond := " WHERE "
		if w != "" {
			cond = w + " AND "
		}
		return db.searchPage(ctx, bind(`WITH `+matchedDocs+`
			SELECT c.id, c.reference, c.title, c.type_code, c.status, c.received_on, c.due_on, c.rapporteur_name, c.confidential,
				COALESCE(c.rapporteur_id, 0), 0.0, c.id * 4
			FROM cases c`+cond+`c.id NOT IN (SELECT case_id FROM h WHERE case_id IS NOT NULL)
			ORDER BY c.received_on DESC, c.id DESC LIMIT ?L OFFSET ?O`, pq.Exclude, q.Viewer.ID, limit, offset))
	}
	return nil, nil
}

// boundQuery is SQL with its arguments.
type boundQuery struct {
	sql  string
	args []any
}

// searchPage runs a search query and loads each hit's best text.
func (db *DB) searchPage(ctx context.Context, bq boundQuery) ([]cases.SearchMatch, error) {
	rows, err := db.read.QueryContext(ctx, bq.sql, bq.args...)
	if err != nil {
		return nil, searchError(err)
	}
	defer rows.Close()
	var out []cases.SearchMatch
	var docs []int64
	for rows.Next() {
		var m cases.SearchMatch
		var received, due string
		var doc int64
		if err := rows.Scan(&m.ID, &m.Reference, &m.Title, &m.TypeCode, &m.Status, &received, &due, &m.Rapporteur,
			&m.Confidential, &m.RapporteurID, &m.Score, &doc); err != nil {
			return nil, err
		}
		m.Score = -m.Score // bm25 is better when lower; SQLite's bare h.r comes from the best row
		m.ReceivedOn, _ = cases.ParseDate(received)
		m.DueOn, _ = cases.ParseDate(due)
		out = append(out, m)
		docs = append(docs, doc)
	}
	if err := rows.Err(); err != nil {
		return nil, searchError(err)
	}
	rows.Close()
	for i := range out {
		if err := db.matchTexts(ctx, &out[i], docs[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// searchError hides FTS5 query errors: the query text is built by
// textindex and always quoted, so one would be our bug, not the user's,
// and showing "fts5: syntax error" would help nobody. Nothing is found.
func searchError(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrError && strings.Contains(err.Error(), "fts5") {
		return nil
	}
	return err
}

// matchTexts loads the original text of the document that matched best,
// for the snippet.
func (db *DB) matchTexts(ctx context.Context, m *cases.SearchMatch, doc int64) error {
	id := doc >> 2
	switch doc & 3 {
	case kindCase:
		m.Source = cases.SourceCase
		var summary, respondent, system string
		err := db.read.QueryRowContext(ctx, "SELECT summary, respondent, ai_system FROM cases WHERE id = ?1", id).Scan(&summary, &respondent, &system)
		if err != nil {
			return err
		}
		m.Texts = []string{summary, joinNonEmpty(" · ", respondent, system)}
	case kindNote:
		m.Source = cases.SourceNote
		var body string
		if err := db.read.QueryRowContext(ctx, "SELECT body FROM notes WHERE id = ?1", id).Scan(&body); err != nil {
			return err
		}
		m.Texts = []string{body}
	case kindOpinion:
		m.Source = cases.SourceOpinion
		var body string
		if err := db.read.QueryRowContext(ctx, "SELECT body FROM opinions WHERE id = ?1", id).Scan(&body); err != nil {
			return err
		}
		m.Texts = []string{opinionPlainText(body)}
	}
	return nil
}

// opinionPlainText is the paragraphs of an opinion body, one per line.
func opinionPlainText(body string) string {
	var ps []cases.Paragraph
	if err := json.Unmarshal([]byte(body), &ps); err != nil {
		return body
	}
	texts := make([]string, 0, len(ps))
	for _, p := range ps {
		texts = append(texts, p.Text)
	}
	return strings.Join(texts, "\n")
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
