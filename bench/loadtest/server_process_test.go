//go:build loadtest

package loadtest

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"ethicsdesk/app"
	"ethicsdesk/cli"
)

// serveChildEnv makes this test binary, run again, `ethicsdesk serve` in a
// process of its own (TestServeProcess). The committee server runs on its
// own machine; here it at least runs in its own process, so its figures
// are not those of a Go runtime it shares with thirty simulated laptops
// (their TLS, JSON and argon2 key unsealing for signatures).
const serveChildEnv = "ETHICSDESK_LOADTEST_SERVE"

// TestServeProcess is not a test: it is the server process the load test
// starts, with the arguments of `ethicsdesk serve` separated by newlines.
func TestServeProcess(t *testing.T) {
	arg := os.Getenv(serveChildEnv)
	if arg == "" {
		return // run as a test: nothing to do
	}
	os.Exit(cli.Run(strings.Split(arg, "\n"), os.Stdout, os.Stderr))
}

// serverProcess is a running `ethicsdesk serve`.
type serverProcess struct {
	cmd         *exec.Cmd
	url, finger string
}

// startServer runs `ethicsdesk serve` with the given register arguments
// (--db FILE or --postgres URL) on a free loopback port, the
// administrator's password on standard input as the README's systemd unit
// gives it.
func startServer(t *testing.T, register []string, adminPassword string) *serverProcess {
	t.Helper()
	args := append([]string{"serve"}, register...)
	args = append(args, "--listen", "127.0.0.1:0", "--user", "admin")
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeProcess$")
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, app.PasswordEnv+"=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, serveChildEnv+"="+strings.Join(args, "\n"))
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
	p := &serverProcess{cmd: cmd}
	t.Cleanup(p.stop)
	p.url, p.finger = banner(out)
	if p.url == "" || p.finger == "" {
		cmd.Wait()
		t.Fatalf("the server process did not start: %s", stderr.String())
	}
	go io.Copy(io.Discard, out) // keep its standard output from filling
	return p
}

// banner reads the address and the root's fingerprint that serve prints.
func banner(r io.Reader) (url, fingerprint string) {
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

// stop ends the server as its systemd unit would (SIGTERM), and waits.
func (p *serverProcess) stop() {
	if p.cmd.ProcessState == nil {
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
}

// cpu is the CPU time the server process has used so far (user and
// system), from /proc; 0 where /proc is not there.
func (p *serverProcess) cpu() time.Duration {
	return processCPU(p.cmd.Process.Pid)
}

func processCPU(pid int) time.Duration {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	// The command name in parentheses may hold spaces: count from after it.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	const ticks = 100 // USER_HZ on Linux
	return time.Duration(utime+stime) * time.Second / ticks
}
