package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/mattn/go-sqlite3"
)

// Health is what the start-up check found. A damaged register is reported
// and left exactly as it is: nothing is ever "repaired" by discarding data.
type Health struct {
	SchemaVersion int      // the register's format
	Latest        int      // the newest format this build knows
	Problems      []string // from SQLite's quick check; none means sound
	// Message is one sentence for the user when something is wrong, else "".
	Message string
}

// Damaged reports whether the quick check found problems.
func (h Health) Damaged() bool { return len(h.Problems) > 0 }

// StartupHealth runs SQLite's quick check and reads the schema version. The
// window calls it after Open; quick_check reads every page but skips the
// slow index cross-checks, so it is fast enough for every start.
func (db *DB) StartupHealth(ctx context.Context) (Health, error) {
	h := Health{Latest: SchemaVersion()}
	v, err := db.userVersion()
	if err != nil {
		return h, explain(db.Path, err)
	}
	h.SchemaVersion = v
	rows, err := db.read.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		if IsDamaged(err) {
			h.Problems = []string{err.Error()}
			h.Message = damagedSentence(db.Path)
			return h, nil
		}
		return h, explain(db.Path, err)
	}
	defer rows.Close()
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			return h, explain(db.Path, err)
		}
		if msg != "ok" {
			h.Problems = append(h.Problems, msg)
		}
	}
	if err := rows.Err(); err != nil {
		if !IsDamaged(err) {
			return h, explain(db.Path, err)
		}
		h.Problems = append(h.Problems, err.Error())
	}
	switch {
	case h.Damaged():
		h.Message = damagedSentence(db.Path)
	case v < h.Latest && !db.ReadOnly:
		h.Message = fmt.Sprintf("The register %s is in format %d but this version needs %d; it could not be brought up to date.", db.Path, v, h.Latest)
	}
	return h, nil
}

func damagedSentence(path string) string {
	return fmt.Sprintf("The register %s is damaged. You can go on reading it, but restore the latest backup before making changes; the damaged file will be kept aside, not deleted.", path)
}

// IsDamaged says whether err means the register file is corrupt or not a
// database at all: the cases where the window offers to restore a backup.
func IsDamaged(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB
	}
	var oe *OpenError
	if errors.As(err, &oe) {
		return strings.Contains(oe.Problem, "damaged") || strings.Contains(oe.Problem, "not a database file")
	}
	return false
}
