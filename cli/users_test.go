package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"ethicsdesk/app"
	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
	"ethicsdesk/store"
)

func TestUsersCommandActsAsASignedInAdministrator(t *testing.T) {
	path := registerWithAdministrator(t)
	t.Setenv("ETHICSDESK_NEW_PASSWORD", "member password 1")
	var out, errOut bytes.Buffer
	t.Setenv(app.PasswordEnv, "wrong password here")
	if code := run([]string{"users", "--db", path, "--user", "admin", "list"}, &out, &errOut); code == 0 ||
		!strings.Contains(errOut.String(), "not right") {
		t.Fatalf("wrong password: %d %s", code, errOut.String())
	}
	t.Setenv(app.PasswordEnv, "correct horse battery")
	errOut.Reset()
	if code := run([]string{"users", "--db", path, "--user", "admin", "add", "chen", "member", "Dr. Chen"}, &out, &errOut); code != 0 {
		t.Fatalf("add: %s", errOut.String())
	}
	out.Reset()
	if code := run([]string{"users", "--db", path, "--user", "admin", "list"}, &out, &errOut); code != 0 ||
		!strings.Contains(out.String(), "Dr. Chen") {
		t.Fatalf("list: %s %s", out.String(), errOut.String())
	}
	t.Setenv(app.PasswordEnv, "member password 1")
	errOut.Reset()
	if code := run([]string{"users", "--db", path, "--user", "chen", "deactivate", "admin"}, &out, &errOut); code == 0 ||
		!strings.Contains(errOut.String(), "not allowed") {
		t.Fatalf("a member deactivated the administrator: %s", errOut.String())
	}
}

// registerWithAdministrator is a new register file whose one account is
// the administrator "admin" (password "correct horse battery").
func registerWithAdministrator(t *testing.T) string {
	t.Helper()
	passwordcost.Cheap()
	path := filepath.Join(t.TempDir(), "register.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cases.NewService(db, nil).Bootstrap(context.Background(), "admin", "Admin", "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	return path
}
