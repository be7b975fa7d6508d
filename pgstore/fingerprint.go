package pgstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"strconv"
)

// The fingerprint of a row is the first 128 bits of the SHA-256 of the
// JSON array of its stored columns, as in the SQLite store
// (store/fingerprint.go), and over the same columns: the stored values
// are the same text and integers, so a row hashes the same on both
// engines. Rows are noted by the write that makes them (tx.touch), where
// the SQLite store uses temporary triggers of its connection.
var trackedColumns = map[string]struct{ table, columns string }{
	"case": {"cases", `id, reference, type_code, title, summary, received_on, received_year, channel,
		submitter_kind, submitter_name, submitter_contact, submitter_confidential, respondent, ai_system, sector,
		catalogue_code, risk, breach, priority, confidential, status, status_rank, accepted_on, due_on,
		rapporteur_id, rapporteur_name, created_at, created_by, updated_at, updated_by, version, anonymised_at`},
	"note": {"notes", "id, case_id, at, author_id, author_name, body, private"},
	"opinion": {"opinions", `id, case_id, corrects_id, state, version, decision, body, pdf_sha256,
		sig_layout, issued_at, created_at, updated_at, updated_by, language`},
	"user": {"users", "id, username, display_name, role, active, password_hash, created_at"},
}

const deletedPrint = "deleted"

// touchedFingerprints returns the fingerprints of the rows t wrote since
// its last audit entry, as the JSON the entry stores ("" when none), and
// forgets them.
func touchedFingerprints(ctx context.Context, t *tx) (string, error) {
	if len(t.touched) == 0 {
		return "", nil
	}
	prints := make(map[string]string, len(t.touched))
	for _, k := range t.touched {
		p, err := rowFingerprint(ctx, t, k.entity, k.id)
		if err != nil {
			return "", err
		}
		prints[k.entity+":"+strconv.FormatInt(k.id, 10)] = p
	}
	t.touched = nil
	b, err := json.Marshal(prints) // keys sorted: the same rows give the same text
	return string(b), err
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// rowFingerprint is the fingerprint of one row, deletedPrint if it is gone.
func rowFingerprint(ctx context.Context, q queryer, entity string, id int64) (string, error) {
	t := trackedColumns[entity]
	rows, err := q.QueryContext(ctx, "SELECT "+t.columns+" FROM "+t.table+" WHERE id = $1", id)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	if !rows.Next() {
		return deletedPrint, rows.Err()
	}
	cols, err := rows.Columns()
	if err != nil {
		return "", err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return "", err
	}
	b, err := json.Marshal(vals)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16]), nil
}
