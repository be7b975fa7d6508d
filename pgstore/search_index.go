package pgstore

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"ethicsdesk/cases"
	"ethicsdesk/textindex"
)

// Document kinds in search_docs.doc (doc = id*4 + kind), as in the SQLite
// store's index.
const (
	kindCase    = 0
	kindNote    = 1
	kindOpinion = 2
	kindLetter  = 3 // a letter kept with its case (0011_letters_search.sql)
)

// maxPosition is the largest word position a tsvector keeps; words further
// into a long text share it (they are still found, phrases there less
// exactly).
const maxPosition = 16383

// field is one weighted part of a search document.
type field struct {
	text   string
	weight byte // 'A' … 'D'
}

// tsVector is the tsvector literal of a document's fields: each word of
// textindex.Words(textindex.IndexText(text)) at its position with its
// field's weight. Fields are set two positions apart, so that a phrase
// never runs from one field into the next.
func tsVector(fields ...field) string {
	positions := map[string][]string{}
	pos := 0
	for _, f := range fields {
		for _, w := range textindex.Words(textindex.IndexText(f.text)) {
			pos = min(pos+1, maxPosition)
			if ps := positions[w]; len(ps) < 256 { // a tsvector keeps 256 positions a word
				positions[w] = append(ps, strconv.Itoa(pos)+string(f.weight))
			}
		}
		pos = min(pos+1, maxPosition)
	}
	words := make([]string, 0, len(positions))
	for w := range positions {
		words = append(words, w)
	}
	sort.Strings(words)
	var b strings.Builder
	for _, w := range words {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s:%s", quoteLexeme(w), strings.Join(positions[w], ","))
	}
	return b.String()
}

func indexDoc(ctx context.Context, t *tx, doc int64, vec string) error {
	_, err := t.ExecContext(ctx, `INSERT INTO search_docs (doc, vec) VALUES ($1, $2::tsvector)
		ON CONFLICT (doc) DO UPDATE SET vec = EXCLUDED.vec`, doc, vec)
	return err
}

func indexCase(ctx context.Context, t *tx, c *cases.Case) error {
	return indexDoc(ctx, t, c.ID*4+kindCase, tsVector(field{c.Title, 'A'}, field{c.Summary, 'B'},
		field{c.Respondent + " " + c.AISystem, 'C'}))
}

// Notes, opinions and letters are weighted D alone: the ranking of a
// common word relies on it to leave out long ones (search_prune.go).
func indexNote(ctx context.Context, t *tx, n *cases.Note) error {
	return indexDoc(ctx, t, n.ID*4+kindNote, tsVector(field{n.Body, 'D'}))
}

func indexOpinion(ctx context.Context, t *tx, opinionID int64, body string) error {
	return indexDoc(ctx, t, opinionID*4+kindOpinion, tsVector(field{opinionPlainText(body), 'D'}))
}

// indexLetter indexes a kept letter's text in the notes' weight, as the
// SQLite store indexes it in the notes column.
func indexLetter(ctx context.Context, t *tx, attachmentID int64, text string) error {
	return indexDoc(ctx, t, attachmentID*4+kindLetter, tsVector(field{text, 'D'}))
}

// indexKeptLetters indexes the letters a register kept before this store
// indexed them: with the text migrate copied from a file, or the file name
// 0011_letters_search.sql filled in.
func indexKeptLetters(ctx context.Context, t *tx) error {
	rows, err := t.QueryContext(ctx, "SELECT id, letter_text FROM attachments WHERE letter_text <> '' ORDER BY id")
	if err != nil {
		return err
	}
	type letter struct {
		id   int64
		text string
	}
	var letters []letter
	for rows.Next() {
		var l letter
		if err := rows.Scan(&l.id, &l.text); err != nil {
			rows.Close()
			return err
		}
		letters = append(letters, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, l := range letters {
		if err := indexLetter(ctx, t, l.id, l.text); err != nil {
			return err
		}
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

// CheckSearchIndex compares the search index with what it indexes: one
// document per case, note, opinion and kept letter, and no other.
func (db *DB) CheckSearchIndex(ctx context.Context) ([]string, error) {
	var problems []string
	for _, k := range []struct {
		kind  int
		table string
		what  string
	}{{kindCase, "cases", "cases"}, {kindNote, "notes", "notes"}, {kindOpinion, "opinions", "opinions"},
		{kindLetter, "(SELECT id FROM attachments WHERE letter_text <> '')", "letters"}} {
		var missing, extra int
		err := db.db.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM `+k.table+` t WHERE NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.doc = t.id * 4 + $1)),
			(SELECT count(*) FROM search_docs d WHERE d.doc & 3 = $1 AND NOT EXISTS (SELECT 1 FROM `+k.table+` t WHERE t.id = d.doc >> 2))`,
			k.kind).Scan(&missing, &extra)
		if err != nil {
			return nil, err
		}
		if missing > 0 {
			problems = append(problems, fmt.Sprintf("%d %s are missing from the search index: search does not find them.", missing, k.what))
		}
		if extra > 0 {
			problems = append(problems, fmt.Sprintf("The search index holds %d %s that no longer exist.", extra, k.what))
		}
	}
	return problems, nil
}
