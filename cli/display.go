package cli

import (
	"fmt"
	"io"
	"strings"
)

// The window's sentences when no graphical display can be reached. Without
// them Fyne logs a GLFW error and then panics with a stack trace (on
// Linux, when DISPLAY is empty or names an X server that does not answer:
// a member who runs ethicsdesk over SSH, or from a service), after the
// register file had been created.
const (
	noDisplaySet    = "ethicsdesk: the window cannot open: no graphical display is set (DISPLAY is empty). Start Ethics Desk from a desktop session, or use its commands (ethicsdesk --help)."
	displayNoAnswer = "ethicsdesk: the window cannot open: the graphical display {{.Display}} does not answer. Start Ethics Desk from a desktop session, or use its commands (ethicsdesk --help)."
	displayRefused  = "ethicsdesk: the window cannot open: the graphical display refused it ({{.Reason}}). Start Ethics Desk from a desktop session, or use its commands (ethicsdesk --help)."
)

// sayNoDisplay writes why the window cannot open, given displayProblem's
// answer: the value of DISPLAY that does not answer, or "" when none is set.
func sayNoDisplay(stderr io.Writer, display string) {
	if display == "" {
		fmt.Fprintln(stderr, noDisplaySet)
		return
	}
	fmt.Fprintln(stderr, strings.Replace(displayNoAnswer, "{{.Display}}", display, 1))
}

// windowFailure turns the panic Fyne raises when its graphics library could
// not start (a display that accepted the connection but refused the
// window, or went away meanwhile) into a sentence, and reports whether it
// did; any other panic is not ours to hide.
func windowFailure(r any, stderr io.Writer) bool {
	msg := fmt.Sprint(r)
	if !strings.Contains(msg, "GLFW") {
		return false
	}
	fmt.Fprintln(stderr, strings.Replace(displayRefused, "{{.Reason}}", msg, 1))
	return true
}
