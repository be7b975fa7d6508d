package pgstore

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// copiedTables are the SQLite register's tables in the order a copy
// writes them: every row after the rows it refers to. The FTS5 index
// (search_fts*) is not copied; this store builds its own from the rows.
var copiedTables = []string{"settings", "case_types", "catalogue", "holidays", "users", "reference_counters",
	"cases", "case_panel", "status_changes", "notes", "meetings", "meeting_agenda", "meeting_attendance", "votes",
	"simplified_views", "opinions", "opinion_versions", "opinion_signatures", "signing_root", "user_keys",
	"blobs", "attachments", "case_duties", "audit_log", "audit_checkpoints", "fingerprint_baseline"}

// defaultTables hold what an empty register starts with (case types, the
// catalogue, default settings, the fingerprint baseline); a copy replaces
// them with the source's.
var defaultTables = map[string]bool{"settings": true, "case_types": true, "catalogue": true, "fingerprint_baseline": true}

// identityTables have an id the database hands out; after a copy each
// sequence continues after the highest id copied.
var identityTables = []string{"users", "cases", "status_changes", "notes", "meetings", "meeting_attendance",
	"opinions", "blobs", "attachments", "audit_checkpoints"}

// NotEmptyError refuses a copy into a database that already holds a
// register (or anything else), so that nothing is mixed or overwritten.
type NotEmptyError struct {
	Source string
	Holds  string
}

func (e *NotEmptyError) Error() string {
	return fmt.Sprintf("The %s is not empty (%s): migrate copies a register only into an empty database, so nothing was copied. Create a new database for it (see the README, \"PostgreSQL\").", e.Source, e.Holds)
}

// ForeignTables lists the tables of the connection's schema that are not
// the register's: a database holding them is not empty.
func ForeignTables(ctx context.Context, conn string) ([]string, error) {
	cfg, err := pgx.ParseConfig(conn)
	if err != nil {
		return nil, fmt.Errorf("The PostgreSQL connection settings are not valid: %v.", err)
	}
	db := stdlib.OpenDB(*cfg)
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = current_schema() ORDER BY table_name`)
	if err != nil {
		return nil, fmt.Errorf("Cannot connect to the PostgreSQL database %q on %s:%d: %v.", cfg.Database, cfg.Host, cfg.Port, err)
	}
	defer rows.Close()
	ours := map[string]bool{"schema_migrations": true, "search_docs": true}
	for _, t := range copiedTables {
		ours[t] = true
	}
	var foreign []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		if !ours[name] {
			foreign = append(foreign, name)
		}
	}
	return foreign, rows.Err()
}

// emptiness says what the register already holds, "" when nothing but
// the defaults of a new register.
func (db *DB) emptiness(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (string, error) {
	var held []string
	for _, t := range copiedTables {
		if defaultTables[t] {
			continue
		}
		var n int64
		if err := q.QueryRowContext(ctx, "SELECT count(*) FROM "+t).Scan(&n); err != nil {
			return "", err
		}
		if n > 0 {
			held = append(held, fmt.Sprintf("%d rows in %s", n, t))
		}
	}
	return strings.Join(held, ", "), nil
}

// CopyReport says what a copy wrote.
type CopyReport struct {
	Rows     map[string]int64 // per table
	Searched int64            // documents in the search index built
}

// CopyFromSQLite copies every row of a SQLite register, read through src
// (a read transaction, so one consistent moment of the file), into this
// database, which must hold no register yet. Rows keep their ids and
// stored values, so the audit log keeps its hashes and every row its
// fingerprint; the search index is built from the copied rows. It is one
// transaction: on any error nothing was copied.
func (db *DB) CopyFromSQLite(ctx context.Context, src *sql.Tx) (CopyReport, error) {
	rep := CopyReport{Rows: map[string]int64{}}
	if err := db.refuseUncopiable(ctx, src); err != nil {
		return rep, err
	}
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return rep, err
	}
	defer conn.Close()
	err = conn.Raw(func(driverConn any) error {
		pc := driverConn.(*stdlib.Conn).Conn()
		tx, err := pc.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(context.Background())
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", writeLock); err != nil {
			return err
		}
		if held, err := db.emptiness(ctx, db.db); err != nil {
			return err
		} else if held != "" {
			return &NotEmptyError{Source: db.Source, Holds: held}
		}
		// The baseline is fixed by a trigger once written; the copy
		// replaces the new register's with the source's, in this
		// transaction only.
		for _, s := range []string{"DELETE FROM settings", "DELETE FROM case_types", "DELETE FROM catalogue",
			"ALTER TABLE fingerprint_baseline DISABLE TRIGGER fingerprint_baseline_fixed", "DELETE FROM fingerprint_baseline"} {
			if _, err := tx.Exec(ctx, s); err != nil {
				return err
			}
		}
		for _, table := range copiedTables {
			n, err := copyTable(ctx, src, tx, table)
			if err != nil {
				return fmt.Errorf("copying %s: %w", table, err)
			}
			rep.Rows[table] = n
		}
		if _, err := tx.Exec(ctx, "ALTER TABLE fingerprint_baseline ENABLE TRIGGER fingerprint_baseline_fixed"); err != nil {
			return err
		}
		for _, table := range identityTables {
			if _, err := tx.Exec(ctx, fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM %s`, table, table)); err != nil {
				return err
			}
		}
		if rep.Searched, err = buildSearchIndex(ctx, tx); err != nil {
			return fmt.Errorf("building the search index: %w", err)
		}
		return tx.Commit(ctx)
	})
	if err != nil {
		return rep, err
	}
	// The planner knows nothing of tables filled in one go until they are
	// analysed (autovacuum would, some minutes later): a year's statistics
	// took 10 s instead of 0.2 s on a fresh copy of 20,000 cases.
	_, err = db.db.ExecContext(ctx, "ANALYZE")
	return rep, err
}

