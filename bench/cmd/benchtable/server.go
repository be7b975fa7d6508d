package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"ethicsdesk/app"
	"ethicsdesk/bench"
	"ethicsdesk/internal/servetest"
)

// serverAdmin is the administrator `seed` makes; their password
// (bench.DemoPassword) opens the committee root the server's certificate
// is issued by.
const serverAdmin = "admin"

// serverColumn is the committee server's part of the table (issue 18, on
// issue 13's targets): `ethicsdesk serve` on the cached register, over TLS
// on loopback, and the register page and search benchmarks run through it
// as the secretary, each figure beside the same operation on the file in
// the same run. The benchmarks pace their calls within the server's
// allowance of 50 a second per session; the pauses are not in the times.
// The file's figures here are paced the same way (ED_BENCH_PACE): a call
// after a pause runs two to three times slower on this kind of machine
// than one straight after another, so the back-to-back figures set
// against the sqlite3 shell are no reference for paced calls.
//
// A call through any server also costs a round trip that no work on the
// file has: bench/barehttps, a bare net/http server over TLS 1.3 with
// nothing behind it, called at the same pace, measures it in the same
// run (about 0.6 ms here, as much as a rare word's whole search on the
// file). So each figure through the server is judged against 1.5 times
// the file's figure plus that bare call: the file alone would ask a
// sub-millisecond search to cross a loopback round trip in less time than
// a server that does nothing takes. The ratio column stays the ratio to
// the file. The smallest call (the case types) is set beside the bare
// call: what the committee server adds to any call (the session's checks,
// the JSON of the cases API).
//
// A server that does not start, or benchmarks that fail through it, leave
// the rows "not measured" with the reason, and the table still appears.
func serverColumn(c config) ([]row, error) {
	const refName, bareName = "file, same pace", "bare HTTPS call"
	page := row{figure: "server register page, 95th percentile (loopback)", unit: "ms", refName: refName,
		ratio: 1.5, allowanceName: bareName}
	var searches []row
	for _, t := range bench.SearchTerms {
		searches = append(searches, row{figure: fmt.Sprintf("server search %q, median (loopback)", t.Text), unit: "ms",
			refName: refName, ratio: 1.5, allowanceName: bareName})
	}
	smallest := row{figure: "server smallest call (the case types), median (loopback)", unit: "ms", refName: bareName + ", same pace"}
	all := append(append([]row{page}, searches...), smallest)
	notMeasured := func(err error) []row {
		note := "not measured: " + firstLine(err.Error())
		for i := range all {
			all[i].note = note
		}
		return all
	}
	srv, err := startServer(c)
	if err != nil {
		fmt.Fprintf(os.Stderr, "bench: committee server: %v\n", err)
		return notMeasured(err), nil
	}
	defer srv.stop()
	// Through the server, on the file at the same pace and the bare call,
	// in turn, round by round (inTurn).
	measures := []func(config) (benchResult, error){
		func(c config) (benchResult, error) {
			return pageAndSearch(c, "ED_BENCH_SERVER="+srv.url, "ED_BENCH_SERVER_FINGERPRINT="+srv.fingerprint)
		},
		func(c config) (benchResult, error) { return pageAndSearch(c, "ED_BENCH_PACE=1") },
	}
	// Without the bare call the rows through the server are not judged
	// ("n/a (no reference)"), but their figures still appear.
	if env, stop, err := startBareHTTPS(c); err != nil {
		fmt.Fprintf(os.Stderr, "bench: the bare HTTPS reference: %v\n", err)
	} else {
		defer stop()
		measures = append(measures, func(c config) (benchResult, error) {
			return goBench(c, "./bench/", "^BenchmarkBareHTTPS$", "100x", env...)
		})
	}
	res, err := inTurn(c, measures...)
	if err != nil {
		fmt.Fprintf(os.Stderr, "bench: committee server: %v\n", err)
		return notMeasured(err), nil
	}
	served, file, bare := res[0], res[1], benchResult{}
	if len(res) > 2 {
		bare = res[2]
	}
	all[0].samples, all[0].ref = served.metric("BenchmarkRegisterPage", "p95-ms"), file.metric("BenchmarkRegisterPage", "p95-ms")
	all[0].allowance = bare.metric("BenchmarkBareHTTPS", "p95-ms")
	bareCallP95 = all[0].allowance
	for i, t := range bench.SearchTerms {
		r := &all[1+i]
		r.samples, r.ref = served.metric("BenchmarkSearch/"+t.Name, "median-ms"), file.metric("BenchmarkSearch/"+t.Name, "median-ms")
		r.allowance = bare.metric("BenchmarkBareHTTPS", "median-ms")
	}
	all[len(all)-1].samples = served.metric("BenchmarkSmallestCall", "median-ms")
	all[len(all)-1].ref = bare.metric("BenchmarkBareHTTPS", "median-ms")
	return all, nil
}

