package pgstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"ethicsdesk/cases"
)

// IssuedOpinionBySHA256 implements cases.IssuedOpinionLookup: verifying a
// PDF on the server names the issued opinion it is (store/issued_lookup.go).
func (db *DB) IssuedOpinionBySHA256(ctx context.Context, sum string) (cases.IssuedOpinionRecord, error) {
	var r cases.IssuedOpinionRecord
	var issued string
	err := db.db.QueryRowContext(ctx, `SELECT o.id, c.reference, o.issued_at, o.pdf_sha256
		FROM opinions o JOIN cases c ON c.id = o.case_id
		WHERE o.state = 'issued' AND o.pdf_sha256 = $1 ORDER BY o.id LIMIT 1`, sum).Scan(&r.OpinionID, &r.Reference, &issued, &r.SHA256)
	if errors.Is(err, sql.ErrNoRows) {
		return r, cases.ErrNotFound
	}
	if err != nil {
		return r, err
	}
	r.IssuedAt = parseTime(issued)
	r.Signatures, err = db.opinionSignatures(ctx, r.OpinionID)
	return r, err
}

// maxSignedAtCandidates bounds how many opinions one lookup loads, as in
// the SQLite store.
const maxSignedAtCandidates = 8

// IssuedOpinionsSignedAt implements cases.IssuedOpinionLookup.
func (db *DB) IssuedOpinionsSignedAt(ctx context.Context, at time.Time) ([]cases.IssuedOpinionRecord, error) {
	from := at.UTC().Truncate(time.Second)
	rows, err := db.db.QueryContext(ctx, `SELECT DISTINCT o.id, c.reference, o.issued_at, o.pdf_sha256
		FROM opinion_signatures s JOIN opinions o ON o.id = s.opinion_id JOIN cases c ON c.id = o.case_id
		WHERE o.state = 'issued' AND s.signed_at COLLATE "C" >= $1 AND s.signed_at COLLATE "C" < $2 ORDER BY o.id LIMIT $3`,
		formatTime(from), formatTime(from.Add(time.Second)), maxSignedAtCandidates)
	if err != nil {
		return nil, err
	}
	var out []cases.IssuedOpinionRecord
	for rows.Next() {
		var r cases.IssuedOpinionRecord
		var issued string
		if err := rows.Scan(&r.OpinionID, &r.Reference, &issued, &r.SHA256); err != nil {
			rows.Close()
			return nil, err
		}
		r.IssuedAt = parseTime(issued)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Signatures, err = db.opinionSignatures(ctx, out[i].OpinionID); err != nil {
			return nil, err
		}
		if out[i].PDF, _, err = db.OpinionPDF(ctx, out[i].OpinionID); err != nil {
			return nil, err
		}
	}
	return out, nil
}
