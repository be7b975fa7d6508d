package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"ethicsdesk/cases"
	"ethicsdesk/store"
)

func TestUsersCommandActsAsASignedInAdministrator(t *testing.T) {
	cases.CheapPasswordHashingForTests()
	path := filepath.Join(t.TempDir(), "register.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cases.NewService(db, nil).Bootstrap(context.Background(), "admin", "Admin", "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	t.Setenv("ETHICSDESK_NEW_PASSWORD", "member password 1")
	var out, errOut bytes.Buffer
	t.Setenv(passwordEnv, "wrong password here")
	if code := run([]string{"users", "--db", path, "--user", "admin", "list"}, &out, &errOut); code == 0 ||
		!strings.Contains(errOut.String(), "not right") {
		t.Fatalf("wrong password: %d %s", code, errOut.String())
	}
	t.Setenv(passwordEnv, "correct horse battery")
	errOut.Reset()
	if code := run([]string{"users", "--db", path, "--user", "admin", "add", "chen", "member", "Dr. Chen"}, &out, &errOut); code != 0 {
		t.Fatalf("add: %s", errOut.String())
	}
	out.Reset()
	if code := run([]string{"users", "--db", path, "--user", "admin", "list"}, &out, &errOut); code != 0 ||
		!strings.Contains(out.String(), "Dr. Chen") {
		t.Fatalf("list: %s %s", out.String(), errOut.String())
	}
	t.Setenv(passwordEnv, "member password 1")
	errOut.Reset()
	if code := run([]string{"users", "--db", path, "--user", "chen", "deactivate", "admin"}, &out, &errOut); code == 0 ||
		!strings.Contains(errOut.String(), "not allowed") {
		t.Fatalf("a member deactivated the administrator: %s", errOut.String())
	}
}
