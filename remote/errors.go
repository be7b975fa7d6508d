package remote

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"ethicsdesk/cases"
)

// wireError is how an error travels: the sentence to show, and what lets
// the client rebuild the error so errors.Is and errors.As work there as
// they do on a local register.
type wireError struct {
	Message  string          `json:"message"`
	Sentinel string          `json:"sentinel,omitempty"` // name of a cases.Err… variable in the chain
	Type     string          `json:"type,omitempty"`     // name of a cases error type in the chain
	Detail   json.RawMessage `json:"detail,omitempty"`   // that error's fields
	Code     string          `json:"code,omitempty"`     // "version", "session", "limit" for the protocol's own refusals
}

// internalMessage replaces an error that is not a sentence written for the
// user (a database or system error): its details stay in the server's log.
const internalMessage = "The committee server could not do this because of an error on the server; nothing was changed by this request. The administrator finds the details in the server's log."

// encodeError turns err into what the client receives, with the HTTP status
// that says what kind of refusal it is.
func encodeError(err error) (wireError, int) {
	we := wireError{Message: err.Error()}
	known := false
	for name, s := range sentinelErrors {
		if errors.Is(err, s) {
			we.Sentinel, known = name, true
			break
		}
	}
	if name, e := typedError(err); e != nil {
		if detail, jerr := json.Marshal(e); jerr == nil {
			we.Type, we.Detail, known = name, detail, true
		}
	}
	if !known && !isSentence(we.Message) {
		we.Message = internalMessage
	}
	return we, statusOf(we)
}

// isSentence says whether msg was written for the user: a capital first
// letter and a full stop (or question mark) at the end, as the domain's
// messages are; database and system errors are not.
func isSentence(msg string) bool {
	r, _ := utf8.DecodeRuneInString(msg)
	msg = strings.TrimSpace(msg)
	return (unicode.IsUpper(r) || r > unicode.MaxLatin1) && (strings.HasSuffix(msg, ".") || strings.HasSuffix(msg, "?") || strings.HasSuffix(msg, "。"))
}

func statusOf(we wireError) int {
	switch {
	case we.Sentinel == "ErrNotFound":
		return http.StatusNotFound
	case we.Type == "ForbiddenError" || we.Type == "InterestError":
		return http.StatusForbidden
	case we.Type == "StaleError":
		return http.StatusConflict
	case we.Type == "FieldErrors":
		return http.StatusUnprocessableEntity
	case we.Type == "LockedError":
		return http.StatusLocked
	case we.Message == internalMessage:
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}

// remoteError is an error rebuilt on the client: the server's sentence,
// wrapping the domain error it stands for.
type remoteError struct {
	msg string
	err error
}

func (e *remoteError) Error() string { return e.msg }
func (e *remoteError) Unwrap() error { return e.err }

// decodeError rebuilds the server's error; the domain's own error when the
// message is exactly its text.
func decodeError(we wireError) error {
	var inner error
	if we.Type != "" {
		if target, value := newTypedError(we.Type); target != nil && json.Unmarshal(we.Detail, target) == nil {
			inner = value()
		}
	}
	if inner == nil && we.Sentinel != "" {
		inner = sentinelErrors[we.Sentinel]
	}
	if inner == nil {
		return errors.New(we.Message)
	}
	if inner.Error() == we.Message {
		return inner
	}
	return &remoteError{msg: we.Message, err: inner}
}

// ErrSessionEnded is returned when the server no longer knows the session:
// signed out, expired after inactivity, revoked, or the server restarted.
var ErrSessionEnded error = sessionEnded{}

type sessionEnded struct{}

func (sessionEnded) Error() string {
	return "Your session with the committee server has ended (signed out, idle too long, your account or password changed, or the server restarted). Sign in again."
}

// SessionEnded lets the window recognise the error without knowing this
// package.
func (sessionEnded) SessionEnded() bool { return true }

// ErrSigningRefused is returned for key management over a committee
// server, and for signing with a key the server would hold: opinions are
// signed with the key on the member's laptop (laptop_signing.go).
var ErrSigningRefused = errors.New("The committee server never signs with a key it holds: your laptop signs with your own key. Signing keys are issued on the committee's own machine, with its register.")

// refusedRemotely lists the methods the server refuses (and the client
// does not even send): each would hand a signing password or key to the
// server, or write a file on the server's disk at a path the caller names.
var refusedRemotely = map[string]error{
	"SignOpinion":       ErrSigningRefused,
	"CreateSigningRoot": ErrSigningRefused,
	"IssueSigningKey":   ErrSigningRefused,
	"ImportSigningKey":  ErrSigningRefused,
	// so the window offers no key management it would then refuse
	"MayManageKeys": ErrSigningRefused,
	"Backup":        cases.ErrNotAvailable,
	"Restore":       cases.ErrNotAvailable,
	"LatestBackup":  cases.ErrNotAvailable,
}

func unreachable(server string, err error) error {
	return &UnreachableError{Server: server, Err: err}
}

// UnreachableError says that the server could not be talked to (down, or
// the network lost): nothing was sent, so nothing was saved.
type UnreachableError struct {
	Server string
	Err    error
}

func (e *UnreachableError) Error() string {
	return fmt.Sprintf("The committee server at %s cannot be reached (%v); nothing was saved.", e.Server, e.Err)
}

func (e *UnreachableError) Unwrap() error { return e.Err }

// Unreachable is the server's address; the window recognises the error by
// this method and says it is retrying.
func (e *UnreachableError) Unreachable() string { return e.Server }
