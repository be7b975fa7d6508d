//go:build !((linux && !android) || freebsd || netbsd || openbsd || dragonfly)

package cli

// displayProblem is always fine where the window system is part of the
// operating system (Windows, macOS): there is no display to name.
func displayProblem() (display string, ok bool) { return "", true }
