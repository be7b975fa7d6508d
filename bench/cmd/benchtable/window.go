package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"ethicsdesk/store"
)

// xDisplay starts Xvfb on a free display and returns it with a stop func
// once the server accepts connections. Xvfb chooses the display itself
// (-displayfd) and writes its number once it listens: choosing one here
// by looking for a free socket raced with other suites run at the same
// time on a shared machine (two servers on ":171", one of them gone a
// moment later: "Failed to open display").
func xDisplay() (string, func(), error) {
	r, w, err := os.Pipe()
	if err != nil {
		return "", nil, err
	}
	defer r.Close()
	// -noreset: by default Xvfb resets itself when its last client goes,
	// and a program connecting during the reset (the next start measured,
	// right after the previous one was killed) fails with "Failed to open
	// display".
	x := exec.Command("Xvfb", "-displayfd", "3", "-noreset", "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w} // fd 3 in Xvfb
	err = x.Start()
	w.Close()
	if err != nil {
		return "", nil, fmt.Errorf("Xvfb (package xvfb) could not start: %w", err)
	}
	exited := make(chan struct{})
	go func() { x.Wait(); close(exited) }()
	// SIGTERM, not SIGKILL: Xvfb then removes its socket and lock file.
	stop := func() { x.Process.Signal(syscall.SIGTERM); <-exited }
	number := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		number <- strings.TrimSpace(line)
	}()
	var d string
	select {
	case n := <-number:
		if _, err := strconv.Atoi(n); err != nil {
			stop()
			return "", nil, errors.New("Xvfb did not say which display it took")
		}
		d = ":" + n
	case <-time.After(30 * time.Second):
		stop()
		return "", nil, errors.New("Xvfb took no display within 30 s")
	}
	for i := 0; i < 200; i++ {
		select {
		case <-exited:
			return "", nil, fmt.Errorf("Xvfb on %s stopped at once", d)
		default:
		}
		if _, err := xdo(d, "getdisplaygeometry"); err == nil {
			return d, stop, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	stop()
	return "", nil, fmt.Errorf("the X display %s accepted no connections (Xvfb)", d)
}

// shown starts a program and waits for a visible window whose title
// matches; it returns the running program, the window and the time taken
// (from the start to the moment the X server told of the window: see
// windowWatch).
func shown(display string, title string, env []string, name string, args ...string) (*exec.Cmd, string, time.Duration, error) {
	watch, err := watchWindows(display, regexp.MustCompile(title))
	if err != nil {
		return nil, "", 0, err
	}
	defer watch.close()
	cmd := exec.Command(name, args...)
	cmd.Env = append(append(os.Environ(), "DISPLAY="+display, "LANG=en_US.UTF-8"), env...)
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, "", 0, err
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	seen, err := watch.wait(2*time.Minute, exited)
	if err != nil {
		cmd.Process.Kill()
		return nil, "", 0, fmt.Errorf("%s: %w: %s", name, err, errOut.String())
	}
	return cmd, strconv.FormatUint(uint64(seen.id), 10), seen.at.Sub(start), nil
}

func xdo(display string, args ...string) (string, error) {
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	out, err := cmd.Output()
	return string(out), err
}

// rssMB is the resident memory of a process (VmRSS).
func rssMB(pid int) float64 {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	m := regexp.MustCompile(`VmRSS:\s+(\d+) kB`).FindSubmatch(b)
	if m == nil {
		return 0
	}
	kb, _ := strconv.Atoi(string(m[1]))
	return float64(kb) / 1024
}

// scrollEndToEnd drags the register table's scrollbar from the top to the
// bottom in small steps, so the window reads pages all along the register
// (widget.Table has no End or Page Down key). The bar sits at the right
// edge of the table, which runs from below the filters to above the count.
func scrollEndToEnd(display, win string) error {
	geo, err := xdo(display, "getwindowgeometry", "--shell", win)
	if err != nil {
		return err
	}
	v := map[string]int{}
	for _, l := range strings.Fields(geo) {
		if k, val, ok := strings.Cut(l, "="); ok {
			v[k], _ = strconv.Atoi(val)
		}
	}
	x := v["X"] + v["WIDTH"] - 7
	top, bottom := v["Y"]+113, v["Y"]+v["HEIGHT"]-46
	xdo(display, "mousemove", strconv.Itoa(x), strconv.Itoa(top))
	time.Sleep(300 * time.Millisecond) // the bar widens under the pointer
	xdo(display, "mousedown", "1")
	const steps = 60
	for i := 1; i <= steps; i++ {
		xdo(display, "mousemove", strconv.Itoa(x), strconv.Itoa(top+(bottom-top)*i/steps))
		time.Sleep(60 * time.Millisecond)
	}
	_, err = xdo(display, "mouseup", "1")
	return err
}

// windowRuns times the register window against the bare Fyne window, and
// measures both one's memory, the register's after scrolling it end to end.
// A display that does not come up, or a window that does not appear, is
// tried once more on a new display; if that fails too, the two rows are
// printed as not measured, with the reason, and the table still appears.
func windowRuns(c config) ([]row, error) {
	start := row{figure: "start-up to the register window, 100k register", unit: "ms", refName: "bare Fyne", ratio: 1.3}
	mem := row{figure: "memory (VmRSS), register scrolled end to end", unit: "MB", refName: "bare Fyne", over: 50}
	// The first start of a day copies the register to the day's automatic
	// backup (416 MB here) beside opening the window; a window killed
	// before the copy ends leaves none, so every measured start would copy
	// again. Made here first, the figures are a start's, as on every
	// other start of the day.
	if err := dailyBackup(c.db); err != nil {
		return nil, fmt.Errorf("making the day's automatic backup before the window starts: %w", err)
	}
	var err error
	for try := 0; try < 2; try++ {
		s, m := start, mem
		if err = windowMeasure(c, &s, &m); err == nil {
			return []row{s, m}, nil
		}
		fmt.Fprintf(os.Stderr, "bench: window step, try %d: %v\n", try+1, err)
	}
	note := "not measured: " + firstLine(err.Error())
	start.note, mem.note = note, note
	return []row{start, mem}, nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

func windowMeasure(c config, start, mem *row) error {
	display, stop, err := xDisplay()
	if err != nil {
		return err
	}
	defer stop()
	// xdotool's regular expressions do not match the em dash of the
	// title ("Ethics Desk — FILE"), hence ".*".
	appTitle := "^Ethics Desk.*" + regexp.QuoteMeta(filepath.Base(c.db)) + "$"
	appEnv := []string{"ETHICSDESK_PASSWORD=" + "ethicsdesk-demo"}
	appArgs := []string{"--db", c.db, "--user", "secretary"}

	// Warm up: the first opening of the day also makes the day's automatic
	// backup in the background; let it finish so it is not in the timings.
	cmd, _, _, err := shown(display, appTitle, appEnv, c.bin, appArgs...)
	if err != nil {
		return err
	}
	today := time.Now().Format("2006-01-02")
	for i := 0; i < 600; i++ {
		if m, _ := filepath.Glob(filepath.Join(filepath.Dir(c.db), "backups", "*"+today+"*")); len(m) > 0 {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	time.Sleep(time.Second)
	cmd.Process.Kill()
	if cmd, _, _, err = shown(display, "^Bare Fyne window$", nil, c.bare); err != nil {
		return err
	}
	cmd.Process.Kill()

	for run := 0; run < c.runs; run++ {
		bare, _, t, err := shown(display, "^Bare Fyne window$", nil, c.bare)
		if err != nil {
			return err
		}
		start.ref = append(start.ref, float64(t.Microseconds())/1000)
		time.Sleep(2 * time.Second)
		mem.ref = append(mem.ref, rssMB(bare.Process.Pid))
		bare.Process.Kill()

		app, win, t, err := shown(display, appTitle, appEnv, c.bin, appArgs...)
		if err != nil {
			return err
		}
		start.samples = append(start.samples, float64(t.Microseconds())/1000)
		time.Sleep(2 * time.Second)
		if err := scrollEndToEnd(display, win); err != nil {
			app.Process.Kill()
			return err
		}
		time.Sleep(2 * time.Second)
		mem.samples = append(mem.samples, rssMB(app.Process.Pid))
		app.Process.Kill()
	}
	return nil
}

// dailyBackup makes the register's automatic backup of the day, as the
// program's first start of the day does, unless it exists.
func dailyBackup(path string) error {
	db, err := store.OpenExisting(path)
	if err != nil {
		return err
	}
	defer db.Close()
	dir, keep, err := db.BackupSettings(context.Background())
	if err != nil {
		return err
	}
	_, err = store.AutoBackup(db, dir, keep, time.Now())
	return err
}
