package cases_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// kinds lists a change batch as "reference kind by-name" lines, in order.
func kinds(b cases.ChangeBatch) []string {
	var out []string
	for _, c := range b.Changes {
		out = append(out, c.Reference+" "+c.Kind+" "+c.By)
	}
	return out
}

func sameLines(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// The change feed tells each colleague of the changes to the cases in
// their register, in order, with who made them: a confidential case they
// may not know of and a colleague's private note are left out, their own
// private note and a shared note are in; entries about no case (a
// holiday) are not changes. An undeclared panel member knows of the
// confidential case (its row is in their register). A deactivated
// account is refused.
func TestTheChangeFeedCarriesOnlyWhatEachColleagueMayKnowOf(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	open := k.newCase(false, cases.RiskLow)
	secret := k.newCase(true, cases.RiskHigh)
	panellist, writer, reader := k.members[0], k.members[1], k.members[2]
	must(t, k.svc.AddPanelMember(ctx, k.sec, secret.ID, panellist.ID))
	for _, u := range []cases.User{writer, reader} {
		must(t, k.svc.DeclareInterest(ctx, u, open.ID, false, ""))
	}

	start, err := k.svc.Changes(ctx, reader, -1, 0)
	must(t, err)
	head, _, err := k.svc.AuditHead(ctx)
	must(t, err)
	if start.Next != head || len(start.Changes) != 0 || start.Reset {
		t.Fatalf("the feed's starting point: %+v, want %d and no changes", start, head)
	}
	if b, err := k.svc.Changes(ctx, reader, head+5, 0); err != nil || b.Next != head || len(b.Changes) != 0 {
		t.Fatalf("a number beyond the log's head: %+v %v, want to start again at %d", b, err, head)
	}
	if b, err := k.svc.Changes(ctx, reader, head, 0); err != nil || b.Next != head || len(b.Changes) != 0 {
		t.Fatalf("nothing changed: %+v %v", b, err)
	}

	d := secret.Draft
	d.Summary += " More detail."
	_, err = k.svc.UpdateCase(ctx, k.sec, secret.ID, secret.Version, d)
	must(t, err)
	_, err = k.svc.AddNote(ctx, writer, open.ID, "My private doubts.", true)
	must(t, err)
	must(t, k.svc.SaveHoliday(ctx, k.admin, cases.Holiday{Day: cases.MustDate("2026-10-01"), Name: "National Day"}))
	_, err = k.svc.AddNote(ctx, writer, open.ID, "Shared with the committee.", false)
	must(t, err)
	d = open.Draft
	d.Respondent = "Metro Holdings Ltd."
	_, err = k.svc.UpdateCase(ctx, k.sec, open.ID, open.Version, d)
	must(t, err)
	_, err = k.svc.AddNote(ctx, reader, open.ID, "A reminder to myself.", true)
	must(t, err)
	last, _, err := k.svc.AuditHead(ctx)
	must(t, err)

	got, err := k.svc.Changes(ctx, reader, start.Next, 0)
	must(t, err)
	want := []string{open.Reference + " note.add " + writer.Name(), open.Reference + " case.update " + k.sec.Name(), open.Reference + " note.add " + reader.Name()}
	if got.Next != last || got.Reset || !sameLines(kinds(got), want) {
		t.Fatalf("%s's feed: %v (next %d), want %v (next %d)", reader.Username, kinds(got), got.Next, want, last)
	}
	for _, c := range got.Changes {
		if c.CaseID != open.ID || c.At.IsZero() || c.Seq <= start.Next || c.Seq > last {
			t.Errorf("a change reads %+v", c)
		}
	}
	if got.Changes[1].ByID != k.sec.ID {
		t.Errorf("the edit is said to be by account %d, want %d", got.Changes[1].ByID, k.sec.ID)
	}
	// The confidential case's panel member, not yet declared, knows of it.
	got, err = k.svc.Changes(ctx, panellist, start.Next, 0)
	must(t, err)
	want = []string{secret.Reference + " case.update " + k.sec.Name(), open.Reference + " note.add " + writer.Name(),
		open.Reference + " case.update " + k.sec.Name()}
	if !sameLines(kinds(got), want) {
		t.Fatalf("%s's feed: %v, want %v", panellist.Username, kinds(got), want)
	}
	// From the very first entry: the cases' creation is in it too.
	got, err = k.svc.Changes(ctx, reader, 0, 0)
	must(t, err)
	if len(got.Changes) == 0 || got.Changes[0].Kind != "case.create" || got.Changes[0].CaseID != open.ID {
		t.Fatalf("the feed from the start begins with %v", kinds(got))
	}

	must(t, k.svc.Deactivate(ctx, k.admin, reader.ID))
	reader.Active = false
	var forbidden *cases.ForbiddenError
	if b, err := k.svc.Changes(ctx, reader, start.Next, 0); !errors.As(err, &forbidden) || len(b.Changes) != 0 {
		t.Fatalf("a deactivated account reads the feed: %v %v", kinds(b), err)
	}
}

// A colleague waiting on the feed gets a change as soon as it is saved,
// not at the end of the wait; a wait with nothing changing ends with no
// changes; a wait given up (the window closed) ends at once.
func TestTheChangeFeedWaitsForTheNextChange(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskLow)
	reader := k.members[2]
	head, _, err := k.svc.AuditHead(ctx)
	must(t, err)

	began := time.Now()
	b, err := k.svc.Changes(ctx, reader, head, 300*time.Millisecond)
	if err != nil || len(b.Changes) != 0 || b.Next != head {
		t.Fatalf("a wait with nothing changing: %+v %v", b, err)
	}
	if waited := time.Since(began); waited < 300*time.Millisecond {
		t.Fatalf("the feed answered after %v, before the wait of 300ms was over", waited)
	}

	saved := make(chan error, 1)
	go func() {
		time.Sleep(500 * time.Millisecond)
		d := c.Draft
		d.Respondent = "Metro Holdings Ltd."
		_, err := k.svc.UpdateCase(ctx, k.sec, c.ID, c.Version, d)
		saved <- err
	}()
	began = time.Now()
	b, err = k.svc.Changes(ctx, reader, head, 20*time.Second)
	must(t, err)
	must(t, <-saved)
	if len(b.Changes) != 1 || b.Changes[0].Kind != "case.update" || b.Changes[0].CaseID != c.ID {
		t.Fatalf("the waiting colleague got %v", kinds(b))
	}
	if waited := time.Since(began); waited > 10*time.Second {
		t.Fatalf("the change reached the waiting colleague after %v", waited)
	}

	cctx, cancel := context.WithCancel(ctx)
	time.AfterFunc(300*time.Millisecond, cancel)
	began = time.Now()
	b, err = k.svc.Changes(cctx, reader, b.Next, 20*time.Second)
	if err != nil || len(b.Changes) != 0 || b.Next != head+1 {
		t.Fatalf("a wait given up: %+v %v", b, err)
	}
	if waited := time.Since(began); waited > 10*time.Second {
		t.Fatalf("a wait given up still lasted %v", waited)
	}
}

