// Package pgstore keeps the register in a PostgreSQL database, for the
// committee server of an institution that runs its registers on a
// database server (replication, point-in-time recovery). It implements the
// storage contracts of package cases with the same stored values as the
// SQLite store (package store), so audit hashes and row fingerprints are
// the same on both engines; no business rule lives here.
package pgstore

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"ethicsdesk/internal/registerpages"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is an open register on PostgreSQL. Writes take one advisory lock
// (writeLock), so they queue as on SQLite's single writer, also across
// several server processes on the same database.
type DB struct {
	db *sql.DB
	// Source is where the register is, for messages: host, port and
	// database, without the password.
	Source string

	anchors registerpages.Cache // keys of register pages (register_pages.go)
	pruned  prunedQueries       // common words ranked pruned (search_prune.go)

	// The connections searches for rare words run on (search_rare.go).
	generic         *sql.DB
	genericOff      atomic.Bool // the pool failed: searches stay on db
	genericSearches atomic.Int64
	rare            rareQueries
}

// Open connects to the database given by a postgres:// URL or key=value
// settings; what they leave out comes from the standard PG* variables
// (PGHOST, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE …), so "" uses those
// alone. The schema is brought up to date.
func Open(ctx context.Context, conn string) (*DB, error) {
	cfg, err := pgx.ParseConfig(conn)
	if err != nil {
		return nil, fmt.Errorf("The PostgreSQL connection settings are not valid: %v.", err)
	}
	src := fmt.Sprintf("PostgreSQL database %q on %s:%d", cfg.Database, cfg.Host, cfg.Port)
	if statementTracer != nil {
		cfg.Tracer = statementTracer
	}
	db := &DB{db: stdlib.OpenDB(*cfg), Source: src, generic: openGenericPool(cfg)}
	keepConnections(db.db, 16)
	if err := db.db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("Cannot connect to the %s: %v.", src, err)
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("Cannot bring the %s up to date: %v.", src, err)
	}
	return db, nil
}

// statementTracer, set by tests only, sees every statement the registers
// opened afterwards send.
var statementTracer pgx.QueryTracer

// keepConnections lets pool open n connections and keeps them all once
// made, for ten minutes unused: database/sql keeps two idle ones unless
// told otherwise and closes the others as they come back, so that each
// burst of calls at once (the committee server) started PostgreSQL
// backends again and planned every statement again on them.
func keepConnections(pool *sql.DB, n int) {
	pool.SetMaxOpenConns(n)
	pool.SetMaxIdleConns(n)
	pool.SetConnMaxIdleTime(10 * time.Minute)
}

// Close closes the connections.
func (db *DB) Close() error {
	db.generic.Close()
	return db.db.Close()
}

// migrationLock is the advisory lock held while the schema is changed, so
// that two servers starting together do not both apply a migration.
const migrationLock = 0x45445347 // "EDSG"

// migrate applies, in order, each numbered file of migrations/ not yet
// recorded in schema_migrations, each in its own transaction.
func (db *DB) migrate(ctx context.Context) error {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrationLock); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock($1)", migrationLock)
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return err
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	var newest, known int
	if err := conn.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&newest); err != nil {
		return err
	}
	if len(names) > 0 {
		fmt.Sscanf(strings.TrimPrefix(names[len(names)-1], "migrations/"), "%04d_", &known)
	}
	if newest > known {
		return &NewerSchemaError{Schema: newest, Known: known}
	}
	for _, name := range names {
		var version int
		base := strings.TrimPrefix(name, "migrations/")
		if _, err := fmt.Sscanf(base, "%04d_", &version); err != nil {
			return fmt.Errorf("migration %s has no number", base)
		}
		var done bool
		if err := conn.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)", version).Scan(&done); err != nil {
			return err
		}
		if done {
			continue
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		mtx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := mtx.ExecContext(ctx, string(body)); err != nil {
			mtx.Rollback()
			return fmt.Errorf("migration %s: %w", base, err)
		}
		if then := afterMigration[version]; then != nil {
			if err := then(ctx, &tx{Tx: mtx}); err != nil {
				mtx.Rollback()
				return fmt.Errorf("migration %s: %w", base, err)
			}
		}
		if _, err := mtx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", version, base); err != nil {
			mtx.Rollback()
			return err
		}
		if err := mtx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// afterMigration is the work in Go a migration needs, done in its
// transaction once its SQL has run: search vectors are built by package
// textindex, which SQL cannot call.
var afterMigration = map[int]func(context.Context, *tx) error{
	11: indexKeptLetters, // 0011_letters_search.sql
}

// NewerSchemaError refuses a register a newer version of Ethics Desk has
// upgraded: this version would not know what its new tables mean.
type NewerSchemaError struct{ Schema, Known int }

func (e *NewerSchemaError) Error() string {
	return fmt.Sprintf("it was upgraded by a newer version of Ethics Desk (schema %d; this version knows up to %d). Use that version; nothing was changed", e.Schema, e.Known)
}

// SchemaVersion is the number of the newest migration applied.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.db.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v)
	return v, err
}
