package app

import (
	"context"

	"ethicsdesk/cases"
	"ethicsdesk/remote"
	"ethicsdesk/signing"
)

// Servers is how the sign-in screen reaches a committee server (the
// window knows no transport): ui.Options.Servers.
type Servers struct {
	// OnConnected, if set, receives for each connection made what ends its
	// session, so that the program signs out when it stops.
	OnConnected func(Ending)
}

// Connect returns the register at address when this computer already
// trusts a root for it; otherwise no register and the SHA-256 fingerprint
// of the root the server presents, for the user to compare before Trust.
func (s Servers) Connect(ctx context.Context, address string) (cases.API, string, error) {
	if err := CheckAddress(address); err != nil {
		return nil, "", err
	}
	if root := Remembered(address); root != nil {
		c, err := remote.Dial(address, root)
		return s.connected(c, err)
	}
	root, err := remote.PresentedRoot(ctx, address)
	if err != nil {
		return nil, "", err
	}
	return nil, signing.Fingerprint(root), nil
}

// Trust remembers for address the root whose fingerprint the user
// accepted (refused if the server now presents another) and connects.
func (s Servers) Trust(ctx context.Context, address, fingerprint string) (cases.API, error) {
	c, err := Connect(ctx, address, fingerprint)
	api, _, err := s.connected(c, err)
	return api, err
}

// Enrol reads an enrolment file, remembers its server and root, and
// connects; it returns the server's address and the user it was made for.
func (s Servers) Enrol(ctx context.Context, path string) (cases.API, string, string, error) {
	e, err := Enrol(path)
	if err != nil {
		return nil, "", "", err
	}
	api, _, err := s.connected(remote.Dial(e.Server, e.Root))
	return api, e.Server, e.User, err
}

func (s Servers) connected(c *remote.Client, err error) (cases.API, string, error) {
	if err != nil {
		return nil, "", err
	}
	if s.OnConnected != nil {
		s.OnConnected(func() { c.SignOut(context.Background()) })
	}
	return c, "", nil
}
