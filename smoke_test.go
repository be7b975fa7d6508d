package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSmokeRealWindow starts the real binary on the demo register in a real
// X window under Xvfb, waits for the sign-in window, signs in as the demo
// secretary, waits for the register window and takes a screenshot (kept at
// $ETHICSDESK_SMOKE_PNG, default /tmp/ethicsdesk-smoke.png).
func TestSmokeRealWindow(t *testing.T) {
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

	deadline := time.Now().Add(90 * time.Second)
	var id string
	for time.Now().Before(deadline) {
		search := exec.Command("xdotool", "search", "--onlyvisible", "--name", "Ethics Desk")
		search.Env = env
		out, _ := search.Output()
		if id = strings.TrimSpace(string(out)); id != "" {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	if id == "" {
		t.Fatalf("no Ethics Desk window appeared within 90 s; the program printed:\n%s", appOut.String())
	}
	checkWindowIcon(t, env, id)
	// Sign in as the demo secretary, as a newcomer following the README would.
	xdo := func(args ...string) {
		c := exec.Command("xdotool", args...)
		c.Env = env
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("xdotool %v: %v\n%s", args, err, out)
		}
	}
	win := strings.Fields(id)[0]
	time.Sleep(2 * time.Second) // the window is mapped before its first frame is drawn and focused
	xdo("windowfocus", "--sync", win)
	xdo("type", "--delay", "20", "secretary")
	xdo("key", "Tab")
	xdo("type", "--delay", "20", "ethicsdesk-demo")
	xdo("key", "Return")
	registerShown := false
	for end := time.Now().Add(60 * time.Second); time.Now().Before(end); time.Sleep(500 * time.Millisecond) {
		search := exec.Command("xdotool", "search", "--onlyvisible", "--name", "demo\\.db")
		search.Env = env
		if out, _ := search.Output(); strings.TrimSpace(string(out)) != "" {
			registerShown = true
			break
		}
	}
	if !registerShown {
		failShot := filepath.Join(os.TempDir(), "ethicsdesk-smoke-failed.png")
		c := exec.Command("import", "-window", "root", failShot)
		c.Env = env
		c.Run()
		t.Fatalf("signing in as the demo secretary did not open the register window (screen: %s); the program printed:\n%s", failShot, appOut.String())
	}
	time.Sleep(3 * time.Second) // let the first pages of the register load and draw
	shot := os.Getenv("ETHICSDESK_SMOKE_PNG")
	if shot == "" {
		shot = filepath.Join(os.TempDir(), "ethicsdesk-smoke.png")
	}
	cmd := exec.Command("import", "-window", "root", shot)
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("screenshot: %v\n%s", err, out)
	}
	if fi, err := os.Stat(shot); err != nil || fi.Size() < 10_000 {
		t.Fatalf("the screenshot %s is missing or empty", shot)
	}
	if strings.Contains(appOut.String(), "panic:") {
		t.Fatalf("the program panicked:\n%s", appOut.String())
	}
	t.Logf("window %s shown; screenshot at %s", strings.Fields(id)[0], shot)

	// Click a case in the register and press Enter: its case window opens.
	search := exec.Command("xdotool", "search", "--onlyvisible", "--name", "demo\\.db")
	search.Env = env
	out, _ := search.Output()
	reg := strings.Fields(string(out))[0]
	// On a slow machine the row may still be loading: click and press
	// Enter again until a case window appears.
	var caseWin string
	for end := time.Now().Add(60 * time.Second); time.Now().Before(end) && caseWin == ""; {
		xdo("mousemove", "--window", reg, "300", "215")
		xdo("click", "1")
		time.Sleep(time.Second) // a single click waits to be sure it is not a double one
		xdo("key", "Return")
		for wait := time.Now().Add(5 * time.Second); time.Now().Before(wait) && caseWin == ""; time.Sleep(500 * time.Millisecond) {
			search := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^EC-[0-9]{4}-[0-9]{4}")
			search.Env = env
			out, _ := search.Output()
			caseWin = strings.TrimSpace(string(out))
		}
	}
	if caseWin == "" {
		t.Fatalf("Enter on the clicked case did not open its window; the program printed:\n%s", appOut.String())
	}
	caseShot := strings.TrimSuffix(shot, ".png") + "-case.png"
	time.Sleep(2 * time.Second)
	c := exec.Command("import", "-window", "root", caseShot)
	c.Env = env
	c.Run()
	t.Logf("case window %s opened; screenshot at %s", caseWin, caseShot)
}

// needTools fails, with the way to install them, when a tool the real
// window's tests drive it with is missing: those tests never skip quietly.
func needTools(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"Xvfb", "xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed: run scripts/install-deps.sh (it installs xvfb, xdotool and imagemagick)", tool)
		}
	}
}

// checkWindowIcon asks X for the icon the window gives the taskbar
// (_NET_WM_ICON, 32-bit ARGB pixels after its width and height) and looks
// for the deep blue and the amber of assets/icon.svg, which Fyne's own
// default icon does not have.
func checkWindowIcon(t *testing.T, env []string, id string) {
	t.Helper()
	if _, err := exec.LookPath("xprop"); err != nil {
		t.Fatal("xprop is not installed: run scripts/install-deps.sh (Debian package x11-utils)")
	}
	c := exec.Command("xprop", "-len", "8000000", "-id", id, "-notype", "-f", "_NET_WM_ICON", "32c", "_NET_WM_ICON")
	c.Env = env
	out, err := c.CombinedOutput()
	if err != nil {
		t.Fatalf("xprop: %v\n%s", err, out)
	}
	pixels := " " + strings.ReplaceAll(string(out), ",", " ") + " "
	for name, argb := range map[string]uint32{"deep blue #1d4f7c": 0xff1d4f7c, "amber #f2b134": 0xfff2b134} {
		if !strings.Contains(pixels, fmt.Sprintf(" %d ", argb)) {
			t.Errorf("the window's icon has no %s pixel: it is not Ethics Desk's icon (xprop printed %d bytes)", name, len(out))
		}
	}
}
