package pgstore_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ethicsdesk/internal/pgtest"
	"ethicsdesk/internal/storetest"
	"ethicsdesk/pgstore"
	"ethicsdesk/store"
)

// One throwaway cluster for the package's tests; without PostgreSQL every
// test fails saying how to install it.
var (
	cluster  *pgtest.Cluster
	startErr error
)

func TestMain(m *testing.M) {
	os.Exit(pgtest.Main(m, func(c *pgtest.Cluster, err error) { cluster, startErr = c, err }))
}

// openPG gives a test an empty register in a database of its own.
func openPG(t *testing.T) (*pgstore.DB, string) {
	t.Helper()
	url, err := pgtest.Need(t, cluster, startErr).NewDatabase()
	if err != nil {
		t.Fatal(err)
	}
	db, err := pgstore.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, url
}

func rawExec(url string) func(string) error {
	return func(query string) error {
		raw, err := sql.Open("pgx", url)
		if err != nil {
			return err
		}
		defer raw.Close()
		_, err = raw.Exec(query)
		return err
	}
}

// The conformance suite of the storage contracts, the same one the SQLite
// store runs (store/conformance_test.go).
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Engine {
		db, url := openPG(t)
		return storetest.Engine{Store: db, Raw: rawExec(url)}
	})
}

// The same changes at the same moments give the same audit chain, hash
// for hash (row fingerprints included), on SQLite and on PostgreSQL.
func TestAuditHashesMatchSQLite(t *testing.T) {
	pg, _ := openPG(t)
	lite, err := store.Open(filepath.Join(t.TempDir(), "register.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	pgSeq, pgHash := storetest.AuditScript(t, pg)
	liteSeq, liteHash := storetest.AuditScript(t, lite)
	if pgSeq != liteSeq || pgHash != liteHash {
		t.Fatalf("PostgreSQL's head is %d %s, SQLite's %d %s", pgSeq, pgHash, liteSeq, liteHash)
	}
	if pgSeq != 4 {
		t.Errorf("the script wrote %d entries, want 4", pgSeq)
	}
}

// A kept letter and a duty check are recorded with the same hashes on
// both engines: a register copied either way keeps its chain.
func TestCommitteeAuditHashesMatchSQLite(t *testing.T) {
	pg, _ := openPG(t)
	lite, err := store.Open(filepath.Join(t.TempDir(), "register.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	pgSeq, pgHash := storetest.CommitteeScript(t, pg)
	liteSeq, liteHash := storetest.CommitteeScript(t, lite)
	if pgSeq != liteSeq || pgHash != liteHash {
		t.Fatalf("PostgreSQL's head is %d %s, SQLite's %d %s", pgSeq, pgHash, liteSeq, liteHash)
	}
	if pgSeq != 4 {
		t.Errorf("the script wrote %d entries, want 4", pgSeq)
	}
}

// Opening the same database again finds its schema up to date and its
// rows in place.
func TestReopenKeepsTheRegister(t *testing.T) {
	db, url := openPG(t)
	storetest.AuditScript(t, db)
	db.Close()
	again, err := pgstore.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if seq, _, err := again.AuditHead(context.Background()); err != nil || seq != 4 {
		t.Errorf("after reopening the head is %d (%v), want 4", seq, err)
	}
}

// The triggers stop everyone but the schema's owner, who can switch them
// off; check still finds what the owner changed, by the hashes.
func TestCheckFindsAnEntryAlteredWithTheTriggersOff(t *testing.T) {
	db, url := openPG(t)
	storetest.AuditScript(t, db)
	raw := rawExec(url)
	if err := raw("UPDATE audit_log SET actor = 'Mallory' WHERE seq = 2"); err == nil {
		t.Fatal("the trigger let an entry be changed")
	}
	if err := raw("TRUNCATE audit_log"); err == nil {
		t.Fatal("the audit log was emptied")
	}
	if err := raw(`ALTER TABLE audit_log DISABLE TRIGGER USER;
		UPDATE audit_log SET actor = 'Mallory' WHERE seq = 2;
		ALTER TABLE audit_log ENABLE TRIGGER USER`); err != nil {
		t.Fatal(err)
	}
	problems, err := db.Check(context.Background())
	if err != nil || len(problems) == 0 || problems[0] != "audit log: audit entry 2 was altered after it was written (entry 2)" {
		t.Errorf("check after an owner's change: %q, %v", problems, err)
	}
}

// A database a newer version upgraded is refused with a sentence, and
// one that cannot be reached says where it was looked for.
func TestOpenRefusesANewerSchemaAndSaysWhatIsUnreachable(t *testing.T) {
	db, url := openPG(t)
	db.Close()
	if err := rawExec(url)("INSERT INTO schema_migrations (version, name) VALUES (999, '0999_future.sql')"); err != nil {
		t.Fatal(err)
	}
	_, err := pgstore.Open(context.Background(), url)
	if err == nil || !strings.Contains(err.Error(), "upgraded by a newer version of Ethics Desk (schema 999") {
		t.Errorf("a newer schema: %v", err)
	}
	_, err = pgstore.Open(context.Background(), "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2")
	if err == nil || !strings.Contains(err.Error(), `Cannot connect to the PostgreSQL database "none" on 127.0.0.1:1`) {
		t.Errorf("an unreachable server: %v", err)
	}
}
