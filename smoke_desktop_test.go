package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// smokeDesktop is what a real-window test needs: the program built into a
// folder of the test's own, an X server of its own, and the environment
// the program runs in (that display, a home and settings folder in the
// test's folder, English, software GL). It returns the binary, the
// environment and the folder.
func smokeDesktop(t *testing.T) (bin string, env []string, dir string) {
	t.Helper()
	needTools(t)
	dir = t.TempDir()
	bin = filepath.Join(dir, "ethicsdesk")
	if out, err := exec.Command("go", "build", "-tags", "sqlite_fts5 migrated_fynedo no_emoji", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	env = append(os.Environ(), "DISPLAY="+startXvfb(t), "HOME="+dir, "XDG_CONFIG_HOME="+filepath.Join(dir, "config"),
		"LANG=en_US.UTF-8", "LIBGL_ALWAYS_SOFTWARE=1")
	return bin, env, dir
}

// startXvfb starts Xvfb on a display no X server holds, waits until it
// accepts connections and stops it when the test ends. An X server killed
// by an earlier test leaves its lock file and socket behind, and a new one
// on that display exits at once: such displays are passed over, as is one
// whose server exits or does not answer.
func startXvfb(t *testing.T) string {
	t.Helper()
	first := 100 + os.Getpid()%400
	for n := first; n < first+40; n++ {
		if taken(fmt.Sprintf("/tmp/.X%d-lock", n)) || taken(fmt.Sprintf("/tmp/.X11-unix/X%d", n)) {
			continue
		}
		display := fmt.Sprintf(":%d", n)
		// -noreset: by default Xvfb resets when its last client leaves
		// (xAnswers' probe, a program the test ran before), and a program
		// connecting during the reset fails with "Failed to open display".
		xvfb := exec.Command("Xvfb", display, "-screen", "0", "1400x900x24", "-nolisten", "tcp", "-noreset")
		if err := xvfb.Start(); err != nil {
			t.Fatalf("Xvfb: %v", err)
		}
		exited := make(chan struct{})
		go func() { xvfb.Wait(); close(exited) }()
		if xAnswers(display, exited) {
			t.Cleanup(func() {
				xvfb.Process.Signal(syscall.SIGTERM) // it removes its lock and socket
				select {
				case <-exited:
				case <-time.After(5 * time.Second):
					xvfb.Process.Kill()
					<-exited
				}
			})
			return display
		}
		xvfb.Process.Kill()
		<-exited
	}
	t.Fatal("no Xvfb display could be started on 40 display numbers in a row")
	return ""
}

func taken(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// xAnswers waits up to 20 s for the X server on display to answer, and
// gives up at once if it exits.
func xAnswers(display string, exited <-chan struct{}) bool {
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		select {
		case <-exited:
			return false
		default:
		}
		c := exec.Command("xdotool", "getdisplaygeometry")
		c.Env = append(os.Environ(), "DISPLAY="+display)
		if out, err := c.Output(); err == nil && strings.TrimSpace(string(out)) != "" {
			return true
		}
	}
	return false
}
