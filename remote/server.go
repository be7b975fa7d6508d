package remote

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"ethicsdesk/cases"
)

// Request size limits: ordinary calls carry a few fields; calls that carry
// files (attachments, a PDF to verify) up to MaxFileBody, which leaves
// room for JSON's base64 around the attachment size limit.
const (
	MaxBody     = 1 << 20
	MaxFileBody = 160 << 20
)

// publicMethods may be called before signing in.
var publicMethods = map[string]bool{"HasUsers": true, "Login": true, "Bootstrap": true, "CommitteeRoot": true}

// passiveMethods are asked by the window on its own (the change feed):
// they do not keep an idle session alive.
var passiveMethods = map[string]bool{"Changes": true}

// signInMethods are limited more tightly than the rest: they try passwords.
var passwordMethods = map[string]bool{"Login": true, "Bootstrap": true, "VerifyPassword": true, "ChangePassword": true,
	"PrepareSignature": true, "HandOverSigningKey": true}

// Accounts finds the signed-in user's account as it is now (its role and
// whether it is still active), for every request.
type Accounts interface {
	UserByID(ctx context.Context, id int64) (cases.User, error)
}

// Server answers the committee's clients with api, acting each time as the
// user the session belongs to.
type Server struct {
	api       cases.API
	accounts  Accounts
	sessions  *sessions
	calls     *limiter // per session: each signed-in laptop its own allowance
	hosts     *limiter // per address: a committee's office behind one address, or made-up sessions
	passwords *limiter
	// Log receives internal errors, with the method and user; never
	// passwords or arguments.
	Log *log.Logger
	// stopping is closed by StopWaiting: waits on the change feed answer
	// at once, so that a shutdown need not wait for them.
	stopping chan struct{}
	stopOnce sync.Once
}

// StopWaiting ends every wait on the change feed now and makes new ones
// answer at once; the server calls it when it shuts down (each client
// then finds the server gone and says so).
func (s *Server) StopWaiting() {
	s.stopOnce.Do(func() { close(s.stopping) })
}

// NewServer serves api; accounts reads users by their number.
func NewServer(api cases.API, accounts Accounts) *Server {
	now := time.Now
	return &Server{api: api, accounts: accounts, sessions: newSessions(now),
		calls: newLimiter(50, 200, now), hosts: newLimiter(500, 2000, now), passwords: newLimiter(20.0/60, 60, now),
		Log: log.New(io.Discard, "", 0), stopping: make(chan struct{})}
}

