package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
	"ethicsdesk/internal/safefile"
	"ethicsdesk/store"
)

// rawSQLite makes a SQLite file of another program (rollback journal, as
// most programs leave them) with the statements given.
func rawSQLite(t *testing.T, path string, stmts ...string) {
	t.Helper()
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, s := range stmts {
		if _, err := raw.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
}

func readAll(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func noCompanions(t *testing.T, path string) {
	t.Helper()
	for _, s := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + s); err == nil {
			t.Fatalf("%s%s was created", filepath.Base(path), s)
		}
	}
}

// Item 14: a 0-byte file, another program's database and a register of a
// newer version are refused and left byte for byte as they were.
func TestFilesThatAreNotOurRegistersAreLeftUntouched(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	if _, err := store.OpenExisting(empty); err == nil || !strings.Contains(err.Error(), "is empty") {
		t.Fatalf("a 0-byte file: %v", err)
	}
	if fi, _ := os.Stat(empty); fi.Size() != 0 {
		t.Fatal("the 0-byte file was turned into a register")
	}
	noCompanions(t, empty)

	blank := filepath.Join(dir, "blank.db")
	rawSQLite(t, blank, "PRAGMA page_size = 4096", "VACUUM")
	refusedUntouched(t, blank, "empty database")

	foreign := filepath.Join(dir, "photos.db")
	rawSQLite(t, foreign, "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)", "INSERT INTO photos (name) VALUES ('cat.jpg')")
	other := filepath.Join(dir, "other-app.db")
	rawSQLite(t, other, "PRAGMA application_id = 1234", "CREATE TABLE t (x)")
	unmarkedEmptyTables := filepath.Join(dir, "users-only.db")
	rawSQLite(t, unmarkedEmptyTables, "PRAGMA user_version = 3", "CREATE TABLE users (x)")
	// The register's four table names, made by another program that never
	// set a version: not a register from before registers were marked.
	lookalike := filepath.Join(dir, "lookalike.db")
	rawSQLite(t, lookalike, "CREATE TABLE cases (x)", "CREATE TABLE users (x)", "CREATE TABLE audit_log (x)", "CREATE TABLE reference_counters (x)")
	for _, path := range []string{foreign, other, unmarkedEmptyTables, lookalike} {
		before := readAll(t, path)
		for _, open := range []func() error{
			func() error { _, err := store.OpenExisting(path); return err },
			func() error { _, err := store.Open(path, store.Options{ReadOnly: true}); return err },
		} {
			err := open()
			if err == nil || !strings.Contains(err.Error(), "another program") {
				t.Fatalf("%s: %v", filepath.Base(path), err)
			}
		}
		if !bytes.Equal(before, readAll(t, path)) {
			t.Fatalf("%s changed", filepath.Base(path))
		}
		noCompanions(t, path)
	}

	newer := filepath.Join(dir, "newer.db")
	db, err := store.Open(newer, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	rawSQLite(t, newer, "PRAGMA journal_mode = DELETE", fmt.Sprintf("PRAGMA user_version = %d", store.SchemaVersion()+1))
	before := readAll(t, newer)
	if _, err := store.OpenExisting(newer); err == nil || !strings.Contains(err.Error(), "newer version") {
		t.Fatalf("a newer register: %v", err)
	}
	if !bytes.Equal(before, readAll(t, newer)) {
		t.Fatal("the newer register's file changed (switched to WAL?)")
	}
	noCompanions(t, newer)
}

// Item 2: a register made before registers were marked opens and is
// marked on the way.
func TestAnUnmarkedOldRegisterIsMarkedOnUpgrade(t *testing.T) {
	db, path := openTemp(t)
	newService(db).CreateCase(context.Background(), secretary, draft())
	db.Close()
	rawSQLite(t, path, "PRAGMA application_id = 0", "PRAGMA wal_checkpoint(TRUNCATE)")
	if store.IsRegisterFile(path) {
		t.Fatal("setup: the file is still marked")
	}
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if !store.IsRegisterFile(path) {
		t.Fatal("the old register was not marked")
	}
}

// Item 2: restore takes only a register's backup; anything else is
// refused with a sentence and the register is left as it was.
func TestRestoreTakesOnlyARegistersBackup(t *testing.T) {
	ctx := context.Background()
	db, path := openTemp(t)
	c, err := newService(db).CreateCase(ctx, secretary, draft())
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	text := filepath.Join(dir, "notes.txt")
	os.WriteFile(text, []byte(strings.Repeat("not a database\n", 100)), 0o600)
	blank := filepath.Join(dir, "blank.db")
	rawSQLite(t, blank, "PRAGMA page_size = 4096", "VACUUM")
	refusedUntouched(t, blank, "empty database")

	foreign := filepath.Join(dir, "photos.db")
	rawSQLite(t, foreign, "CREATE TABLE photos (id INTEGER PRIMARY KEY)")
	emptySQLite := filepath.Join(dir, "blank.db")
	rawSQLite(t, emptySQLite, "PRAGMA page_size = 4096", "VACUUM")
	before := readAll(t, path)
	for _, from := range []string{empty, text, foreign, emptySQLite} {
		aside, err := store.Restore(ctx, path, from, time.Now())
		if err == nil || aside != "" || !strings.Contains(err.Error(), "Nothing was changed") {
			t.Fatalf("restore from %s: %q %v", filepath.Base(from), aside, err)
		}
		if !bytes.Equal(before, readAll(t, path)) {
			t.Fatalf("restore from %s changed the register", filepath.Base(from))
		}
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*before-restore*")); len(left) > 0 {
		t.Fatalf("files moved aside: %v", left)
	}
	db, err = store.OpenExisting(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := newService(db).FindCase(ctx, secretary, c.Reference); err != nil {
		t.Fatalf("the register lost its case: %v", err)
	}
}

// Item 3 (one process; the two-process test is the restore command's): a
// register held open is not replaced.
func TestRestoreRefusesWhileTheRegisterIsOpen(t *testing.T) {
	ctx := context.Background()
	db, path := openTemp(t)
	backup := filepath.Join(t.TempDir(), "b.db")
	if _, err := db.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	_, err := store.Restore(ctx, path, backup, time.Now())
	var inUse *store.InUseError
	if !errors.As(err, &inUse) || !strings.Contains(err.Error(), fmt.Sprintf("is open in Ethics Desk (process %d); close it first", os.Getpid())) {
		t.Fatalf("restore under an open register: %v", err)
	}
	if err := db.OthersHaveOpen(); err != nil {
		t.Fatalf("the only handle is said to share the register: %v", err)
	}
	other, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.OthersHaveOpen(); err == nil {
		t.Fatal("a second handle went unnoticed")
	}
	other.Close()
	db.Close()
	if _, err := store.Restore(ctx, path, backup, time.Now()); err != nil {
		t.Fatalf("restore once closed: %v", err)
	}
}

// Item 5: 40 wrong passwords at once lock the account after 5, and no
// guess gets through the lock, not even the right password.
func TestParallelWrongPasswordsAllCount(t *testing.T) {
	passwordcost.Cheap()
	ctx := context.Background()
	db, _ := openTemp(t)
	svc := newService(db)
	if _, err := svc.Bootstrap(ctx, "admin", "Admin", "the right password"); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	wrong, locked, other := 0, 0, []error{}
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_, err := svc.Login(ctx, "admin", fmt.Sprintf("guess number %d", i))
			var le *cases.LockedError
			mu.Lock()
			defer mu.Unlock()
			switch {
			case errors.Is(err, cases.ErrWrongPassword):
				wrong++
			case errors.As(err, &le):
				locked++
			default:
				other = append(other, err)
			}
		}(i)
	}
	wg.Wait()
	if wrong != cases.MaxFailedLogins-1 || locked != 40-wrong || len(other) > 0 {
		t.Fatalf("%d guesses said wrong, %d locked, others %v; want %d wrong before the lock", wrong, locked, other, cases.MaxFailedLogins-1)
	}
	var le *cases.LockedError
	if _, err := svc.Login(ctx, "admin", "the right password"); !errors.As(err, &le) {
		t.Fatalf("the right password got through the lock: %v", err)
	}
}

