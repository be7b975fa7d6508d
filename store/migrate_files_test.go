package store

import (
	"strings"
	"testing"
	"testing/fstest"
)

// The migrations are applied in the order of their numbers, whatever the
// order of the folder; a misnamed file or two files of one number refuse
// every migration rather than apply a guess.
func TestMigrationsAreOrderedAndTheirNumbersUnique(t *testing.T) {
	file := func(sql string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(sql)} }
	ms, err := migrationsIn(fstest.MapFS{
		"migrations/0010_later.sql": file("-- ten"), "migrations/0002_next.sql": file("-- two"), "migrations/0001_first.sql": file("-- one"),
	})
	if err != nil || len(ms) != 3 || ms[0].version != 1 || ms[1].version != 2 || ms[2].version != 10 || ms[2].sql != "-- ten" {
		t.Fatalf("three migrations: %+v %v", ms, err)
	}
	for _, c := range []struct {
		files fstest.MapFS
		want  string
	}{
		{fstest.MapFS{"migrations/0001_a.sql": file(""), "migrations/0003_b.sql": file(""), "migrations/0003_c.sql": file("")}, "two migrations have the number 3"},
		{fstest.MapFS{"migrations/0001_a.sql": file(""), "migrations/0001_b.sql": file("")}, "two migrations have the number 1"},
		{fstest.MapFS{"migrations/0001_a.sql": file(""), "migrations/second.sql": file("")}, "second.sql is not named NNNN_name.sql"},
	} {
		if _, err := migrationsIn(c.files); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.files, err, c.want)
		}
	}
	if ms, err := migrations(); err != nil || len(ms) == 0 || ms[len(ms)-1].version != SchemaVersion() {
		t.Fatalf("the embedded migrations: %d, %v", len(ms), err)
	}
}
