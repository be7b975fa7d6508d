// Package servetest runs `ethicsdesk serve` as a process of its own for
// tests that must kill it or keep it apart from their own Go runtime (the
// kill -9 test, the load test). The process is the test binary run again:
// the test package has a TestServeProcess that calls RunIfChild with the
// command line's Run, and Start sets the variable that makes it serve.
package servetest

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"ethicsdesk/app"
)

// childEnv carries serve's arguments, separated by newlines, to the test
// binary run again.
const childEnv = "ETHICSDESK_TEST_SERVE_ARGS"

// RunIfChild, called from a test named TestServeProcess, runs `serve`
// with run (the command line's Run) and exits when this test binary was
// started by Start; otherwise it returns at once.
func RunIfChild(run func(args []string, stdout, stderr io.Writer) int) {
	arg := os.Getenv(childEnv)
	if arg == "" {
		return
	}
	os.Exit(run(strings.Split(arg, "\n"), os.Stdout, os.Stderr))
}

// Process is a running `ethicsdesk serve`: its address and the committee
// root's fingerprint it printed.
type Process struct {
	cmd              *exec.Cmd
	URL, Fingerprint string
}

// Start runs `ethicsdesk serve` with args (everything after "serve") in
// a process of its own, the administrator's password on standard input.
// The process is killed when the test ends, if it still runs.
func Start(t testing.TB, args []string, adminPassword string) *Process {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeProcess$")
	// The password comes on standard input, as the README's systemd unit
	// gives it, not from the environment.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, app.PasswordEnv+"=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, childEnv+"="+strings.Join(append([]string{"serve"}, args...), "\n"))
	pw := filepath.Join(t.TempDir(), "admin-password")
	if err := os.WriteFile(pw, []byte(adminPassword+"\n"), 0o400); err != nil {
		t.Fatal(err)
	}
	stdin, err := os.Open(pw)
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	cmd.Stdin = stdin
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &Process{cmd: cmd}
	t.Cleanup(p.Kill)
	p.URL, p.Fingerprint = Banner(out)
	if p.URL == "" || p.Fingerprint == "" {
		cmd.Wait()
		t.Fatalf("the server process did not start: %s", stderr.String())
	}
	go io.Copy(io.Discard, out) // its standard output must not fill up
	return p
}

// Banner reads the address and the root's fingerprint that serve prints
// when it starts listening.
func Banner(r io.Reader) (url, fingerprint string) {
	lines := bufio.NewScanner(r)
	for lines.Scan() {
		l := lines.Text()
		if rest, ok := strings.CutPrefix(l, "Committee server for "); ok {
			url = rest[strings.Index(rest, " at ")+4:]
		}
		if rest, ok := strings.CutPrefix(l, "Committee root SHA-256 fingerprint: "); ok {
			return url, rest
		}
	}
	return url, ""
}

// Kill ends the process with SIGKILL: no shutdown, no flush.
func (p *Process) Kill() {
	if p.cmd.ProcessState == nil {
		p.cmd.Process.Signal(syscall.SIGKILL)
		p.cmd.Wait()
	}
}

// Stop ends the process as its systemd unit would (SIGTERM), killing it
// if it has not stopped within 10 seconds.
func (p *Process) Stop() {
	if p.cmd.ProcessState != nil {
		return
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		p.cmd.Process.Kill()
		<-done
	}
}

// PID is the process's number, for reading its CPU time.
func (p *Process) PID() int { return p.cmd.Process.Pid }
