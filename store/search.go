package store

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
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
	kindLetter  = 3 // a letter kept with its case (0020_letters_search_and_duties.sql)
)

// searchWeights are bm25's column weights, in the order of search_fts's
// columns: title, summary, parties, notes, opinion. A word in the title
// counts ten times one in a note.
const searchWeights = "10.0, 4.0, 3.0, 1.0, 2.0"

// matchedDocs is the CTE of the documents matching ?M that the viewer ?V may
// read, each mapped to its case: a note only when it is public or the
// viewer's own.
var matchedDocs = `m AS MATERIALIZED (SELECT rowid AS r, bm25(search_fts, ` + searchWeights + `) AS s FROM search_fts WHERE search_fts MATCH ?M),` + docsToCases

// bestDocs is matchedDocs keeping only the ?K best documents: for a common
// word that is a few thousand rows to map and group instead of 100,000.
// The cases found that way are exactly the best ones, in the right order
// (a case left out has no document scoring better than the ?K-th), so the
// page is exact whenever it comes back full; otherwise SearchCases asks
// again with matchedDocs.
var bestDocs = `m AS MATERIALIZED (SELECT rowid AS r, bm25(search_fts, ` + searchWeights + `) AS s FROM search_fts WHERE search_fts MATCH ?M
		ORDER BY s LIMIT ?K),` + docsToCases

var docsToCases = `
	h AS (SELECT ` + caseOfDoc("m.r") + ` AS case_id, m.r AS r, m.s AS s FROM m)`

// caseOfDoc is the case of the index document whose rowid is the column
// doc, or NULL when the viewer ?V may not read it (another's private note).
func caseOfDoc(doc string) string {
	return `CASE ` + doc + ` & 3
		WHEN 0 THEN ` + doc + ` >> 2
		WHEN 1 THEN (SELECT n.case_id FROM notes n WHERE n.id = ` + doc + ` >> 2 AND (n.private = 0 OR n.author_id = ?V))
		WHEN 2 THEN (SELECT o.case_id FROM opinions o WHERE o.id = ` + doc + ` >> 2)
		WHEN 3 THEN (SELECT a.case_id FROM attachments a WHERE a.id = ` + doc + ` >> 2) END`
}

// rankedCases pages through the cases of the documents in h, best first.
func rankedCases(where string) string {
	return `
			SELECT c.id AS id, c.reference AS reference, c.title AS title, c.type_code AS type_code, c.status AS status,
				c.received_on AS received_on, c.due_on AS due_on, c.rapporteur_name AS rapporteur_name, c.confidential AS confidential,
				COALESCE(c.rapporteur_id, 0) AS rid, MIN(h.s) AS best, h.r AS r
			FROM h JOIN cases c ON c.id = h.case_id` + where + `
			GROUP BY c.id ORDER BY best, c.id LIMIT ?L OFFSET ?O`
}

// withTexts turns a page p of ranked cases into the rows SearchCases
// scans: each case with the text of its best document, for the snippet,
// and how many documents m kept, to tell whether ?K cut the search short.
// Reading the texts here, for the page's rows only, saves a query per row.
// An empty page still gives one row, all empty (id 0) but for that count:
// a word nothing matches, the commonest search that finds nothing, is
// then answered by this one statement instead of a second that counts.
func withTexts(page, order string) string {
	return `, p AS (` + page + `)
	SELECT COALESCE(p.id, 0), COALESCE(p.reference, ''), COALESCE(p.title, ''), COALESCE(p.type_code, ''), COALESCE(p.status, ''),
		COALESCE(p.received_on, ''), COALESCE(p.due_on, ''), COALESCE(p.rapporteur_name, ''), COALESCE(p.confidential, 0),
		COALESCE(p.rid, 0), COALESCE(p.best, 0), COALESCE(p.r, 0),
		COALESCE(CASE p.r & 3 WHEN 0 THEN c.summary
			WHEN 1 THEN (SELECT n.body FROM notes n WHERE n.id = p.r >> 2)
			WHEN 3 THEN (SELECT a.letter_text FROM attachments a WHERE a.id = p.r >> 2)
			ELSE (SELECT o.body FROM opinions o WHERE o.id = p.r >> 2) END, ''),
		CASE WHEN p.r & 3 = 0 THEN c.respondent ELSE '' END,
		CASE WHEN p.r & 3 = 0 THEN c.ai_system ELSE '' END,
		k.kept
	FROM (SELECT count(*) AS kept FROM m) k LEFT JOIN p LEFT JOIN cases c ON c.id = p.id ORDER BY ` + order
}

