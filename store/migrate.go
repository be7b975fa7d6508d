package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the embedded files 0001_x.sql, 0002_y.sql … in order.
func migrations() ([]migration, error) { return migrationsIn(migrationFiles) }

// migrationsIn lists the migrations of fsys's folder "migrations", refusing
// a misnamed file or two files of one number (a merge of two branches that
// both took the next number must not apply only one of them).
func migrationsIn(fsys fs.FS) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration file %s is not named NNNN_name.sql", e.Name())
		}
		body, err := fs.ReadFile(fsys, "migrations/"+e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i := 1; i < len(out); i++ {
		if out[i].version == out[i-1].version {
			return nil, fmt.Errorf("two migrations have the number %d", out[i].version)
		}
	}
	return out, nil
}

// SchemaVersion is the newest schema this build knows.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

func (db *DB) userVersion() (int, error) {
	var v int
	err := db.read.QueryRow("PRAGMA user_version").Scan(&v)
	return v, err
}

func (db *DB) checkSchemaVersion() error {
	v, err := db.userVersion()
	if err != nil {
		return explain(db.Path, err)
	}
	if latest := SchemaVersion(); v > latest {
		return &OpenError{Path: db.Path, Problem: fmt.Sprintf(
			"%s was saved by a newer version of Ethics Desk (register format %d; this version reads up to %d). Install the newer version to open it; the file was not changed.",
			db.Path, v, latest)}
	}
	return nil
}

// migrate applies each pending migration in its own transaction, together
// with the user_version that records it, so a failure leaves the file at
// the previous version.
func (db *DB) migrate(ctx context.Context) error {
	if err := db.checkSchemaVersion(); err != nil {
		return err
	}
	ms, err := migrations()
	if err != nil {
		return err
	}
	current, err := db.userVersion()
	if err != nil {
		return err
	}
	// A register made before registers were marked gets its mark.
	var appID int64
	if err := db.write.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return err
	}
	if appID != ApplicationID && current > 0 {
		if _, err := db.write.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
			return err
		}
	}
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		tx, err := db.write.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		// Another copy of the program may have migrated while we waited
		// for the write lock.
		var now int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&now); err != nil || now >= m.version {
			tx.Rollback()
			if err != nil {
				return err
			}
			continue
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", m.version, ApplicationID)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}
