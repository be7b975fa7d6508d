package store

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Each error SQLite gives about a file (produced here for real) becomes a
// sentence that names the file and keeps SQLite's error as its cause.
func TestSQLiteFileErrorsBecomeSentences(t *testing.T) {
	dir := t.TempDir()
	query := func(dsn, stmt string) error {
		t.Helper()
		raw, err := sql.Open("sqlite3", dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		_, err = raw.Exec(stmt)
		if err == nil {
			t.Fatalf("%s on %s did not fail", stmt, dsn)
		}
		return err
	}
	text := filepath.Join(dir, "minutes.db")
	os.WriteFile(text, []byte(strings.Repeat("Minutes of the March sitting.\n", 300)), 0o600)
	ro := filepath.Join(dir, "ro.db")
	query(ro, "CREATE TABLE t (x); SELECT * FROM no_such_table")
	for _, c := range []struct {
		err  error
		want string
	}{
		{query(text, "SELECT * FROM sqlite_master"), "X is not an Ethics Desk register: it is not a database file, or it is damaged or encrypted."},
		{query("file:"+filepath.Join(dir, "no such folder", "x.db")+"?mode=ro", "SELECT 1 FROM sqlite_master"), "The register X cannot be opened: check that the file exists and that you may read it."},
		{query("file:"+ro+"?mode=ro", "INSERT INTO t VALUES (1)"), "The register X is read-only."},
		{query(filepath.Join(dir, "small.db"), "PRAGMA max_page_count = 2; CREATE TABLE t (x); INSERT INTO t SELECT zeroblob(100000)"), "The disk is full: free some space and try again."},
		{query(ro, "SELECT * FROM no_such_table"), "The register X could not be opened: no such table: no_such_table."},
		{errors.New("file is not a database"), "X is not an Ethics Desk register: it is not a database file."},
	} {
		got := explain("X", c.err)
		var oe *OpenError
		if !errors.As(got, &oe) || got.Error() != c.want || !errors.Is(got, c.err) {
			t.Errorf("%v: %q, want %q", c.err, got, c.want)
		}
		if again := explain("Y", got); again != got {
			t.Errorf("a sentence explained twice: %q", again)
		}
	}
	if explain("X", nil) != nil {
		t.Error("no error explained as one")
	}
}
