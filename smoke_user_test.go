package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// `ethicsdesk --user NAME` with the password in $ETHICSDESK_PASSWORD, as
// a script or a desktop shortcut starts it, in a real window: the check
// starts before the window does, and the window still opens on the
// register for the right password, and says why and exits with status 1
// for a wrong one, leaving the register as it was.
func TestSmokeSignInWithUser(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a real window")
	}
	bin, env, _ := smokeDesktop(t)
	start := func(password string) (*exec.Cmd, *bytes.Buffer) {
		var out bytes.Buffer
		app := exec.Command(bin, "--demo", "--user", "secretary")
		app.Env = append(env, "ETHICSDESK_PASSWORD="+password)
		app.Stdout, app.Stderr = &out, &out
		if err := app.Start(); err != nil {
			t.Fatal(err)
		}
		return app, &out
	}

	// The right password: the window takes the register's name.
	app, out := start("ethicsdesk-demo")
	shown := false
	for end := time.Now().Add(90 * time.Second); time.Now().Before(end) && !shown; time.Sleep(300 * time.Millisecond) {
		search := exec.Command("xdotool", "search", "--onlyvisible", "--name", "demo\\.db")
		search.Env = env
		found, _ := search.Output()
		shown = strings.TrimSpace(string(found)) != ""
	}
	app.Process.Kill()
	app.Wait()
	if !shown {
		t.Fatalf("--user secretary with the right password did not open the register window; the program printed:\n%s", out)
	}
	if strings.Contains(out.String(), "panic:") {
		t.Fatalf("the program panicked:\n%s", out)
	}

	// A wrong password: a sentence on stderr, and the window says it with
	// a Quit button, which ends the program with status 1.
	app, out = start("not the password")
	done := make(chan error, 1)
	go func() { done <- app.Wait() }()
	for end := time.Now().Add(60 * time.Second); time.Now().Before(end) && !strings.Contains(out.String(), "ethicsdesk:"); {
		time.Sleep(300 * time.Millisecond)
	}
	search := exec.Command("xdotool", "search", "--onlyvisible", "--name", "Ethics Desk")
	search.Env = env
	ids, _ := search.Output()
	if len(strings.Fields(string(ids))) == 0 {
		app.Process.Kill()
		t.Fatalf("with a wrong password no window stays to say why; the program printed:\n%s", out)
	}
	quitEndsWithStatus1(t, env, strings.Fields(string(ids))[0], app, done, out)
	if !strings.Contains(out.String(), "ethicsdesk:") || !strings.Contains(strings.ToLower(out.String()), "password") {
		t.Errorf("with a wrong password stderr does not say why:\n%s", out)
	}
}

// `--user` on a file that is not a register: the window made while the
// file was being opened says why instead (titled "Ethics Desk", not left
// saying it is signing in), stderr says it too, Quit ends the program with
// status 1, and the file is left exactly as it was.
func TestSmokeSignInWithUserOnAFileThatIsNotARegister(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a real window")
	}
	bin, env, dir := smokeDesktop(t)
	notes := filepath.Join(dir, "minutes.db")
	body := []byte("Minutes of the committee meeting of 2 December: nothing to report.\n")
	if err := os.WriteFile(notes, body, 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	app := exec.Command(bin, "--db", notes, "--user", "secretary")
	app.Env = append(env, "ETHICSDESK_PASSWORD=ethicsdesk-demo")
	app.Stdout, app.Stderr = &out, &out
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- app.Wait() }()
	var win string
	for end := time.Now().Add(60 * time.Second); time.Now().Before(end) && win == ""; time.Sleep(300 * time.Millisecond) {
		search := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^Ethics Desk$")
		search.Env = env
		found, _ := search.Output()
		if f := strings.Fields(string(found)); len(f) > 0 {
			win = f[0]
		}
	}
	if win == "" {
		app.Process.Kill()
		t.Fatalf("no window titled \"Ethics Desk\" says why the file did not open; the program printed:\n%s", out.String())
	}
	quitEndsWithStatus1(t, env, win, app, done, &out)
	if !strings.Contains(out.String(), "ethicsdesk:") || !strings.Contains(out.String(), "minutes.db") || strings.Contains(out.String(), "panic") {
		t.Errorf("stderr does not say which file did not open, and why:\n%s", out.String())
	}
	if got, err := os.ReadFile(notes); err != nil || !bytes.Equal(got, body) {
		t.Errorf("the file that is not a register was changed: %q, %v", got, err)
	}
}

// quitEndsWithStatus1 presses the Quit button of the window win (Tab to
// it, then space), which must end the program app with status 1; done
// hears its end. out is what it printed, for the failure messages.
func quitEndsWithStatus1(t *testing.T, env []string, win string, app *exec.Cmd, done <-chan error, out *bytes.Buffer) {
	t.Helper()
	var waitErr error
	for try := 0; try < 20 && waitErr == nil; try++ {
		for _, args := range [][]string{{"windowfocus", "--sync", win}, {"key", "Tab"}, {"key", "space"}} {
			c := exec.Command("xdotool", args...)
			c.Env = env
			c.Run()
		}
		select {
		case waitErr = <-done:
			if waitErr == nil {
				t.Fatalf("the program ended with status 0; it printed:\n%s", out)
			}
		case <-time.After(time.Second):
		}
	}
	if waitErr == nil {
		app.Process.Kill()
		t.Fatalf("the Quit button did not end the program; it printed:\n%s", out)
	}
	if ee, ok := waitErr.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Errorf("the program ended with %v, want status 1; it printed:\n%s", waitErr, out)
	}
}
