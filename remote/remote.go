// Package remote puts cases.API on the network: a server that runs the
// committee's cases.Service for signed-in users over HTTPS, and Client,
// which implements cases.API by calling it. The wire schema is generated
// from cases.API (api_gen.go, by go generate): one JSON argument object
// and one JSON result object per method, so a method added to the
// interface does not compile here until the schema is generated again.
package remote

import (
	"context"
	"fmt"

	"ethicsdesk/cases"
)

//go:generate go run ./internal/apigen/cmd

// Protocol is the version of the request format itself (paths, headers,
// errors); Schema (generated) fingerprints the methods and their types.
// Client and server must agree on both.
const Protocol = "1"

// Header names of the wire protocol.
const (
	headerVersion = "Ethicsdesk-Protocol"
	headerSession = "Ethicsdesk-Session"
	headerBinding = "Ethicsdesk-Session-Binding"
	callPath      = "/v1/call/"
	signOutPath   = "/v1/signout"
)

// version is what client and server send in headerVersion.
func version() string { return Protocol + "/" + Schema }

// method is one entry of the server's dispatch table (generated).
type method struct {
	actor     bool // takes the acting user, which the server supplies
	largeBody bool // its arguments carry file contents
	// call decodes the arguments, calls api and returns the decoded
	// arguments and the results to send back.
	call func(ctx context.Context, api cases.API, actor cases.User, decode func(any) error) (in, out any, err error)
}

// VersionError says that this program and the server speak different
// versions of the protocol.
type VersionError struct {
	Server string // the server's address
	Ours   string
	Theirs string
}

func (e *VersionError) Error() string {
	return fmt.Sprintf("This copy of Ethics Desk (protocol %s) does not match the committee server at %s (protocol %s): install the same version of Ethics Desk as the server.",
		e.Ours, e.Server, e.Theirs)
}