// Item 4: the public demo password opens only a demonstration register.
func TestDemoPasswordOnlyOnADemonstrationRegister(t *testing.T) {
	passwordcost.Cheap()
	ctx := context.Background()
	db, _ := openTemp(t)
	svc := newService(db)
	var fe cases.FieldErrors
	if _, err := svc.Bootstrap(ctx, "admin", "Admin", cases.DemoPassword); !errors.As(err, &fe) {
		t.Fatalf("the demo password was accepted for an account of a real register: %v", err)
	}
	// An account that has it anyway (as seed used to add) cannot sign in.
	hash, _ := cases.HashPassword(cases.DemoPassword)
	u := cases.User{Username: "admin", DisplayName: "Admin", Role: cases.RoleAdministrator, Active: true}
	if err := db.CreateUser(ctx, &u, hash, cases.AuditEntry{Actor: cases.System, Action: "user.create", Entity: "user"}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Login(ctx, "admin", cases.DemoPassword); !errors.Is(err, cases.ErrWrongPassword) {
		t.Fatalf("the demo password signed in on a real register: %v", err)
	}
	var nd *store.NotDemonstrationError
	if err := db.MarkDemonstration(ctx); !errors.As(err, &nd) {
		t.Fatalf("a register with accounts was marked as a demonstration: %v", err)
	}

	demo, _ := openTemp(t)
	if err := demo.MarkDemonstration(ctx); err != nil {
		t.Fatal(err)
	}
	dsvc := newService(demo)
	if _, err := dsvc.Bootstrap(ctx, "admin", "Admin", cases.DemoPassword); err != nil {
		t.Fatal(err)
	}
	if _, err := dsvc.Login(ctx, "admin", cases.DemoPassword); err != nil {
		t.Fatalf("the demo password on a demonstration register: %v", err)
	}
	if ok, err := dsvc.IsDemonstration(ctx); !ok || err != nil {
		t.Fatalf("IsDemonstration: %v %v", ok, err)
	}
}

// Item 15: a read-only register file opens read-only, sign-in works and
// the lockout holds in memory, and not one byte of the file changes.
func TestReadOnlyRegisterSignsInWithoutWriting(t *testing.T) {
	passwordcost.Cheap()
	ctx := context.Background()
	db, path := openTemp(t)
	if _, err := newService(db).Bootstrap(ctx, "admin", "Admin", "the right password"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(path, 0o600)
	before := readAll(t, path)
	ro, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !ro.ReadOnly {
		t.Fatal("a file without write permission opened for writing")
	}
	svc := newService(ro)
	if _, err := svc.Login(ctx, "admin", "the right password"); err != nil {
		t.Fatalf("sign-in on a read-only register: %v", err)
	}
	for i := 0; i < cases.MaxFailedLogins; i++ {
		svc.Login(ctx, "admin", "wrong")
	}
	var le *cases.LockedError
	if _, err := svc.Login(ctx, "admin", "the right password"); !errors.As(err, &le) {
		t.Fatalf("the lockout does not hold on a read-only register: %v", err)
	}
	ro.Close()
	if !bytes.Equal(before, readAll(t, path)) {
		t.Fatal("the read-only register's file changed")
	}
}

// Item 13: the register, its companions and backups are its owner's only;
// temporary files a killed process left are removed at the next start.
func TestFilesAreOwnerOnlyAndLeftoversGo(t *testing.T) {
	old := umaskZero()
	defer restoreUmask(old)
	ctx := context.Background()
	db, path := openTemp(t)
	newService(db).CreateCase(ctx, secretary, draft())
	written, err := store.AutoBackup(db, "", 3, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm", written} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("%s: %v %v", filepath.Base(p), fi.Mode(), err)
		}
	}
	if fi, _ := os.Stat(filepath.Dir(written)); fi.Mode().Perm() != 0o700 {
		t.Fatalf("the backup folder is %v", fi.Mode().Perm())
	}
	db.Close()
	left := []string{filepath.Join(filepath.Dir(path), safefile.TempPrefix+"123"), filepath.Join(filepath.Dir(written), safefile.TempPrefix+"456")}
	for _, p := range left {
		os.WriteFile(p, []byte("half an export"), 0o600)
	}
	db, err = store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, p := range left {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("%s was left", p)
		}
	}
}

