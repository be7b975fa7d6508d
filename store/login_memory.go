package store

import (
	"context"
	"sync"

	"ethicsdesk/cases"
)

// memoryLogins keeps the sign-in state (wrong passwords in a row, locks) of
// a register opened read-only, where nothing can be written: the lockout
// still holds for as long as the program runs, and the file is untouched.
type memoryLogins struct {
	mu    sync.Mutex
	state map[int64]cases.LoginState
}

func (m *memoryLogins) overlay(c *cases.Credentials) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if st, ok := m.state[c.User.ID]; ok {
		c.FailedLogins, c.LockedUntil = st.FailedLogins, st.LockedUntil
	}
}

// update runs decide on the account's state (from memory, else from the
// file) and keeps the result in memory; the audit entry is not written.
func (m *memoryLogins) update(ctx context.Context, db *DB, userID int64, decide func(cases.LoginState) (cases.LoginState, cases.AuditEntry, error)) error {
	if m == nil {
		return ErrReadOnly
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	st, ok := m.state[userID]
	if !ok {
		var locked string
		if err := db.read.QueryRowContext(ctx, "SELECT failed_logins, locked_until FROM users WHERE id = ?1", userID).
			Scan(&st.FailedLogins, &locked); err != nil {
			return err
		}
		if locked != "" {
			st.LockedUntil = parseTime(locked)
		}
	}
	next, _, err := decide(st)
	if err != nil {
		return err
	}
	m.state[userID] = next
	return nil
}
