package pgstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"

	"ethicsdesk/internal/auditchain"
)

// The fingerprint of a row is the first 128 bits of the SHA-256 of the
// JSON array of its stored columns, as in the SQLite store
// (store/fingerprint.go), and over the same columns: the stored values
// are the same text and integers, so a row hashes the same on both
// engines. Rows are noted by the write that makes them (tx.touch), where
// the SQLite store uses temporary triggers of its connection.
type trackedTable struct{ entity, table, columns string }

var trackedTables = []trackedTable{
	{"case", "cases", `id, reference, type_code, title, summary, received_on, received_year, channel,
		submitter_kind, submitter_name, submitter_contact, submitter_confidential, respondent, ai_system, sector,
		catalogue_code, risk, breach, priority, confidential, status, status_rank, accepted_on, due_on,
		rapporteur_id, rapporteur_name, created_at, created_by, updated_at, updated_by, version, anonymised_at`},
	{"note", "notes", "id, case_id, at, author_id, author_name, body, private"},
	{"opinion", "opinions", `id, case_id, corrects_id, state, version, decision, body, pdf_sha256,
		sig_layout, issued_at, created_at, updated_at, updated_by, language`},
	{"user", "users", "id, username, display_name, role, active, password_hash, created_at"},
}

const deletedPrint = auditchain.Deleted

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
	t := trackedByEntity(entity)
	rows, err := q.QueryContext(ctx, "SELECT "+t.columns+" FROM "+t.table+" WHERE id = $1", id)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	if !rows.Next() {
		return deletedPrint, rows.Err()
	}
	return scanFingerprint(rows)
}

func trackedByEntity(entity string) trackedTable {
	for _, t := range trackedTables {
		if t.entity == entity {
			return t
		}
	}
	panic("untracked entity " + entity)
}

// The fingerprint format is shared with the other engine's store.
var (
	scanFingerprint = auditchain.ScanFingerprint
	fingerprintOf   = auditchain.Fingerprint
)

// rowPrints collects, while the chain is walked, each tracked row's last
// recorded fingerprint (the walk is shared with the other engine's store).
type rowPrints = auditchain.Prints

func isTracked(entity string) bool {
	for _, t := range trackedTables {
		if t.entity == entity {
			return true
		}
	}
	return false
}

// checkRowPrints compares every tracked row with its last audit entry. It
// returns the problems, how many rows it compared, and how many could not
// be compared because the log only mentions them in entries older than
// fingerprints.
func (db *DB) checkRowPrints(ctx context.Context, rp rowPrints) (problems []string, compared, legacy int, err error) {
	baseline, err := db.fingerprintBaseline(ctx)
	if err != nil {
		return nil, 0, 0, err
	}
	tables := make([]auditchain.Table, 0, len(trackedTables))
	for _, t := range trackedTables {
		tables = append(tables, auditchain.Table{Entity: t.entity, Table: t.table, Columns: t.columns})
	}
	return auditchain.CompareRows(ctx, db.db, tables, rowLabel, baseline, rp)
}

// rowLabel is the SQL naming a row in check's sentences.
func rowLabel(entity string) string {
	switch entity {
	case "case":
		return "'case ' || reference"
	case "note":
		return "'note ' || id || ' on case ' || COALESCE((SELECT reference FROM cases c WHERE c.id = notes.case_id), case_id::text)"
	case "opinion":
		return "'opinion ' || id || ' of case ' || COALESCE((SELECT reference FROM cases c WHERE c.id = opinions.case_id), case_id::text)"
	}
	return "'account ' || username"
}

// fingerprintBaseline is, per entity, the highest row id that existed when
// the register was upgraded to fingerprints (migration 0009).
func (db *DB) fingerprintBaseline(ctx context.Context) (map[string]int64, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT entity, max_id FROM fingerprint_baseline")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var e string
		var id int64
		if err := rows.Scan(&e, &id); err != nil {
			return nil, err
		}
		out[e] = id
	}
	return out, rows.Err()
}
