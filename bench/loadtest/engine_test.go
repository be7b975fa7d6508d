//go:build loadtest

package loadtest

import (
	"context"
	"os"
	"strings"
	"testing"

	"ethicsdesk/app"
	"ethicsdesk/cases"
	"ethicsdesk/cli"
	"ethicsdesk/internal/pgtest"
	"ethicsdesk/pgstore"
)

// register is what the load test reads besides the service: the notes it
// checks, the signing root the server's certificate comes from, and the
// accounts the server signs people in with.
type register interface {
	app.Register
	Notes(ctx context.Context, caseID, viewerID int64) ([]cases.Note, error)
	SigningRoot(ctx context.Context) (cert, sealedKey []byte, err error)
	UserByID(ctx context.Context, id int64) (cases.User, error)
}

// engine is LOADTEST_ENGINE: "sqlite" (the default, the register file) or
// "postgres" (a throwaway PostgreSQL cluster the test starts and removes).
func engine(t *testing.T) string {
	switch e := os.Getenv("LOADTEST_ENGINE"); e {
	case "", "sqlite":
		return "sqlite"
	case "postgres":
		return e
	default:
		t.Fatalf("LOADTEST_ENGINE=%q: use sqlite or postgres", e)
		return ""
	}
}

// onPostgres moves the world built in the register file onto PostgreSQL
// with `ethicsdesk migrate`, as an institution moving its register onto
// the server would, and points the service at it. It returns the
// arguments `check` takes for the register the load ran on.
func (w *world) onPostgres(t *testing.T) []string {
	t.Helper()
	cl, err := pgtest.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Stop)
	url, err := cl.NewDatabase()
	if err != nil {
		t.Fatal(err)
	}
	var out, errb strings.Builder
	if code := cli.Run([]string{"migrate", "--from", w.Path, "--to", url}, &out, &errb); code != 0 {
		t.Fatalf("migrate: exit %d %s %s", code, out.String(), errb.String())
	}
	db, err := pgstore.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	w.reg, w.svc = db, app.NewService(db, nil)
	return []string{"check", "--postgres", url}
}
