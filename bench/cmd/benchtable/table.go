package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// row is one figure of the table: its value in each run and, where the
// issue names one, the reference's value in the same runs.
type row struct {
	figure  string
	unit    string
	samples []float64 // one per run
	ref     []float64 // the reference, one per run
	refName string
	limit   float64 // pass when the median is at most this (0: none)
	ratio   float64 // pass when median / reference median is at most this (0: none)
	over    float64 // pass when median - reference median is at most this (0: none)
	// allowance is a second reference measured in the same runs, added
	// to the first before the ratio applies: pass when the median is at
	// most ratio × (reference median + allowance median). The committee
	// server's calls are judged so: the file's time for the same work
	// plus what a bare HTTPS call costs, both at the same pace.
	allowance     []float64
	allowanceName string
	note          string // why there is no value
}

// bound is what the ratio applies to: the reference's median, with the
// allowance's added when the row has one.
func (r row) bound() float64 {
	return median(r.ref) + median(r.allowance)
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func worst(xs []float64) float64 {
	w := 0.0
	for _, x := range xs {
		w = max(w, x)
	}
	return w
}

func (r row) target() string {
	switch {
	case r.allowanceName != "":
		return fmt.Sprintf("≤ %g× (ref + %s)", r.ratio, r.allowanceName)
	case r.over > 0:
		return fmt.Sprintf("≤ ref + %g %s", r.over, r.unit)
	case r.ratio > 0 && r.limit > 0:
		return fmt.Sprintf("≤ %g× ref, ≤ %g %s", r.ratio, r.limit, r.unit)
	case r.ratio > 0:
		return fmt.Sprintf("≤ %g× ref", r.ratio)
	case r.limit > 0:
		return fmt.Sprintf("≤ %g %s", r.limit, r.unit)
	}
	return "—"
}

func (r row) verdict() string {
	if len(r.samples) == 0 {
		return "n/a"
	}
	m := median(r.samples)
	ok := true
	if r.limit > 0 && m > r.limit {
		ok = false
	}
	if r.ratio > 0 && len(r.ref) > 0 && m > r.ratio*r.bound() {
		ok = false
	}
	if r.over > 0 && len(r.ref) > 0 && m > median(r.ref)+r.over {
		ok = false
	}
	if (r.ratio > 0 || r.over > 0) && len(r.ref) == 0 || r.allowanceName != "" && len(r.allowance) == 0 {
		return "n/a (no reference)"
	}
	if r.limit == 0 && r.ratio == 0 && r.over == 0 {
		return "info"
	}
	if ok {
		return "pass"
	}
	return "FAIL"
}

func num(x float64, unit string) string {
	switch {
	case x >= 100:
		return fmt.Sprintf("%.0f %s", x, unit)
	case x >= 10:
		return fmt.Sprintf("%.1f %s", x, unit)
	default:
		return fmt.Sprintf("%.2f %s", x, unit)
	}
}

func printTable(w io.Writer, c config, rows []row, took time.Duration) {
	fmt.Fprintf(w, "\nEthics Desk performance — %s\n", time.Now().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(w, "Machine: %s\n", machine())
	fmt.Fprintf(w, "Register: %s (%d runs of each measurement; medians over runs, worst run)\n\n", c.db, c.runs)
	order := []string{"start-up", "register", "search", "statistics", "render", "  same", "verify", "keystroke", "memory", "database"}
	rank := func(r row) int {
		for i, p := range order {
			if strings.HasPrefix(r.figure, p) {
				return i
			}
		}
		return len(order)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rank(rows[i]) < rank(rows[j]) })
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.Debug)
	fmt.Fprintln(tw, " figure\t median\t worst\t target\t reference median\t ratio\t pass/fail")
	for _, r := range rows {
		if len(r.samples) == 0 {
			fmt.Fprintf(tw, " %s\t %s\t \t %s\t \t \t n/a\n", r.figure, r.note, r.target())
			continue
		}
		ref, ratio := "—", "—"
		if len(r.ref) > 0 {
			rm := median(r.ref)
			ref = fmt.Sprintf("%s (%s)", num(rm, r.unit), r.refName)
			if r.allowanceName != "" {
				ref += fmt.Sprintf(" + %s (%s)", allowanceText(r), r.allowanceName)
			}
			if rm > 0 {
				ratio = fmt.Sprintf("%.2f×", median(r.samples)/rm)
			}
		} else if r.note != "" {
			ref = r.note
		}
		fmt.Fprintf(tw, " %s\t %s\t %s\t %s\t %s\t %s\t %s\n", r.figure, num(median(r.samples), r.unit),
			num(worst(r.samples), r.unit), r.target(), ref, ratio, r.verdict())
	}
	tw.Flush()
	fmt.Fprintf(w, "\nWhole run: %s.\n", took.Round(time.Second))
}

// allowanceText is the allowance's median, or why there is none.
func allowanceText(r row) string {
	if len(r.allowance) == 0 {
		return "not measured"
	}
	return num(median(r.allowance), r.unit)
}

// machine is nproc, the CPU model and the memory of this computer.
func machine() string {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "model name") {
				model = strings.TrimSpace(l[strings.Index(l, ":")+1:])
				break
			}
		}
	}
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int
		fmt.Sscanf(string(b), "MemTotal: %d kB", &kb)
		mem = fmt.Sprintf(", %.1f GiB RAM", float64(kb)/(1<<20))
	}
	load := ""
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		load = ", load " + strings.Join(strings.Fields(string(b))[:3], " ")
	}
	sqlite := ""
	if out, err := exec.Command("sqlite3", "--version").Output(); err == nil {
		sqlite = ", sqlite3 shell " + strings.Fields(string(out))[0]
	}
	return fmt.Sprintf("%d CPUs (%s)%s%s, %s%s", runtime.NumCPU(), model, mem, load, runtime.Version(), sqlite)
}
