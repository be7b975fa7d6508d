// Package version is Ethics Desk's version, as FyneApp.toml sets it:
// `ethicsdesk --version`, the About box and the packages all show it.
// Change the version in FyneApp.toml and run `go generate
// ./internal/version` (number.go is generated; a test checks they agree).
package version

import "fmt"

//go:generate go run ./genversion

// String is the version as people read it, e.g. "0.1.0 (build 1)".
func String() string { return fmt.Sprintf("%s (build %d)", Number, Build) }
