package pgtest

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"
)

// A saved cluster starts again with its databases and rows, on a copy:
// the saved folder is left as it was, and the copy is removed by Stop.
func TestASavedClusterStartsAgainWithItsRows(t *testing.T) {
	c, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Stop()
	url, err := c.NewDatabase()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')")
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	parent, err := os.MkdirTemp("", "ethicsdesk-pgsaved-*")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(parent)
	saved := filepath.Join(parent, "data")
	if err := c.SaveData(saved); err != nil {
		t.Fatal(err)
	}
	again, err := StartFrom(saved)
	if err != nil {
		t.Fatal(err)
	}
	db, err = sql.Open("pgx", again.URL(filepath.Base(url[:len(url)-len("?sslmode=disable")])))
	if err != nil {
		again.Stop()
		t.Fatal(err)
	}
	var v string
	err = db.QueryRow("SELECT v FROM kept").Scan(&v)
	db.Close()
	again.Stop()
	if err != nil || v != "still here" {
		t.Fatalf("the saved row reads %q, %v", v, err)
	}
	if _, err := os.Stat(again.dir); !os.IsNotExist(err) {
		t.Errorf("the copy %s is still there after Stop", again.dir)
	}
	if _, err := os.Stat(filepath.Join(saved, "PG_VERSION")); err != nil {
		t.Errorf("the saved folder was changed: %v", err)
	}
}