// Item 15: a register in a folder without write permission opens
// read-only and leaves the folder as it was (no -wal, -shm or lock file).
func TestRegisterInAReadOnlyFolderOpensReadOnly(t *testing.T) {
	passwordcost.Cheap()
	ctx := context.Background()
	db, path := openTemp(t)
	if _, err := newService(db).Bootstrap(ctx, "admin", "Admin", "the right password"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	os.Remove(path + ".lock")
	dir := filepath.Dir(path)
	list := func() []string {
		entries, _ := os.ReadDir(dir)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return names
	}
	before, files := readAll(t, path), list()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o700)
	ro, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !ro.ReadOnly {
		t.Fatal("a register in a read-only folder opened for writing")
	}
	if _, err := newService(ro).Login(ctx, "admin", "the right password"); err != nil {
		t.Fatalf("sign-in: %v", err)
	}
	ro.Close()
	if !bytes.Equal(before, readAll(t, path)) || fmt.Sprint(list()) != fmt.Sprint(files) {
		t.Fatalf("the read-only folder changed: %v, was %v", list(), files)
	}
}

// refusedUntouched opens path as a register, expects a refusal that says
// want, and the file left byte for byte as it was.
func refusedUntouched(t *testing.T, path, want string) {
	t.Helper()
	before := readAll(t, path)
	if _, err := store.OpenExisting(path); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("%s: %v, want a refusal saying %q", filepath.Base(path), err, want)
	}
	if !bytes.Equal(before, readAll(t, path)) {
		t.Fatalf("%s was changed by the refused open", filepath.Base(path))
	}
}