// More than 500 entries since a colleague last asked: the feed says to
// reload everything instead of listing them; 500 are still listed.
func TestTheChangeFeedSaysResetAfterMoreThan500Entries(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskLow)
	reader := k.members[2]
	for i := 0; i < 250; i++ {
		_, err := k.svc.AddNote(ctx, k.sec, c.ID, "Note "+itoa(int64(i)), false)
		must(t, err)
		must(t, k.db.SaveSettings(ctx, map[string]string{"filler": itoa(int64(i))}, cases.AuditEntry{Actor: k.admin, Action: "test.settings", Entity: "settings"}))
	}
	head, _, err := k.svc.AuditHead(ctx)
	must(t, err)
	if head <= 501 {
		t.Fatalf("only %d entries", head)
	}
	b, err := k.svc.Changes(ctx, reader, head-500, 0)
	if err != nil || b.Reset || b.Next != head || len(b.Changes) != 250 {
		t.Fatalf("500 entries since: reset %v, %d changes, next %d (%v)", b.Reset, len(b.Changes), b.Next, err)
	}
	b, err = k.svc.Changes(ctx, reader, head-501, 0)
	if err != nil || !b.Reset || b.Next != head || len(b.Changes) != 0 {
		t.Fatalf("501 entries since: reset %v, %d changes, next %d (%v)", b.Reset, len(b.Changes), b.Next, err)
	}
	b, err = k.svc.Changes(ctx, reader, head-1, 0)
	if err != nil || b.Reset || len(b.Changes) != 0 {
		t.Fatalf("one settings entry since: reset %v, %v (%v)", b.Reset, kinds(b), err)
	}
	b, err = k.svc.Changes(ctx, reader, head-2, 0)
	if err != nil || b.Reset || len(b.Changes) != 1 {
		t.Fatalf("one note since: reset %v, %v (%v)", b.Reset, kinds(b), err)
	}
}
