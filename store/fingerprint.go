package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"

	"ethicsdesk/internal/auditchain"
)

// A fingerprint is the SHA-256 of a row's stored columns. Every audit
// entry records the fingerprints of the case, note, opinion and account
// rows its transaction wrote (audit_log.fingerprints), so `check` can tell
// a row changed by the application from a row changed in the file.

// trackedTable is a table whose rows check compares with their last
// audit entry. columns are listed, not "*": a later migration that adds a
// column must not change every old row's fingerprint.
type trackedTable struct {
	entity  string // as in audit keys, "case:12"
	table   string
	columns string
	// watch limits the update trigger to these columns ("" = any): an
	// account's lockout counters change at every failed sign-in and are
	// not part of what an account is.
	watch string
}

var trackedTables = []trackedTable{
	{entity: "case", table: "cases", columns: `id, reference, type_code, title, summary, received_on, received_year, channel,
		submitter_kind, submitter_name, submitter_contact, submitter_confidential, respondent, ai_system, sector,
		catalogue_code, risk, breach, priority, confidential, status, status_rank, accepted_on, due_on,
		rapporteur_id, rapporteur_name, created_at, created_by, updated_at, updated_by, version, anonymised_at`},
	{entity: "note", table: "notes", columns: "id, case_id, at, author_id, author_name, body, private"},
	// The PDF itself is compared with pdf_sha256 by check (check_opinions.go).
	{entity: "opinion", table: "opinions", columns: `id, case_id, corrects_id, state, version, decision, body, pdf_sha256,
		sig_layout, issued_at, created_at, updated_at, updated_by, language`},
	{entity: "user", table: "users", columns: "id, username, display_name, role, active, password_hash, created_at",
		watch: "username, display_name, role, active, password_hash, created_at"},
}

// deletedPrint is the fingerprint recorded for a row the entry deleted.
const deletedPrint = auditchain.Deleted

// trackWrites makes sure the write connection notes, in a temporary table
// only it can see, every tracked row a transaction writes, and empties
// the list: what a transaction wrote before its first audit entry is
// fingerprinted by that entry. Temporary triggers live on the connection,
// so another program writing the file (the sqlite3 shell) leaves no trace
// here, and check finds its rows out of step with the log.
func trackWrites(ctx context.Context, tx *sql.Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM temp.sqlite_master WHERE name = 'ed_touched'").Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		stmts := []string{"CREATE TEMP TABLE ed_touched (entity TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (entity, id)) WITHOUT ROWID"}
		for _, t := range trackedTables {
			ins := fmt.Sprintf("INSERT OR IGNORE INTO temp.ed_touched VALUES ('%s', %%s.id)", t.entity)
			update := "UPDATE"
			if t.watch != "" {
				update = "UPDATE OF " + t.watch
			}
			stmts = append(stmts,
				fmt.Sprintf("CREATE TEMP TRIGGER ed_touch_%s_i AFTER INSERT ON main.%s BEGIN %s; END", t.table, t.table, fmt.Sprintf(ins, "NEW")),
				fmt.Sprintf("CREATE TEMP TRIGGER ed_touch_%s_u AFTER %s ON main.%s BEGIN %s; END", t.table, update, t.table, fmt.Sprintf(ins, "NEW")),
				fmt.Sprintf("CREATE TEMP TRIGGER ed_touch_%s_d AFTER DELETE ON main.%s BEGIN %s; END", t.table, t.table, fmt.Sprintf(ins, "OLD")))
		}
		for _, s := range stmts {
			if _, err := tx.ExecContext(ctx, s); err != nil {
				return fmt.Errorf("tracking written rows: %w", err)
			}
		}
		return nil
	}
	_, err := tx.ExecContext(ctx, "DELETE FROM temp.ed_touched")
	return err
}

// touchedFingerprints returns the fingerprints of the rows written since
// the last audit entry of this transaction, as the JSON the entry stores
// ("" when none), and empties the list.
func touchedFingerprints(ctx context.Context, tx *sql.Tx) (string, error) {
	rows, err := tx.QueryContext(ctx, "SELECT entity, id FROM temp.ed_touched")
	if err != nil {
		return "", fmt.Errorf("reading the rows written: %w", err)
	}
	type key struct {
		entity string
		id     int64
	}
	var keys []key
	for rows.Next() {
		var k key
		if err := rows.Scan(&k.entity, &k.id); err != nil {
			rows.Close()
			return "", err
		}
		keys = append(keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(keys) == 0 {
		return "", err
	}
	prints := make(map[string]string, len(keys))
	for _, k := range keys {
		t := trackedByEntity(k.entity)
		p, err := rowFingerprint(ctx, tx, t, k.id)
		if err != nil {
			return "", err
		}
		prints[k.entity+":"+strconv.FormatInt(k.id, 10)] = p
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM temp.ed_touched"); err != nil {
		return "", err
	}
	b, err := json.Marshal(prints) // keys sorted: the same rows give the same text
	return string(b), err
}

func trackedByEntity(entity string) trackedTable {
	for _, t := range trackedTables {
		if t.entity == entity {
			return t
		}
	}
	panic("untracked entity " + entity)
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// rowFingerprint is the fingerprint of one row, deletedPrint if it is gone.
func rowFingerprint(ctx context.Context, q queryer, t trackedTable, id int64) (string, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+t.columns+" FROM "+t.table+" WHERE id = ?1", id)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	if !rows.Next() {
		return deletedPrint, rows.Err()
	}
	return scanFingerprint(rows)
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
	return auditchain.CompareRows(ctx, db.read, tables, rowLabel, baseline, rp)
}

// rowLabel is the SQL naming a row in check's sentences.
func rowLabel(entity string) string {
	switch entity {
	case "case":
		return "'case ' || reference"
	case "note":
		return "'note ' || id || ' on case ' || COALESCE((SELECT reference FROM cases c WHERE c.id = notes.case_id), case_id)"
	case "opinion":
		return "'opinion ' || id || ' of case ' || COALESCE((SELECT reference FROM cases c WHERE c.id = opinions.case_id), case_id)"
	}
	return "'account ' || username"
}

// fingerprintBaseline is, per entity, the highest row id that existed when
// the register was upgraded to fingerprints (migration 0009).
func (db *DB) fingerprintBaseline(ctx context.Context) (map[string]int64, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT entity, max_id FROM fingerprint_baseline")
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
