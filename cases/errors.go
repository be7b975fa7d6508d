package cases

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// FieldErrors maps a form field to the message shown beside it. Keys are the
// Field* constants.
type FieldErrors map[string]string

// Error is the messages in one sentence, for a command's standard error.
// Every form's refusal is a FieldErrors (an account, a setting, a meeting,
// a case), so the sentence names none of them.
func (fe FieldErrors) Error() string {
	keys := make([]string, 0, len(fe))
	for k := range fe {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + fe[k]
	}
	return fmt.Sprintf("Nothing was saved: %s", strings.Join(parts, "; "))
}

// StaleError refuses a save made on an out-of-date copy of a case.
type StaleError struct {
	Reference string
	By        string
	At        time.Time
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("Case %s was changed by %s at %s after you opened it. Reload it to see their changes, then make yours again.",
		e.Reference, e.By, e.At.Local().Format("2 Jan 2006 15:04"))
}

// ErrNotFound is returned for a case, note or user that does not exist (or
// that the acting user may not know exists).
var ErrNotFound = errors.New("not found")

// ErrForbidden is returned when the acting user's role does not allow the operation.
type ForbiddenError struct {
	Action string
}

func (e *ForbiddenError) Error() string {
	return fmt.Sprintf("You are not allowed to %s.", e.Action)
}

// TransitionError explains a refused workflow move.
type TransitionError struct {
	From, To Status
}

func (e *TransitionError) Error() string {
	return fmt.Sprintf("A case that is %s cannot move to %s.", StatusLabel(e.From), StatusLabel(e.To))
}

// ErrReasonRequired is returned when a move needs a written reason and none was given.
var ErrReasonRequired = errors.New("a reason is required for this step")
