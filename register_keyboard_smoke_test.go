package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestRegisterKeyboardAndWidthInRealWindow drives the real register window
// under Xvfb at 1,024 pixels: a click and Enter open the clicked case; a
// click, Down, Down and Enter (no Space) open the case two rows further
// down; the window can then be made 760 pixels wide. Screenshots are kept
// beside $ETHICSDESK_SMOKE_PNG (default in the temporary folder) as
// …-register-1024.png, …-register-keys.png and …-register-760.png.
func TestRegisterKeyboardAndWidthInRealWindow(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a real window")
	}
	bin, env, _ := smokeDesktop(t)
	var appOut bytes.Buffer
	app := exec.Command(bin, "--demo")
	app.Env, app.Stdout, app.Stderr = env, &appOut, &appOut
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	defer app.Process.Kill()

	x := func(args ...string) string {
		c := exec.Command("xdotool", args...)
		c.Env = env
		out, _ := c.Output()
		return strings.TrimSpace(string(out))
	}
	waitWindow := func(name string, within time.Duration) string {
		for end := time.Now().Add(within); time.Now().Before(end); time.Sleep(300 * time.Millisecond) {
			if id := x("search", "--onlyvisible", "--name", name); id != "" {
				return strings.Fields(id)[0]
			}
		}
		return ""
	}
	shotBase := os.Getenv("ETHICSDESK_SMOKE_PNG")
	if shotBase == "" {
		shotBase = filepath.Join(os.TempDir(), "ethicsdesk-smoke.png")
	}
	shot := func(name string) {
		path := strings.TrimSuffix(shotBase, ".png") + "-register-" + name + ".png"
		c := exec.Command("import", "-window", "root", path)
		c.Env = env
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("screenshot: %v\n%s", err, out)
		}
		t.Logf("screenshot %s", path)
	}

	login := waitWindow("Ethics Desk", 90*time.Second)
	if login == "" {
		t.Fatalf("no window appeared; the program printed:\n%s", appOut.String())
	}
	time.Sleep(2 * time.Second)
	x("windowfocus", "--sync", login)
	x("type", "--delay", "20", "secretary")
	x("key", "Tab")
	x("type", "--delay", "20", "ethicsdesk-demo")
	x("key", "Return")
	reg := waitWindow(`demo\.db`, 60*time.Second)
	if reg == "" {
		t.Fatalf("the register window did not open; the program printed:\n%s", appOut.String())
	}
	x("windowmove", reg, "0", "0")
	x("windowsize", reg, "1024", "700")
	time.Sleep(3 * time.Second)
	shot("1024")

	caseTitle := regexp.MustCompile(`^EC-(\d{4})-(\d{4})`)
	// openWith clicks the first row, types keys, and returns the number of
	// the case whose window opened (then closes it).
	openWith := func(keys ...string) int {
		t.Helper()
		for end := time.Now().Add(60 * time.Second); time.Now().Before(end); {
			x("windowfocus", "--sync", reg)
			x("mousemove", "--window", reg, "300", "210")
			x("click", "1")
			time.Sleep(1200 * time.Millisecond) // not taken for half of a double click
			for _, k := range keys {
				x("key", k)
				time.Sleep(300 * time.Millisecond)
			}
			if len(keys) > 0 {
				time.Sleep(time.Second) // the last key's frame is drawn
				shot("keys")
			}
			x("key", "Return")
			if cw := waitWindow(`^EC-[0-9]{4}-[0-9]{4}`, 5*time.Second); cw != "" {
				m := caseTitle.FindStringSubmatch(x("getwindowname", cw))
				// Esc closes a case window; XDestroyWindow (xdotool
				// windowclose) would pull the window from under GLFW.
				x("windowfocus", "--sync", cw)
				x("key", "Escape")
				time.Sleep(time.Second)
				if m != nil {
					n, _ := strconv.Atoi(m[2])
					return n
				}
			}
		}
		t.Fatalf("no case window opened for the keys %v; the program printed:\n%s", keys, appOut.String())
		return 0
	}
	first := openWith()
	third := openWith("Down", "Down")
	if third != first-2 {
		t.Fatalf("click, Down, Down, Enter opened case %04d; the clicked row was %04d, so the newest-first register's third row is %04d", third, first, first-2)
	}

	x("windowsize", reg, "760", "600")
	time.Sleep(2 * time.Second)
	geom := x("getwindowgeometry", reg)
	if !strings.Contains(geom, "Geometry: 760x") {
		t.Fatalf("the register window cannot be made 760 pixels wide: %s", geom)
	}
	shot("760")
	if strings.Contains(appOut.String(), "panic:") {
		t.Fatalf("the program panicked:\n%s", appOut.String())
	}
}
