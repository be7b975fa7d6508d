package store_test

import (
	"context"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
)

// The simplified procedure's designated members and their views are kept
// by name, a view not yet given is empty, and a view from someone not
// designated is refused; a referral puts the case on the meeting's agenda.
func TestSimplifiedViewsAreKept(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	passwordcost.Cheap()
	svc := cases.NewService(db, time.Now)
	admin, err := svc.Bootstrap(ctx, "admin", "Administrator", "a long enough test password")
	if err != nil {
		t.Fatal(err)
	}
	user := func(name, display string, role cases.Role) cases.User {
		u, err := svc.CreateUser(ctx, admin, cases.NewAccount{Username: name, DisplayName: display, Role: role, Password: "a long enough test password"})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	sec := user("sec", "Li Na", cases.RoleSecretariat)
	zhao, an, other := user("zhao", "Zhao Lei", cases.RoleMember), user("an", "an Qi", cases.RoleMember), user("bo", "Bo Yu", cases.RoleMember)
	d := draft()
	d.Risk = cases.RiskLow
	c, err := svc.CreateCase(ctx, sec, d)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.DesignateSimplified(ctx, sec, c.ID, []int64{zhao.ID, an.ID}); err != nil {
		t.Fatal(err)
	}
	views, err := db.SimplifiedViews(ctx, c.ID)
	if err != nil || len(views) != 2 || views[0].Name != an.Name() || views[1].UserID != zhao.ID || views[0].View != "" || !views[0].At.IsZero() {
		t.Fatalf("the designated members by name, no view yet: %+v %v", views, err)
	}
	at := time.Date(2026, 3, 20, 10, 0, 0, 0, time.UTC)
	audit := cases.AuditEntry{Actor: zhao, Action: "simplified.view", Entity: "case", EntityID: c.ID}
	if err := db.SaveView(ctx, c.ID, cases.SimplifiedView{UserID: zhao.ID, View: cases.VoteApprove, Comment: "Fine.", At: at}, 0, audit); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveView(ctx, c.ID, cases.SimplifiedView{UserID: other.ID, View: cases.VoteReject, At: at}, 0, audit); err == nil {
		t.Fatal("a view from a member not designated was saved")
	}
	m := &cases.Meeting{HeldOn: cases.MustDate("2026-04-17"), Title: "April", CreatedAt: at, CreatedBy: sec.Name()}
	if err := db.CreateMeeting(ctx, m, cases.AuditEntry{Actor: sec, Action: "meeting.create", Entity: "meeting"}); err != nil {
		t.Fatal(err)
	}
	seq, _, _ := db.AuditHead(ctx)
	if err := db.SaveView(ctx, c.ID, cases.SimplifiedView{UserID: an.ID, View: cases.VoteReject, Comment: "Needs a DPIA.", At: at.Add(time.Hour)}, m.ID, audit); err != nil {
		t.Fatal(err)
	}
	if after, _, _ := db.AuditHead(ctx); after != seq+1 {
		t.Fatalf("a view with a referral left %d audit entries, want 1", after-seq)
	}
	views, err = db.SimplifiedViews(ctx, c.ID)
	if err != nil || len(views) != 2 || views[0].View != cases.VoteReject || views[0].Comment != "Needs a DPIA." || !views[0].At.Equal(at.Add(time.Hour)) ||
		views[1].View != cases.VoteApprove || views[1].Comment != "Fine." || !views[1].At.Equal(at) {
		t.Fatalf("the views given: %+v %v", views, err)
	}
	got, err := db.Meeting(ctx, m.ID)
	if err != nil || len(got.Agenda) != 1 || got.Agenda[0].CaseID != c.ID {
		t.Fatalf("the referred case is not on the agenda: %+v %v", got.Agenda, err)
	}
}
