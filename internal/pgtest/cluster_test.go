package pgtest

import (
	"database/sql"
	"os"
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