// pageAndSearch runs the register page, search and smallest-call
// benchmarks, on the file or (env) through the server.
func pageAndSearch(c config, env ...string) (benchResult, error) {
	all := benchResult{}
	for _, b := range []struct{ pattern, benchtime string }{
		{"^BenchmarkRegisterPage$", "400x"},
		{"^BenchmarkSearch$", "20x"},
		{"^BenchmarkSmallestCall$", "100x"},
	} {
		res, err := goBench(c, "./bench/", b.pattern, b.benchtime, env...)
		if err != nil {
			return nil, err
		}
		for k, v := range res {
			all[k] = v
		}
	}
	return all, nil
}

// startBareHTTPS starts bench/barehttps (c.bareHTTPS) and returns what
// BenchmarkBareHTTPS needs in its environment to call it, and how to stop
// it.
func startBareHTTPS(c config) (env []string, stop func(), err error) {
	cert := filepath.Join(c.work, "barehttps.pem")
	cmd := exec.Command(c.bareHTTPS, cert)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", c.bareHTTPS, err)
	}
	stop = func() {
		cmd.Process.Kill()
		cmd.Wait()
	}
	address := make(chan string, 1)
	go func() {
		lines := bufio.NewScanner(out)
		for lines.Scan() {
			if url, ok := strings.CutPrefix(lines.Text(), "Bare HTTPS server at "); ok {
				address <- url
				break
			}
		}
		close(address)
		io.Copy(io.Discard, out)
	}()
	var url string
	select {
	case url = <-address:
	case <-time.After(time.Minute):
	}
	if url == "" {
		stop()
		return nil, nil, fmt.Errorf("%s printed no address", c.bareHTTPS)
	}
	return []string{"ED_BENCH_BARE_HTTPS=" + url, "ED_BENCH_BARE_HTTPS_CERT=" + cert}, stop, nil
}

// server is a running `ethicsdesk serve`.
type server struct {
	cmd              *exec.Cmd
	exited           chan struct{}
	url, fingerprint string
}

// startServer runs `ethicsdesk serve` on the register on a free loopback
// port, the administrator's password in its environment, and waits for
// the address and the root's fingerprint it prints when it listens.
func startServer(c config) (*server, error) {
	cmd := exec.Command(c.bin, "serve", "--db", c.db, "--user", serverAdmin, "--listen", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), app.PasswordEnv+"="+bench.DemoPassword)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var errOut bytes.Buffer
	cmd.Stderr = io.MultiWriter(os.Stderr, &errOut) // it logs only failures
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%s serve: %w", c.bin, err)
	}
	s := &server{cmd: cmd, exited: make(chan struct{})}
	banner := make(chan struct{})
	go func() {
		s.url, s.fingerprint = servetest.Banner(out)
		close(banner)
		io.Copy(io.Discard, out) // its standard output must not fill up
		cmd.Wait()
		close(s.exited)
	}()
	select {
	case <-banner:
	case <-time.After(3 * time.Minute):
		cmd.Process.Kill()
		<-s.exited
		return nil, errors.New("the committee server did not listen within 3 minutes")
	}
	if s.url == "" || s.fingerprint == "" {
		s.stop()
		<-s.exited
		why := firstLine(errOut.String())
		if why == "" {
			why = "it printed no address and fingerprint"
		}
		return nil, fmt.Errorf("the committee server did not start: %s", why)
	}
	return s, nil
}

// stop ends the server as its systemd unit would (SIGTERM), killing it if
// it has not stopped within 30 seconds.
func (s *server) stop() {
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
	}
}

