//go:build (linux && !android) || freebsd || netbsd || openbsd || dragonfly

package cli

import (
	"net"
	"os"
	"strconv"
	"strings"
	"time"
)

// x11SocketDir is where X servers listen on this machine (a variable for
// the tests).
var x11SocketDir = "/tmp/.X11-unix"

// displayProblem returns ok when the X display named by DISPLAY answers a
// connection, as Fyne's window needs; otherwise the value of DISPLAY (""
// when none is set). A DISPLAY this cannot parse is left for the window to
// try. Only the connection is tried: whether the server then accepts the
// window (its authorisation) is for windowFailure to tell.
func displayProblem() (display string, ok bool) {
	display = os.Getenv("DISPLAY")
	if display == "" {
		return "", false
	}
	host, number, parsed := parseDisplay(display)
	if !parsed {
		return display, true
	}
	if host == "" || host == "unix" {
		for _, addr := range []string{"@" + x11SocketDir + "/X" + number, x11SocketDir + "/X" + number} {
			if answers("unix", addr) {
				return display, true
			}
		}
		if host == "unix" {
			return display, false
		}
		host = "localhost" // Xlib falls back to TCP on this machine
	}
	n, _ := strconv.Atoi(number)
	return display, answers("tcp", net.JoinHostPort(host, strconv.Itoa(6000+n)))
}

// parseDisplay splits "host:N.S" into host and N. DECnet ("host::N") and
// paths (XQuartz's) are not parsed.
func parseDisplay(d string) (host, number string, ok bool) {
	i := strings.LastIndex(d, ":")
	if i < 0 || strings.HasSuffix(d[:i], ":") || strings.Contains(d[:i], "/") {
		return "", "", false
	}
	host, number = d[:i], d[i+1:]
	if dot := strings.IndexByte(number, '.'); dot >= 0 {
		number = number[:dot]
	}
	if _, err := strconv.Atoi(number); err != nil || number == "" {
		return "", "", false
	}
	return strings.Trim(host, "[]"), number, true
}

func answers(network, addr string) bool {
	c, err := net.DialTimeout(network, addr, 3*time.Second)
	if err != nil {
		return false
	}
	c.Close()
	return true
}