type response struct {
	Result any        `json:"result,omitempty"`
	Error  *wireError `json:"error,omitempty"`
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set(headerVersion, version())
	defer func() {
		if p := recover(); p != nil {
			s.Log.Printf("%s: panic: %v", r.URL.Path, p)
			writeError(w, wireError{Message: internalMessage}, http.StatusInternalServerError)
		}
	}()
	if v := r.Header.Get(headerVersion); v != version() {
		writeError(w, wireError{Code: "version", Message: (&VersionError{Server: "this server", Ours: orNone(v), Theirs: version()}).Error()},
			http.StatusPreconditionFailed)
		return
	}
	if r.Method != http.MethodPost {
		writeError(w, wireError{Message: "The committee server takes only POST requests."}, http.StatusMethodNotAllowed)
		return
	}
	host := clientHost(r)
	tok := r.Header.Get(headerSession)
	if !s.hosts.allow(host) || !s.calls.allow(host+" "+tok) {
		w.Header().Set("Retry-After", "1")
		writeError(w, wireError{Code: "limit", Message: "Too many requests to the committee server at once; wait a moment and try again."}, http.StatusTooManyRequests)
		return
	}
	if r.URL.Path == signOutPath {
		if s.sessions.bound(tok, r.TLS, r.Header.Get(headerBinding)) {
			s.sessions.end(tok)
		}
		writeJSON(w, http.StatusOK, response{})
		return
	}
	name, ok := strings.CutPrefix(r.URL.Path, callPath)
	m, known := generatedMethods[name]
	if !ok || !known {
		writeError(w, wireError{Message: "The committee server has no such operation."}, http.StatusNotFound)
		return
	}
	// Sign-in attempts are limited per address; a signed-in user's
	// password checks (signing, a password change) per session, so that a
	// committee working from one office address is not limited as one.
	passwordKey := host
	if !publicMethods[name] {
		passwordKey = host + " " + tok
	}
	if passwordMethods[name] && !s.passwords.allow(passwordKey) {
		w.Header().Set("Retry-After", "60")
		writeError(w, wireError{Code: "limit", Message: "Too many password attempts from this computer; wait a minute and try again."}, http.StatusTooManyRequests)
		return
	}
	if err := refusedRemotely[name]; err != nil {
		we, code := encodeError(err)
		writeError(w, we, code)
		return
	}
	ctx := r.Context()
	if passiveMethods[name] {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		defer cancel()
		go func() {
			select {
			case <-s.stopping:
				cancel()
			case <-ctx.Done():
			}
		}()
	}
	var actor cases.User
	if !publicMethods[name] {
		// The session's ID alone is not enough: the request must prove
		// the session's secret on this very TLS connection. A request that
		// cannot is refused without ending the session, which its ID alone
		// must not be able to do.
		ok := s.sessions.bound(tok, r.TLS, r.Header.Get(headerBinding))
		if ok {
			var userID int64
			if userID, ok = s.sessions.use(tok, !passiveMethods[name]); ok {
				var err error
				actor, err = s.accounts.UserByID(ctx, userID)
				ok = err == nil && actor.Active
			}
			if !ok {
				s.sessions.end(tok)
			}
		}
		if !ok {
			writeError(w, wireError{Code: "session", Message: ErrSessionEnded.Error()}, http.StatusUnauthorized)
			return
		}
	}
	limit := int64(MaxBody)
	if m.largeBody {
		limit = MaxFileBody
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		writeError(w, wireError{Code: "limit", Message: fmt.Sprintf("The request is larger than the committee server accepts (%s).", cases.HumanSize(limit))},
			http.StatusRequestEntityTooLarge)
		return
	}
	decode := func(v any) error {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(v); err != nil {
			return &badRequest{err}
		}
		return nil
	}
	in, out, err := m.call(ctx, s.api, actor, decode)
	if br, ok := errors.AsType[*badRequest](err); ok {
		writeError(w, wireError{Message: "The committee server could not read the request: " + br.err.Error() + "."}, http.StatusBadRequest)
		return
	}
	if err == nil {
		s.after(name, actor, tok, in, out, w)
	}
	resp := response{Result: out}
	code := http.StatusOK
	if err != nil {
		we, c := encodeError(err)
		if we.Message == internalMessage {
			s.Log.Printf("%s by user %d: %v", name, actor.ID, err)
		}
		resp.Error, code = &we, c
	}
	writeJSON(w, code, resp)
}

// after keeps sessions in step with what a call changed: a new session
// at sign-in; a password changed, reset or an account deactivated or its
// role changed ends that user's sessions (the caller's own excepted when
// they changed their own password).
func (s *Server) after(name string, actor cases.User, tok string, in, out any, w http.ResponseWriter) {
	if si, ok := out.(interface{ signedIn() cases.User }); ok {
		w.Header().Set(headerSession, s.sessions.open(si.signedIn().ID))
	}
	switch in := in.(type) {
	case *argsChangePassword:
		s.sessions.endUser(actor.ID, tok)
	case *argsResetPassword:
		s.sessions.endUser(in.UserID, "")
	case *argsDeactivate:
		s.sessions.endUser(in.UserID, "")
	case *argsSetRole:
		s.sessions.endUser(in.UserID, "")
	}
}

type badRequest struct{ err error }

func (b *badRequest) Error() string { return b.err.Error() }

func writeError(w http.ResponseWriter, we wireError, code int) {
	writeJSON(w, code, response{Error: &we})
}

// writeJSON sends v in one write with its length: streamed through the
// response writer's 4 KB buffer, a register page would go out as a dozen
// chunks, each a hand-over between goroutines (HTTP/2) or a chunk header
// (HTTP/1.1).
func writeJSON(w http.ResponseWriter, code int, v any) {
	body, err := marshalAnswer(v)
	if err != nil {
		code = http.StatusInternalServerError
		body, _ = marshalAnswer(response{Error: &wireError{Message: internalMessage}})
	}
	body = append(body, '\n')
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(code)
	w.Write(body)
}

func clientHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func orNone(v string) string {
	if v == "" {
		return "none"
	}
	return v
}
