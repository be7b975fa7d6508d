package remote

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"encoding/base64"
	"strings"
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
	secret   []byte // never sent again after sign-in: requests prove it (bindingProof)
	started  time.Time
	lastUsed time.Time
}

// A session is bound to the TLS connection each request comes over: the
// token handed out at sign-in is "ID.SECRET"; every request then sends the
// ID and, instead of the secret, an HMAC of this connection's exported
// keying material (RFC 5705) under the secret. Headers copied from one
// connection (a proxy's log, a memory dump) prove nothing on another, and
// the secret itself crosses the network once.
const bindingLabel = "EXPERIMENTAL ethicsdesk session binding"

// bindingProof is what a request on the connection cs sends for a session
// whose secret is secret.
func bindingProof(cs *tls.ConnectionState, secret []byte) (string, bool) {
	if cs == nil {
		return "", false
	}
	ekm, err := cs.ExportKeyingMaterial(bindingLabel, nil, 32)
	if err != nil {
		return "", false
	}
	m := hmac.New(sha256.New, secret)
	m.Write(ekm)
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)), true
}

// splitToken is the ID and the secret of a token from sign-in.
func splitToken(tok string) (id string, secret []byte, ok bool) {
	id, enc, found := strings.Cut(tok, ".")
	if !found || id == "" {
		return "", nil, false
	}
	secret, err := base64.RawURLEncoding.DecodeString(enc)
	return id, secret, err == nil && len(secret) == 32
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

// open starts a session for userID and returns its token, "ID.SECRET"
// (128 random bits of ID, 256 of secret); the sessions are kept by ID.
func (s *sessions) open(userID int64) string {
	idb, secret := make([]byte, 16), make([]byte, 32)
	rand.Read(idb)
	rand.Read(secret)
	tok := base64.RawURLEncoding.EncodeToString(idb)
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
	s.byTok[tok] = &session{userID: userID, secret: secret, started: now, lastUsed: now}
	return tok + "." + base64.RawURLEncoding.EncodeToString(secret)
}

// bound says whether proof is the binding of session id to the connection
// cs (see bindingLabel).
func (s *sessions) bound(id string, cs *tls.ConnectionState, proof string) bool {
	s.mu.Lock()
	ss, ok := s.byTok[id]
	s.mu.Unlock()
	if !ok {
		return false
	}
	want, ok := bindingProof(cs, ss.secret)
	return ok && hmac.Equal([]byte(want), []byte(proof))
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
