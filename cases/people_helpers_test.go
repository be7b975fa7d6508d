package cases_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
	"ethicsdesk/store"
)

const pw = "correct horse battery"

type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// committee is a real temporary register with one account per role and
// seven members (the chair included among the voters).
type committee struct {
	t       *testing.T
	db      *store.DB
	path    string
	svc     *cases.Service
	clock   *testClock
	admin   cases.User
	sec     cases.User
	chair   cases.User
	members []cases.User // six members; with the chair, seven voters
}

func newCommittee(t *testing.T) *committee {
	t.Helper()
	passwordcost.Cheap()
	path := filepath.Join(t.TempDir(), "register.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clk := &testClock{t: time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local)}
	k := &committee{t: t, db: db, path: path, svc: cases.NewService(db, clk.now), clock: clk}
	ctx := context.Background()
	k.admin, err = k.svc.Bootstrap(ctx, "admin", "Administrator", pw)
	if err != nil {
		t.Fatal(err)
	}
	k.sec = k.add("sec", "Li Na", cases.RoleSecretariat)
	k.chair = k.add("chair", "Prof. Wang", cases.RoleChair)
	for _, n := range []string{"chen", "liu", "huang", "sun", "okafor", "mueller"} {
		k.members = append(k.members, k.add(n, "Dr. "+n, cases.RoleMember))
	}
	return k
}

func (k *committee) add(username, name string, role cases.Role) cases.User {
	k.t.Helper()
	u, err := k.svc.CreateUser(context.Background(), k.admin, cases.NewAccount{Username: username, DisplayName: name, Role: role, Password: pw})
	if err != nil {
		k.t.Fatal(err)
	}
	return u
}

func (k *committee) newCase(confidential bool, risk cases.Risk) cases.Case {
	k.t.Helper()
	d := cases.Draft{TypeCode: "privacy_complaint", Title: "Face recognition at the metro gates",
		Summary: "Faces are said to be stored without consent.", ReceivedOn: cases.MustDate("2026-03-02"),
		Channel: cases.ChannelEmail, Submitter: cases.Submitter{Kind: cases.SubmitterPerson, Name: "Zhang Wei"},
		Respondent: "Metro Co.", AISystem: "GateFace", Sector: "transport", CatalogueCode: "G54",
		Risk: risk, Breach: "privacy", Priority: cases.PriorityNormal, Confidential: confidential}
	c, err := k.svc.CreateCase(context.Background(), k.sec, d)
	if err != nil {
		k.t.Fatal(err)
	}
	return c
}

// head is the audit log's newest entry.
func (k *committee) head() cases.AuditRecord {
	k.t.Helper()
	recs, _, err := k.svc.AuditLog(context.Background(), k.admin, cases.AuditFilter{Limit: 1})
	if err != nil || len(recs) == 0 {
		k.t.Fatalf("audit log: %v %v", recs, err)
	}
	return recs[0]
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
