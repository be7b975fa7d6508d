package pgtest

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The cluster starts, takes connections on its own databases, and its
// folder is gone after Stop.
func TestClusterStartsAndIsRemoved(t *testing.T) {
	c, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	url, err := c.NewDatabase()
	if err != nil {
		c.Stop()
		t.Fatal(err)
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		c.Stop()
		t.Fatal(err)
	}
	var two int
	err = db.QueryRow("SELECT 1 + 1").Scan(&two)
	db.Close()
	c.Stop()
	if err != nil || two != 2 {
		t.Fatalf("SELECT 1 + 1 = %d, %v", two, err)
	}
	if _, err := os.Stat(c.dir); !os.IsNotExist(err) {
		t.Errorf("the cluster's folder %s is still there after Stop", c.dir)
	}
}

// Without PostgreSQL, starting a cluster fails with a sentence that says
// how to install it (tests then fail with it instead of skipping).
func TestMissingPostgreSQLNamesTheInstallScript(t *testing.T) {
	defer func(old string) { debianInitdb = old }(debianInitdb)
	debianInitdb = filepath.Join(t.TempDir(), "*", "bin", "initdb")
	t.Setenv("PATH", t.TempDir())
	c, err := Start()
	if err == nil {
		c.Stop()
		t.Fatal("a cluster started without PostgreSQL's programs")
	}
	if !strings.Contains(err.Error(), "scripts/install-deps.sh") {
		t.Errorf("the error %q does not name scripts/install-deps.sh", err)
	}
}
