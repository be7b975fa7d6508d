package remote

import (
	"crypto/rand"
	"encoding/base64"
	"sync"
	"time"
)

// Sessions last while they are used: one idle longer than SessionIdle, or
// older than SessionMax, ends and the user signs in again.
const (
	SessionIdle = 30 * time.Minute
	SessionMax  = 12 * time.Hour
)

type session struct {
	userID   int64
	started  time.Time
	lastUsed time.Time
}

// sessions are the server's signed-in users, by token. They live in the
// server's memory only: a restart signs everyone out.
type sessions struct {
	mu    sync.Mutex
	now   func() time.Time
	byTok map[string]*session
}

func newSessions(now func() time.Time) *sessions {
	return &sessions{now: now, byTok: map[string]*session{}}
}

// open starts a session for userID and returns its token (256 random bits).
func (s *sessions) open(userID int64) string {
	b := make([]byte, 32)
	rand.Read(b)
	tok := base64.RawURLEncoding.EncodeToString(b)
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.byTok) >= sweepAt {
		for t, ss := range s.byTok {
			if ss.expired(now) {
				delete(s.byTok, t)
			}
		}
	}
	s.byTok[tok] = &session{userID: userID, started: now, lastUsed: now}
	return tok
}

// sweepAt is how many sessions there may be before opening one forgets
// the expired ones.
const sweepAt = 256

func (ss *session) expired(now time.Time) bool {
	return now.Sub(ss.lastUsed) > SessionIdle || now.Sub(ss.started) > SessionMax
}

// use returns the session's user and, when renew, renews it; false when
// the token is unknown, idle too long or too old.
func (s *sessions) use(tok string, renew bool) (int64, bool) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	ss, ok := s.byTok[tok]
	if !ok {
		return 0, false
	}
	if ss.expired(now) {
		delete(s.byTok, tok)
		return 0, false
	}
	if renew {
		ss.lastUsed = now
	}
	return ss.userID, true
}

func (s *sessions) end(tok string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.byTok, tok)
}

// endUser ends every session of userID except keep's.
func (s *sessions) endUser(userID int64, keep string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for tok, ss := range s.byTok {
		if ss.userID == userID && tok != keep {
			delete(s.byTok, tok)
		}
	}
}
