package store_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
	"ethicsdesk/store"
)

var secretary = cases.User{ID: 1, Username: "sec", DisplayName: "Li Na", Role: cases.RoleSecretariat, Active: true}

func openTemp(t *testing.T) (*store.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "register.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

func draft() cases.Draft {
	return cases.Draft{TypeCode: "privacy_complaint", Title: "Face recognition at the metro gates",
		Summary: "The submitter says faces are stored without consent.", ReceivedOn: cases.MustDate("2026-03-02"),
		Channel: cases.ChannelEmail, Submitter: cases.Submitter{Kind: cases.SubmitterPerson, Name: "Zhang Wei", Contact: "zw@example.org"},
		Respondent: "Metro Co.", AISystem: "GateFace", Sector: "transport", CatalogueCode: "G54",
		Risk: cases.RiskHigh, Breach: "privacy", Priority: cases.PriorityNormal}
}

func TestMigrationsFromEmptyFile(t *testing.T) {
	db, path := openTemp(t)
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var version, pageSize int
	var journal string
	raw.QueryRow("PRAGMA user_version").Scan(&version)
	raw.QueryRow("PRAGMA page_size").Scan(&pageSize)
	raw.QueryRow("PRAGMA journal_mode").Scan(&journal)
	if version != store.SchemaVersion() || pageSize != 8192 || journal != "wal" {
		t.Fatalf("user_version=%d (want %d), page_size=%d, journal=%s", version, store.SchemaVersion(), pageSize, journal)
	}
	types, err := db.CaseTypes(context.Background())
	if err != nil || len(types) != 3 {
		t.Fatalf("case types after migration: %v %v", types, err)
	}
	problems, err := db.Check(context.Background())
	if err != nil || len(problems) != 0 {
		t.Fatalf("fresh register fails its check: %v %v", problems, err)
	}
}

func TestReferencesUniqueAndSequentialUnderConcurrency(t *testing.T) {
	db, _ := openTemp(t)
	svc := cases.NewService(db, func() time.Time { return time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC) })
	const workers, each = 8, 15
	refs := make(chan string, workers*each)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				c, err := svc.CreateCase(context.Background(), secretary, draft())
				if err != nil {
					t.Error(err)
					return
				}
				refs <- c.Reference
			}
		}()
	}
	wg.Wait()
	close(refs)
	seen := map[string]bool{}
	for r := range refs {
		if seen[r] {
			t.Fatalf("reference %s handed out twice", r)
		}
		seen[r] = true
	}
	for i := 1; i <= workers*each; i++ {
		want := "EC-2026-" + pad4(i)
		if !seen[want] {
			t.Fatalf("missing %s: references are not sequential", want)
		}
	}
}

func pad4(i int) string {
	s := "000" + itoa(i)
	return s[len(s)-4:]
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestNotADatabaseIsRefusedWithASentence(t *testing.T) {
	path := filepath.Join(t.TempDir(), "minutes.db")
	os.WriteFile(path, []byte(strings.Repeat("These are not the minutes you are looking for.\n", 200)), 0o600)
	_, err := store.Open(path, store.Options{})
	var oe *store.OpenError
	if !errors.As(err, &oe) {
		t.Fatalf("want an OpenError, got %v", err)
	}
	if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "is not an Ethics Desk register") {
		t.Fatalf("message does not name the file in a sentence: %q", err)
	}
	if strings.Contains(err.Error(), "file is not a database") {
		t.Fatalf("raw SQLite message leaked: %q", err)
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	db, path := openTemp(t)
	db.Close()
	raw, _ := sql.Open("sqlite3", path)
	if _, err := raw.Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	_, err := store.Open(path, store.Options{})
	if err == nil || !strings.Contains(err.Error(), "newer version of Ethics Desk") {
		t.Fatalf("want the newer-version message, got %v", err)
	}
}

func TestFailedTransactionLeavesNothing(t *testing.T) {
	db, _ := openTemp(t)
	svc := cases.NewService(db, nil)
	ctx := context.Background()
	c, err := svc.CreateCase(ctx, secretary, draft())
	if err != nil {
		t.Fatal(err)
	}
	// A case type that is not in case_types makes the UPDATE fail on its
	// foreign key after the version check and before the audit entry.
	bad := c
	bad.TypeCode = "no_such_type"
	err = db.UpdateCase(ctx, &bad, c.Version, cases.AuditEntry{Actor: secretary, Action: "case.update", Entity: "case", EntityID: c.ID})
	if err == nil {
		t.Fatal("update with a bad foreign key succeeded")
	}
	got, _ := db.GetCase(ctx, c.ID)
	if got.TypeCode != c.TypeCode || got.Version != c.Version {
		t.Fatalf("half-written update: %+v", got)
	}
	seq, _, _ := db.AuditHead(ctx)
	if seq != 1 {
		t.Fatalf("audit log has %d entries, want only the creation", seq)
	}
}

func TestStaleEditIsRefused(t *testing.T) {
	db, _ := openTemp(t)
	svc := cases.NewService(db, nil)
	ctx := context.Background()
	c, _ := svc.CreateCase(ctx, secretary, draft())
	other := secretary
	other.DisplayName = "Wang Fang"
	d := c.Draft
	d.Title = "First edit"
	if _, err := svc.UpdateCase(ctx, other, c.ID, c.Version, d); err != nil {
		t.Fatal(err)
	}
	d.Title = "Second edit on an old copy"
	_, err := svc.UpdateCase(ctx, secretary, c.ID, c.Version, d)
	var stale *cases.StaleError
	if !errors.As(err, &stale) || stale.By != "Wang Fang" || !strings.Contains(err.Error(), "changed by Wang Fang") {
		t.Fatalf("want a stale error naming Wang Fang, got %v", err)
	}
}

// declaredMember makes the test's member (ID 2) a real account and has them
// declare no conflict for each case: every member declares before a case's
// details open to them.
func declaredMember(t *testing.T, svc *cases.Service, m cases.User, caseIDs ...int64) {
	t.Helper()
	ctx := context.Background()
	if users, err := svc.Users(ctx, cases.User{ID: 1, Role: cases.RoleAdministrator, Active: true}); err != nil || len(users) == 0 {
		passwordcost.Cheap()
		admin, err := svc.Bootstrap(ctx, "admin", "Administrator", "a long enough test password")
		if err != nil {
			t.Fatal(err)
		}
		u, err := svc.CreateUser(ctx, admin, cases.NewAccount{Username: m.Username, DisplayName: m.DisplayName,
			Role: m.Role, Password: "a long enough test password"})
		if err != nil || u.ID != m.ID {
			t.Fatalf("the test member is account %d, want %d: %v", u.ID, m.ID, err)
		}
	}
	for _, id := range caseIDs {
		if err := svc.DeclareInterest(ctx, m, id, false, ""); err != nil {
			t.Fatal(err)
		}
	}
}
