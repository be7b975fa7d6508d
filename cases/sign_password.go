package cases

import (
	"context"
	"errors"
)

// checkSigningPassword re-authenticates a signer with their account
// password before anything is signed. It goes through the sign-in check,
// so a wrong password at signing counts toward the same lockout (five in
// a row lock the account) and a locked account cannot sign.
func (s *Service) checkSigningPassword(ctx context.Context, actor User, password string) error {
	err := s.VerifyPassword(ctx, actor, password)
	if errors.Is(err, ErrWrongPassword) {
		return ErrSignPassword
	}
	return err
}
