//go:build loadtest

package loadtest

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cli"
	"ethicsdesk/internal/servetest"
)

// TestServeProcess is not a test: it is the committee server the load
// test starts as a process of its own (servetest.Start). The server runs
// on its own machine; here it at least runs in its own process, so its
// figures are not those of a Go runtime it shares with thirty simulated
// laptops (their TLS, JSON and argon2 key unsealing for signatures).
func TestServeProcess(t *testing.T) { servetest.RunIfChild(cli.Run) }

// startServer runs `ethicsdesk serve` on the register that register names
// (--db FILE or --postgres URL), on a free loopback port.
func startServer(t *testing.T, register []string, adminPassword string) *servetest.Process {
	t.Helper()
	return servetest.Start(t, append(append([]string{}, register...), "--listen", "127.0.0.1:0", "--user", "admin"), adminPassword)
}

// processCPU is the CPU time process pid has used so far (user and
// system), from /proc; 0 where /proc is not there.
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