// loadTestColumn runs the load test of issue 13 (bench/loadtest: thirty
// simulated people on a register of their own, first on the file, then as
// long through a committee server on this machine) for c.loadDuration a
// half, and adds each operation's 95th percentile through the server
// beside the file's under the same load. LOADTEST_MODE and
// LOADTEST_ENGINE are taken from the environment, as `make loadtest`
// takes them. A load test that fails leaves its row "not measured".
func loadTestColumn(c config) ([]row, error) {
	cmd := exec.Command("go", "test", "-tags", tags+" loadtest", "-run", "^TestCommitteeServerUnderLoad$",
		"-v", "-count=1", "-timeout", "20m", "./bench/loadtest/")
	cmd.Env = append(os.Environ(), "LOADTEST_DURATION="+c.loadDuration)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, os.Stderr
	err := cmd.Run()
	os.Stderr.Write(out.Bytes())
	failed := row{figure: "load test, 95th percentile through the server", unit: "ms"}
	if err != nil {
		failed.note = fmt.Sprintf("not measured: the load test failed (%v; its output is above)", err)
		return []row{failed}, nil
	}
	lt, err := parseLoadTest(out.String())
	if err != nil {
		failed.note = "not measured: " + err.Error()
		return []row{failed}, nil
	}
	return lt.rows(), nil
}

// loadTest is the table the load test prints: how it ran and each
// operation's 95th percentile on the register and through the server.
type loadTest struct {
	mode, engine, perHalf string
	slices                string // how many slices of each half were taken in turn ("" before they were)
	ops                   []loadOp
}

type loadOp struct {
	name            string
	local, server   time.Duration
	nLocal, nServer int
}

var loadHeader = regexp.MustCompile(`(\S+) load on (\S+), (\S+) per half(?: in (\d+) slices taken in turn)?`)

// parseLoadTest reads the first table of the load test's output (go test
// -v prints it twice: logged, and on its own).
func parseLoadTest(out string) (loadTest, error) {
	var lt loadTest
	lines := strings.Split(out, "\n")
	start := -1
	for i, l := range lines {
		if m := loadHeader.FindStringSubmatch(l); m != nil && lt.mode == "" {
			lt.mode, lt.engine, lt.perHalf, lt.slices = m[1], m[2], m[3], m[4]
		}
		if strings.HasPrefix(strings.TrimSpace(l), "operation (p95)") {
			start = i + 1
			break
		}
	}
	if start < 0 {
		return lt, errors.New("the load test printed no table of 95th percentiles")
	}
	for _, l := range lines[start:] {
		f := strings.Fields(l)
		if len(f) < 6 {
			break
		}
		n := len(f)
		local, err1 := time.ParseDuration(f[n-5])
		served, err2 := time.ParseDuration(f[n-4])
		nLocal, err3 := strconv.Atoi(f[n-2])
		nServer, err4 := strconv.Atoi(f[n-1])
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			break // the lines after the table
		}
		lt.ops = append(lt.ops, loadOp{name: strings.Join(f[:n-5], " "), local: local, server: served, nLocal: nLocal, nServer: nServer})
	}
	if len(lt.ops) == 0 {
		return lt, errors.New("the load test's table of 95th percentiles is empty")
	}
	return lt, nil
}

// bareCallP95 is the bare HTTPS call's 95th percentile in each round of
// the committee server's step (serverColumn), which runs before the load
// test's; nil when that step did not run or had no bare call.
var bareCallP95 []float64

// rows are the table's rows of the load test: a register page within 10
// ms and a search within 1.5 times the file's, as for single calls (issue
// 13): the file's 95th percentile plus a bare HTTPS call's, paced, from
// the server's step when it ran (a search on the load test's small
// register takes about as long on the file, 0.8 ms, as one call to a
// server that does nothing, so that against the file alone the target
// asked the round trip to cost nothing); the other operations for
// information.
func (lt loadTest) rows() []row {
	// How the load ran goes with the reference, which ran under it too.
	engine := "file"
	if lt.engine == "postgres" {
		engine = "PostgreSQL"
	}
	refName := fmt.Sprintf("%s, same load: %s, %s a half", engine, lt.mode, lt.perHalf)
	if lt.slices != "" {
		refName += fmt.Sprintf(" in %s slices, in turn", lt.slices)
	}
	ms := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }
	var rows []row
	for _, op := range lt.ops {
		r := row{figure: fmt.Sprintf("load test, %s, 95th percentile through the server", op.name), unit: "ms", refName: refName}
		switch op.name {
		case "register page":
			r.limit = 10
		case "search":
			r.ratio = 1.5
			if len(bareCallP95) > 0 {
				r.allowance, r.allowanceName = bareCallP95, "bare HTTPS call, paced"
			}
		}
		if op.nServer == 0 {
			r.note = "not measured: no call succeeded through the server"
		} else {
			r.samples = []float64{ms(op.server)}
		}
		if op.nLocal > 0 {
			r.ref = []float64{ms(op.local)}
		}
		rows = append(rows, r)
	}
	return rows
}
