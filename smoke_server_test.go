package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestSmokeRealWindowOnTheCommitteeServer runs the committee server as its
// own process on a seeded register (127.0.0.1, TLS from the committee's
// root), starts the real window on it under Xvfb with --server and the
// root's fingerprint as the administrator gave it, signs in as the
// secretary by typing, as a member would, and waits for the register
// window of that server; a screenshot is kept beside the other smoke test's.
func TestSmokeRealWindowOnTheCommitteeServer(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a real window")
	}
	bin, env, dir := smokeDesktop(t)
	register := filepath.Join(dir, "committee.db")
	seed := exec.Command(bin, "seed", "--db", register, "--cases", "200", "--notes", "200", "--opinions", "2")
	seed.Env = env
	if out, err := seed.CombinedOutput(); err != nil {
		t.Fatalf("seed: %v\n%s", err, out)
	}

	// The server: the administrator's password on standard input, as the
	// README's systemd unit gives it.
	serve := exec.Command(bin, "serve", "--db", register, "--user", "admin", "--listen", "127.0.0.1:0")
	serve.Env = env
	serve.Stdin = strings.NewReader("ethicsdesk-demo\n")
	var serveErr bytes.Buffer
	serve.Stderr = &serveErr
	stdout, err := serve.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { serve.Process.Kill(); serve.Wait() }()
	banner := make(chan [2]string, 1)
	go func() {
		var url, print string
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			if m := regexp.MustCompile(`at (https://\S+)`).FindStringSubmatch(line); m != nil {
				url = m[1]
			}
			if m := regexp.MustCompile(`fingerprint: (\S+)`).FindStringSubmatch(line); m != nil {
				print = m[1]
			}
			if url != "" && print != "" {
				banner <- [2]string{url, print}
				url = ""
			}
		}
	}()
	var addr [2]string
	select {
	case addr = <-banner:
	case <-time.After(90 * time.Second):
		t.Fatalf("the server printed no address and fingerprint within 90 s:\n%s", serveErr.String())
	}

	xdo := func(args ...string) string {
		c := exec.Command("xdotool", args...)
		c.Env = env
		out, _ := c.CombinedOutput()
		return strings.TrimSpace(string(out))
	}

	var appOut bytes.Buffer
	app := exec.Command(bin, "--server", addr[0], "--trust", addr[1])
	app.Env, app.Stdout, app.Stderr = env, &appOut, &appOut
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	defer app.Process.Kill()
	find := func(name string, within time.Duration) string {
		for end := time.Now().Add(within); time.Now().Before(end); time.Sleep(500 * time.Millisecond) {
			if id := xdo("search", "--onlyvisible", "--name", name); id != "" && !strings.Contains(id, "Error") {
				return strings.Fields(id)[0]
			}
		}
		return ""
	}
	shoot := func(name string) string {
		shot := filepath.Join(os.TempDir(), name)
		c := exec.Command("import", "-window", "root", shot)
		c.Env = env
		c.Run()
		return shot
	}
	signIn := find("sign in", 90*time.Second)
	if signIn == "" {
		t.Fatalf("no sign-in window for the committee server within 90 s (screen: %s); the program printed:\n%s",
			shoot("ethicsdesk-smoke-server-failed.png"), appOut.String())
	}
	time.Sleep(2 * time.Second) // mapped before its first frame is drawn and focused
	xdo("windowfocus", "--sync", signIn)
	xdo("type", "--delay", "20", "secretary")
	xdo("key", "Tab")
	xdo("type", "--delay", "20", "ethicsdesk-demo")
	xdo("key", "Return")
	host := strings.TrimPrefix(addr[0], "https://")
	if find(regexp.QuoteMeta(host), 60*time.Second) == "" {
		t.Fatalf("signing in through the committee server did not open its register window (screen: %s); the program printed:\n%s\nthe server printed:\n%s",
			shoot("ethicsdesk-smoke-server-failed.png"), appOut.String(), serveErr.String())
	}
	time.Sleep(3 * time.Second) // the first pages come over the network
	shot := shoot("ethicsdesk-smoke-server.png")
	if fi, err := os.Stat(shot); err != nil || fi.Size() < 10_000 {
		t.Fatalf("the screenshot %s is missing or empty", shot)
	}
	for _, out := range []string{appOut.String(), serveErr.String()} {
		if strings.Contains(out, "panic:") {
			t.Fatalf("a program panicked:\n%s", out)
		}
	}
	t.Logf("the register window of %s is shown; screenshot at %s", addr[0], shot)
}