// rankedPage is the statement for one page of ranked search results.
func rankedPage(docs, where string) string {
	return `WITH ` + docs + withTexts(rankedCases(where), "p.best, p.id")
}

// searchCutoff is how many of the best documents the first try keeps.
func searchCutoff(offset, limit int) int { return max(1000, 4*(offset+limit)) }

// SearchCases implements cases.SearchRepository with the FTS5 index.
func (db *DB) SearchCases(ctx context.Context, text string, q cases.Query, offset, limit int) ([]cases.SearchMatch, error) {
	pq := textindex.ParseQuery(text)
	w, args := where(q)
	bind := func(sqlText string, extra ...any) boundQuery { return bindSearch(sqlText, args, extra...) }
	switch {
	case pq.Match != "":
		cutoff := searchCutoff(offset, limit)
		out, kept, err := db.firstTry(ctx, pq.Match, w, args, q.Viewer.ID, offset, limit, cutoff)
		if err != nil || len(out) == limit {
			return out, err
		}
		if kept >= cutoff { // the cut may have left out matching cases: rank them all
			if out, _, err = db.searchPage(ctx, bind(rankedPage(matchedDocs, w), pq.Match, q.Viewer.ID, limit, offset)); err != nil {
				return nil, err
			}
		}
		if len(out) == limit || len(pq.Groups) < 2 {
			return out, nil
		}
		return db.addAcrossDocuments(ctx, out, pq, w, args, q.Viewer.ID, offset, limit)
	case pq.Exclude != "":
		// Only exclusions were typed: every case but those that match them,
		// newest first.
		cond := " WHERE "
		if w != "" {
			cond = w + " AND "
		}
		out, _, err := db.searchPage(ctx, bind(`WITH `+matchedDocs+withTexts(`
			SELECT c.id AS id, c.reference AS reference, c.title AS title, c.type_code AS type_code, c.status AS status,
				c.received_on AS received_on, c.due_on AS due_on, c.rapporteur_name AS rapporteur_name, c.confidential AS confidential,
				COALESCE(c.rapporteur_id, 0) AS rid, 0.0 AS best, c.id * 4 AS r
			FROM cases c`+cond+`c.id NOT IN (SELECT case_id FROM h WHERE case_id IS NOT NULL)
			ORDER BY c.received_on DESC, c.id DESC LIMIT ?L OFFSET ?O`, "p.received_on DESC, p.id DESC"), pq.Exclude, q.Viewer.ID, limit, offset))
		return out, err
	}
	return nil, nil
}

