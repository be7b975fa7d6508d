package remote_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// A member waiting on the change feed through the server learns of the
// secretariat's edit as soon as it is saved, with who made it; changes to
// a confidential case they may not know of, and a colleague's private
// note, never reach them.
func TestChangeFeedPushesColleaguesChangesThroughTheServer(t *testing.T) {
	s := serve(t)
	ctx := context.Background()
	sec := s.client(t, "sec", secPW)
	liu := s.client(t, s.Member.Username, liuPW)
	liuUser, err := liu.Login(ctx, s.Member.Username, liuPW)
	if err != nil {
		t.Fatal(err)
	}
	secUser, err := sec.Login(ctx, "sec", secPW)
	if err != nil {
		t.Fatal(err)
	}
	start, err := liu.Changes(ctx, liuUser, -1, 0)
	if err != nil || start.Next == 0 || len(start.Changes) != 0 {
		t.Fatalf("the feed's starting point: %+v, %v", start, err)
	}

	got := make(chan cases.ChangeBatch, 1)
	errs := make(chan error, 1)
	began := time.Now()
	go func() {
		b, err := liu.Changes(ctx, liuUser, start.Next, 20*time.Second)
		errs <- err
		got <- b
	}()
	time.Sleep(400 * time.Millisecond) // liu is waiting before anything changes
	// Changes liu may not know of: the confidential case, chen's private note.
	conf, err := sec.GetCase(ctx, secUser, s.Confidential.ID)
	if err != nil {
		t.Fatal(err)
	}
	d := conf.Draft
	d.Summary += " More detail."
	if _, err := sec.UpdateCase(ctx, secUser, conf.ID, conf.Version, d); err != nil {
		t.Fatal(err)
	}
	chen := s.client(t, s.Rapporteur.Username, chenPW)
	if _, err := chen.AddNote(ctx, s.Rapporteur, s.Open.ID, "private doubts again", true); err != nil {
		t.Fatal(err)
	}
	// A change liu sees.
	open, err := sec.GetCase(ctx, secUser, s.Open.ID)
	if err != nil {
		t.Fatal(err)
	}
	d = open.Draft
	d.Respondent = "Metro Holdings Ltd."
	if _, err := sec.UpdateCase(ctx, secUser, open.ID, open.Version, d); err != nil {
		t.Fatal(err)
	}
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
	b := <-got
	if waited := time.Since(began); waited > 10*time.Second {
		t.Fatalf("the change reached the waiting member only after %v", waited)
	}
	// The answer may come after the first change already; ask on until
	// liu's feed has caught up with the last.
	all := b.Changes
	for next := b.Next; ; {
		more, err := liu.Changes(ctx, liuUser, next, 0)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, more.Changes...)
		if more.Next == next {
			break
		}
		next = more.Next
	}
	var sawOpen bool
	for _, c := range all {
		switch {
		case c.CaseID == s.Confidential.ID:
			t.Fatalf("liu learned of a change to a confidential case she may not know of: %+v", c)
		case c.Kind == "note.add":
			t.Fatalf("liu learned of chen's private note: %+v", c)
		case c.CaseID == s.Open.ID && c.Kind == "case.update":
			sawOpen = true
			if c.Reference != s.Open.Reference || c.ByID != secUser.ID || c.By == "" || c.At.IsZero() {
				t.Fatalf("the change says %+v", c)
			}
		}
	}
	if !sawOpen {
		t.Fatalf("liu's feed did not carry the secretariat's edit of %s: %+v", s.Open.Reference, all)
	}
	// A second edit made on the copy read before the change is still
	// refused as stale.
	d.Title = "An edit made on the old copy"
	var stale *cases.StaleError
	if _, err := sec.UpdateCase(ctx, secUser, open.ID, open.Version, d); !errors.As(err, &stale) {
		t.Fatalf("a save made on an outdated copy: %v", err)
	}
}

// A wait on the change feed with nothing changing answers, empty, when
// the wait is over, and the feed starts where it was.
func TestChangeFeedAnswersWhenNothingChanges(t *testing.T) {
	s := serve(t)
	ctx := context.Background()
	liu := s.client(t, s.Member.Username, liuPW)
	start, err := liu.Changes(ctx, s.Member, -1, 0)
	if err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	b, err := liu.Changes(ctx, s.Member, start.Next, time.Second)
	if err != nil || len(b.Changes) != 0 || b.Next != start.Next {
		t.Fatalf("an empty wait answered %+v, %v", b, err)
	}
	if waited := time.Since(began); waited < 900*time.Millisecond || waited > 5*time.Second {
		t.Fatalf("an empty wait of a second took %v", waited)
	}
}
