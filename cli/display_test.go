//go:build (linux && !android) || freebsd || netbsd || openbsd || dragonfly

package cli

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Starting the window where no graphical display can be reached (over
// SSH, from a service) used to create the register file and then end in
// a GLFW panic and a stack trace. It now says why, in the user's
// language, creates nothing, and exits 1.
func TestTheWindowSaysWhyWithoutADisplay(t *testing.T) {
	free := freeDisplayNumber(t)
	for _, tc := range []struct{ display, want string }{
		{"", "no graphical display is set (DISPLAY is empty)"},
		{":" + free, "the graphical display :" + free + " does not answer"},
		{"unix:" + free + ".0", "the graphical display unix:" + free + ".0 does not answer"},
		{"127.0.0.1:" + free, "the graphical display 127.0.0.1:" + free + " does not answer"},
	} {
		t.Run(tc.display, func(t *testing.T) {
			t.Setenv("DISPLAY", tc.display)
			path := filepath.Join(t.TempDir(), "register.db")
			var stdout, stderr bytes.Buffer
			code := run([]string{"--db", path}, &stdout, &stderr)
			if code != 1 || !strings.Contains(stderr.String(), tc.want) || !strings.Contains(stderr.String(), "ethicsdesk --help") {
				t.Fatalf("exit %d, stderr %q: want 1 and a sentence saying %q", code, stderr.String(), tc.want)
			}
			if _, err := os.Stat(path); !os.IsNotExist(err) {
				t.Fatalf("a register was created although no window could open: %v", err)
			}
		})
	}
	t.Run("in Chinese", func(t *testing.T) {
		inChinese(t)
		t.Setenv("DISPLAY", ":"+free)
		var stdout, stderr bytes.Buffer
		if code := run([]string{"--db", filepath.Join(t.TempDir(), "register.db")}, &stdout, &stderr); code != 1 ||
			!strings.Contains(stderr.String(), "图形显示 :"+free+" 没有响应") {
			t.Fatalf("exit %d, stderr %q", code, stderr.String())
		}
	})
}

// A display that answers is let through to the window: the probe does
// not refuse a server it can reach (here a listener standing in for one,
// on a socket of its own folder and on TCP).
func TestADisplayThatAnswersIsLetThrough(t *testing.T) {
	dir := t.TempDir()
	old := x11SocketDir
	x11SocketDir = dir
	t.Cleanup(func() { x11SocketDir = old })
	free := freeDisplayNumber(t)
	l, err := net.Listen("unix", filepath.Join(dir, "X"+free))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	t.Setenv("DISPLAY", ":"+free+".0")
	if d, ok := displayProblem(); !ok {
		t.Fatalf("display %q was refused although its socket listens", d)
	}
	tcp, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer tcp.Close()
	port := tcp.Addr().(*net.TCPAddr).Port
	if port <= 6000 {
		t.Fatalf("the free port %d is below X's range (6000 + display number)", port)
	}
	t.Setenv("DISPLAY", "127.0.0.1:"+strconv.Itoa(port-6000))
	if d, ok := displayProblem(); !ok {
		t.Fatalf("display %q was refused although its port listens", d)
	}
}

// freeDisplayNumber is a display number no X server on this machine uses.
func freeDisplayNumber(t *testing.T) string {
	for n := 4242; n < 4300; n++ {
		s := strconv.Itoa(n)
		if _, err := os.Stat("/tmp/.X11-unix/X" + s); os.IsNotExist(err) && !answers("tcp", "127.0.0.1:"+strconv.Itoa(6000+n)) {
			return s
		}
	}
	t.Fatal("no free display number between 4242 and 4300")
	return ""
}