// refuseUncopiable refuses a register with rows in a table this version
// cannot copy (a newer version's), naming it: nothing may be left behind.
func (db *DB) refuseUncopiable(ctx context.Context, src *sql.Tx) error {
	rows, err := src.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table'
		AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_fts%' ORDER BY name`)
	if err != nil {
		return err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return err
		}
		names = append(names, n)
	}
	rows.Close()
	known := map[string]bool{}
	for _, t := range copiedTables {
		known[t] = true
	}
	for _, t := range copiedTables {
		if !contains(names, t) {
			return fmt.Errorf("The register has no table %s: it is not a register of this version, so nothing was copied. Open it once with this version of Ethics Desk, then migrate it.", t)
		}
	}
	var left []string
	for _, n := range names {
		if known[n] {
			continue
		}
		var count int64
		if err := src.QueryRowContext(ctx, `SELECT count(*) FROM "`+strings.ReplaceAll(n, `"`, `""`)+`"`).Scan(&count); err != nil {
			return err
		}
		if count > 0 {
			left = append(left, fmt.Sprintf("%s (%d rows)", n, count))
		}
	}
	if len(left) > 0 {
		return fmt.Errorf("The register holds data this version cannot copy to PostgreSQL yet: %s. Nothing was copied.", strings.Join(left, ", "))
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

type column struct {
	name, pgType string
	pk           int
}

// copyTable streams one table's rows from SQLite into PostgreSQL with
// COPY, in primary key order (the audit log's entries one after another,
// as its trigger wants them).
func copyTable(ctx context.Context, src *sql.Tx, dst pgx.Tx, table string) (int64, error) {
	pgCols, err := dst.Query(ctx, `SELECT column_name, data_type FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`, table)
	if err != nil {
		return 0, err
	}
	dstTypes := map[string]string{}
	for pgCols.Next() {
		var name, typ string
		if err := pgCols.Scan(&name, &typ); err != nil {
			pgCols.Close()
			return 0, err
		}
		dstTypes[name] = typ
	}
	pgCols.Close()
	if err := pgCols.Err(); err != nil {
		return 0, err
	}
	info, err := src.QueryContext(ctx, `SELECT name, pk FROM pragma_table_info(?1)`, table)
	if err != nil {
		return 0, err
	}
	var cols []column
	for info.Next() {
		var c column
		if err := info.Scan(&c.name, &c.pk); err != nil {
			info.Close()
			return 0, err
		}
		typ, ok := dstTypes[c.name]
		if !ok {
			info.Close()
			return 0, fmt.Errorf("its column %s has no place in the PostgreSQL register", c.name)
		}
		c.pgType = typ
		cols = append(cols, c)
	}
	info.Close()
	if err := info.Err(); err != nil {
		return 0, err
	}
	if len(cols) != len(dstTypes) {
		return 0, fmt.Errorf("it has %d columns, the PostgreSQL register's %d", len(cols), len(dstTypes))
	}
	names := make([]string, len(cols))
	var pk []column
	for i, c := range cols {
		names[i] = c.name
		if c.pk > 0 {
			pk = append(pk, c)
		}
	}
	sort.Slice(pk, func(i, j int) bool { return pk[i].pk < pk[j].pk })
	order := make([]string, len(pk))
	for i, c := range pk {
		order[i] = `"` + c.name + `"`
	}
	query := `SELECT "` + strings.Join(names, `", "`) + `" FROM ` + table
	if len(order) > 0 {
		query += " ORDER BY " + strings.Join(order, ", ")
	}
	rows, err := src.QueryContext(ctx, query)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	return dst.CopyFrom(ctx, pgx.Identifier{table}, names, &sqliteRows{rows: rows, cols: cols})
}

// sqliteRows feeds COPY from a SQLite query, giving each value the Go type
// of its PostgreSQL column.
type sqliteRows struct {
	rows *sql.Rows
	cols []column
	vals []any
	err  error
}

func (s *sqliteRows) Next() bool {
	if !s.rows.Next() {
		return false
	}
	raw := make([]any, len(s.cols))
	ptrs := make([]any, len(raw))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	if s.err = s.rows.Scan(ptrs...); s.err != nil {
		return false
	}
	for i, c := range s.cols {
		switch v := raw[i].(type) {
		case string:
			if c.pgType == "bytea" {
				raw[i] = []byte(v)
			}
		case []byte:
			if c.pgType == "text" {
				raw[i] = string(v)
			}
		}
	}
	s.vals = raw
	return true
}

func (s *sqliteRows) Values() ([]any, error) { return s.vals, nil }

func (s *sqliteRows) Err() error {
	if s.err != nil {
		return s.err
	}
	return s.rows.Err()
}

// buildSearchIndex indexes every case, note, opinion and kept letter of
// the register, as the writes of this store do one at a time, a few
// thousand documents at a time (a large register's vectors would not fit
// in memory at once).
func buildSearchIndex(ctx context.Context, tx pgx.Tx) (int64, error) {
	if _, err := tx.Exec(ctx, "CREATE TEMP TABLE search_load (doc bigint, vec text) ON COMMIT DROP"); err != nil {
		return 0, err
	}
	steps := []struct {
		query string
		build func(int64, []string) (int64, string)
	}{
		{"SELECT id, title, summary, respondent, ai_system FROM cases WHERE id > $1 ORDER BY id LIMIT 5000", func(id int64, t []string) (int64, string) {
			return id*4 + kindCase, tsVector(field{t[0], 'A'}, field{t[1], 'B'}, field{t[2] + " " + t[3], 'C'})
		}},
		{"SELECT id, body FROM notes WHERE id > $1 ORDER BY id LIMIT 5000", func(id int64, t []string) (int64, string) {
			return id*4 + kindNote, tsVector(field{t[0], 'D'})
		}},
		{"SELECT id, body FROM opinions WHERE id > $1 ORDER BY id LIMIT 5000", func(id int64, t []string) (int64, string) {
			return id*4 + kindOpinion, tsVector(field{opinionPlainText(t[0]), 'D'})
		}},
		{"SELECT id, letter_text FROM attachments WHERE id > $1 AND letter_text <> '' ORDER BY id LIMIT 5000", func(id int64, t []string) (int64, string) {
			return id*4 + kindLetter, tsVector(field{t[0], 'D'})
		}},
	}
	var total int64
	for _, s := range steps {
		for after := int64(0); ; {
			docs, last, err := searchBatch(ctx, tx, s.query, after, s.build)
			if err != nil {
				return 0, err
			}
			if len(docs) == 0 {
				break
			}
			n, err := tx.CopyFrom(ctx, pgx.Identifier{"search_load"}, []string{"doc", "vec"}, pgx.CopyFromRows(docs))
			if err != nil {
				return 0, err
			}
			total, after = total+n, last
		}
	}
	// The search indexes take entries straight into their trees
	// (migration 0015); for the whole register at once they take them
	// into their pending lists and merge those in bulk (the 100,000-case
	// register's copy in 2 min 54 s instead of 3 min 16 s, measured beside
	// other work), leaving nothing pending for the searches to read.
	for _, s := range []string{
		"ALTER INDEX search_docs_vec SET (fastupdate = on)",
		"ALTER INDEX search_docs_cases_vec SET (fastupdate = on)",
		"INSERT INTO search_docs (doc, vec) SELECT doc, vec::tsvector FROM search_load",
		"SELECT gin_clean_pending_list('search_docs_vec'::regclass)",
		"SELECT gin_clean_pending_list('search_docs_cases_vec'::regclass)",
		"ALTER INDEX search_docs_vec SET (fastupdate = off)",
		"ALTER INDEX search_docs_cases_vec SET (fastupdate = off)",
	} {
		if _, err := tx.Exec(ctx, s); err != nil {
			return 0, err
		}
	}
	return total, nil
}

// searchBatch reads the rows of query after id after and makes their
// documents; last is the highest id read.
func searchBatch(ctx context.Context, tx pgx.Tx, query string, after int64,
	build func(int64, []string) (int64, string)) (docs [][]any, last int64, err error) {
	rows, err := tx.Query(ctx, query, after)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return nil, 0, err
		}
		texts := make([]string, len(vals)-1)
		for i, v := range vals[1:] {
			texts[i], _ = v.(string)
		}
		last = vals[0].(int64)
		doc, vec := build(last, texts)
		docs = append(docs, []any{doc, vec})
	}
	return docs, last, rows.Err()
}
