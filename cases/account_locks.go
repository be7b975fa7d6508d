package cases

import (
	"context"
	"time"
)

// LockedAccounts maps each account locked now (after too many wrong
// passwords) to when its lock ends, for the administrator's list of
// users; resetting the password lifts a lock (administrator only).
func (s *Service) LockedAccounts(ctx context.Context, actor User) (map[int64]time.Time, error) {
	if err := require(actor, ActManageUsers); err != nil {
		return nil, err
	}
	repo, err := s.accounts()
	if err != nil {
		return nil, err
	}
	users, err := repo.Users(ctx)
	if err != nil {
		return nil, err
	}
	now := s.now().UTC()
	out := map[int64]time.Time{}
	for _, u := range users {
		cred, err := repo.Credentials(ctx, u.Username)
		if err != nil {
			return nil, err
		}
		if !cred.LockedUntil.IsZero() && now.Before(cred.LockedUntil) {
			out[u.ID] = cred.LockedUntil
		}
	}
	return out, nil
}
