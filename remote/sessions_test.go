package remote

import (
	"testing"
	"time"
)

// A session lasts while it is used: renewed by each request, it ends after
// SessionIdle without one, and after SessionMax however busy.
func TestSessionsAreRenewedWhileUsedAndEndWhenIdleOrOld(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s := newSessions(func() time.Time { return now })
	tok := s.open(7)
	other := s.open(7)
	if tok == other || len(tok) < 40 {
		t.Fatalf("tokens %q and %q", tok, other)
	}
	for range 20 { // a busy day: a request every 25 minutes
		now = now.Add(SessionIdle - 5*time.Minute)
		if id, ok := s.use(idOf(tok), true); !ok || id != 7 {
			t.Fatalf("a session in use ended at %s", now)
		}
		if now.Sub(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)) > SessionMax-SessionIdle {
			break
		}
	}
	if _, ok := s.use(idOf(other), true); ok {
		t.Error("a session idle for hours still works")
	}
	now = now.Add(SessionMax)
	if _, ok := s.use(idOf(tok), true); ok {
		t.Error("a session older than SessionMax still works")
	}
	a, b := s.open(1), s.open(2)
	c := s.open(1)
	s.endUser(1, idOf(c))
	if _, ok := s.use(idOf(a), true); ok {
		t.Error("endUser left the user's other session")
	}
	if _, ok := s.use(idOf(c), true); !ok {
		t.Error("endUser ended the session it was told to keep")
	}
	if _, ok := s.use(idOf(b), true); !ok {
		t.Error("endUser ended another user's session")
	}
	if _, ok := s.use("", true); ok {
		t.Error("an empty token is a session")
	}
}

// The rate limit lets a burst through, then the steady rate.
func TestTheRateLimitLetsABurstThenTheRate(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	l := newLimiter(2, 5, func() time.Time { return now })
	for i := range 5 {
		if !l.allow("10.0.0.1") {
			t.Fatalf("request %d of the burst refused", i+1)
		}
	}
	if l.allow("10.0.0.1") {
		t.Fatal("the sixth request at once was let through")
	}
	if !l.allow("10.0.0.2") {
		t.Fatal("another address was refused")
	}
	now = now.Add(time.Second)
	if !l.allow("10.0.0.1") || !l.allow("10.0.0.1") || l.allow("10.0.0.1") {
		t.Fatal("a second later, not exactly two more requests")
	}
}

// Sessions nobody uses again are forgotten, so signing in over and over
// does not grow the server's memory without end.
func TestExpiredSessionsAreForgotten(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s := newSessions(func() time.Time { return now })
	for i := range 3 * sweepAt {
		s.open(int64(i))
		now = now.Add(time.Minute)
	}
	if n := len(s.byTok); n > sweepAt+int(SessionIdle/time.Minute)+1 {
		t.Errorf("%d sessions kept, most of them long expired", n)
	}
}

// The window's wait on the change feed does not count as activity: a
// session only waited on ends after SessionIdle like an unused one.
func TestWaitingOnTheChangeFeedDoesNotKeepASessionAlive(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s := newSessions(func() time.Time { return now })
	tok := s.open(7)
	for range 4 {
		now = now.Add(SessionIdle / 4)
		if _, ok := s.use(idOf(tok), !passiveMethods["Changes"]); !ok {
			t.Fatalf("the session ended before its idle time, at %s", now)
		}
	}
	now = now.Add(time.Minute)
	if _, ok := s.use(idOf(tok), !passiveMethods["Changes"]); ok {
		t.Error("a session where only the change feed was waited on outlived the idle time")
	}
}

// idOf is the ID part of a token, what requests name the session by.
func idOf(tok string) string {
	id, _, _ := splitToken(tok)
	return id
}
