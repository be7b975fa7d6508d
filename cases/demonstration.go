package cases

import "context"

// DemoPassword is the password of every account of a demonstration
// register. It is public (in the README and on the sign-in window), so it
// is refused at sign-in on any register not marked as a demonstration.
const DemoPassword = "ethicsdesk-demo"

// DemonstrationSetting marks a register as a demonstration: `seed` sets it
// when it creates the register, and only such a register accepts
// DemoPassword or more invented cases.
const DemonstrationSetting = "demonstration_register"

// IsDemonstration says whether the register is marked as a demonstration
// (the window then shows its banner).
func (s *Service) IsDemonstration(ctx context.Context) (bool, error) {
	repo, err := s.accounts()
	if err != nil {
		return false, err
	}
	set, err := repo.Settings(ctx)
	if err != nil {
		return false, err
	}
	return set[DemonstrationSetting] == "yes", nil
}

// refuseDemoPassword keeps the public password off the accounts of a
// register that is not a demonstration, where it could never sign in.
func (s *Service) refuseDemoPassword(ctx context.Context, password string) error {
	if password != DemoPassword {
		return nil
	}
	demo, err := s.IsDemonstration(ctx)
	if err != nil || demo {
		return err
	}
	return FieldErrors{"password": "This is the public password of the demonstration registers; choose another."}
}