// firstTry is a page of the cases of match's cutoff best documents, and
// how many documents it ranked. A query known to match many documents is
// scored in two halves at once (search_split.go); any other is ranked by
// one statement, which tells whether the query is worth splitting.
func (db *DB) firstTry(ctx context.Context, match, w string, filterArgs []any, viewer int64, offset, limit, cutoff int) ([]cases.SearchMatch, int, error) {
	split, known := db.splits.lookup(match)
	if split == 0 {
		out, kept, err := db.searchPage(ctx, bindSearch(rankedPage(bestDocs, w), filterArgs, match, viewer, limit, offset, cutoff))
		if err == nil && !known && kept >= cutoff {
			// Only the speed of later searches depends on this: a failure
			// leaves the query unsplit and takes nothing from this one.
			_ = db.learnSplit(ctx, match)
		}
		return out, kept, err
	}
	docs, err := db.bestDocsSplit(ctx, match, split, cutoff)
	if err != nil {
		return nil, 0, err
	}
	js, scores := rankedJSON(docs)
	out, kept, err := db.searchPage(ctx, bindSearch(rankedPage(rankedDocs, w), filterArgs, js, viewer, limit, offset))
	for i := range out {
		// The statement ranked by place among the distinct scores; each
		// case's score is its best document's real one.
		if rank := int(-out[i].Score); rank >= 0 && rank < len(scores) {
			out[i].Score = -scores[rank]
		}
	}
	return out, kept, err
}

// boundQuery is SQL with its arguments.
type boundQuery struct {
	sql  string
	args []any
}

// bindSearch numbers a search statement's named parameters after the
// filter's: ?M the match, ?V the viewer, ?L and ?O the page, ?K the cutoff,
// given in that order in extra. The page and the cutoff, numbers the
// program chose, are written into the statement instead: SQLite ran the
// ranked statement three to four times slower with its LIMITs bound than
// written (0.55 against 0.15 ms for a rare word, the same plan; measured
// through the driver on the 100,000-case register). The statement's text
// then changes only with the page, and the driver keeps each prepared.
func bindSearch(sqlText string, filterArgs []any, extra ...any) boundQuery {
	n := len(filterArgs)
	args := append(append([]any(nil), filterArgs...), extra...)
	var pairs []string
	for i, name := range []string{"?M", "?V", "?L", "?O", "?K"} {
		if i >= len(extra) {
			break
		}
		if v, ok := extra[i].(int); ok && i >= 2 {
			pairs = append(pairs, name, strconv.Itoa(v))
		} else {
			pairs = append(pairs, name, "?"+strconv.Itoa(n+1+i))
		}
	}
	sqlText = strings.NewReplacer(pairs...).Replace(sqlText)
	// SQLite expects as many values as the highest parameter's number:
	// the values numbered above it are left out; one numbered below it
	// whose parameter the text no longer has (the cutoff's, before the
	// words of a search across documents) is bound to nothing, which
	// SQLite allows.
	return boundQuery{sqlText, args[:min(len(args), highestParameter(sqlText))]}
}

// highestParameter is the largest N of the ?N in a statement.
func highestParameter(sqlText string) int {
	high := 0
	for i := 0; i < len(sqlText); i++ {
		if sqlText[i] != '?' {
			continue
		}
		j := i + 1
		for j < len(sqlText) && sqlText[j] >= '0' && sqlText[j] <= '9' {
			j++
		}
		if v, err := strconv.Atoi(sqlText[i+1 : j]); err == nil {
			high = max(high, v)
		}
		i = j - 1
	}
	return high
}

// searchPage runs a search statement built by withTexts. kept is how many
// matching documents the statement ranked.
func (db *DB) searchPage(ctx context.Context, bq boundQuery) (out []cases.SearchMatch, kept int, err error) {
	rows, err := db.read.QueryContext(ctx, bq.sql, bq.args...)
	if err != nil {
		return nil, 0, searchError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var m cases.SearchMatch
		var received, due, text, respondent, system string
		var doc int64
		if err := rows.Scan(&m.ID, &m.Reference, &m.Title, &m.TypeCode, &m.Status, &received, &due, &m.Rapporteur,
			&m.Confidential, &m.RapporteurID, &m.Score, &doc, &text, &respondent, &system, &kept); err != nil {
			return nil, 0, err
		}
		if m.ID == 0 {
			continue // the row of an empty page, carrying only kept
		}
		m.Score = -m.Score // bm25 is better when lower; SQLite's bare h.r comes from the best row
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
	if err := rows.Err(); err != nil {
		return nil, 0, searchError(err)
	}
	return out, kept, nil
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
