package bench

import (
	"context"
	"sort"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// BenchmarkRegisterPage reads pages of 100 rows through the Service, as the
// register window does, cycling through every filter and sort at the first,
// middle and last page. The slowest pages are logged to show where the
// 95th percentile comes from. Through the committee server
// (ED_BENCH_SERVER) the pages are read through its client, paced, and
// only the single reads are reported; so are they when the file's pages
// are paced as the server's reference (ED_BENCH_PACE).
func BenchmarkRegisterPage(b *testing.B) {
	api, actor, pace := register(b)
	ctx := context.Background()
	pages, err := RegisterPages(ctx, api, actor)
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range pages { // warm SQLite's cache as a window in use has
		pace.wait()
		if _, err := api.ListCases(ctx, actor, p.Query, p.Offset, cases.PageSize); err != nil {
			b.Fatal(err)
		}
	}
	var lat latencies
	worst := map[string]time.Duration{}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := pages[i%len(pages)]
		var rows []cases.Row
		pace.waitTimed(b)
		d := lat.time(func() { rows, err = api.ListCases(ctx, actor, p.Query, p.Offset, cases.PageSize) })
		if err != nil || len(rows) == 0 {
			b.Fatalf("%s: %d rows, %v", p.Name, len(rows), err)
		}
		worst[p.Name] = max(worst[p.Name], d)
	}
	b.StopTimer()
	lat.report(b)
	if !pace.paced() { // the figures set against the sqlite3 shell's
		reportLikeTheShell(b, pages, func(p RegisterPage) error {
			_, err := api.ListCases(ctx, actor, p.Query, p.Offset, cases.PageSize)
			return err
		})
	}
	names := make([]string, 0, len(worst))
	for n := range worst {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return worst[names[i]] > worst[names[j]] })
	for _, n := range names[:min(5, len(names))] {
		b.Logf("slow page: %-50s %6.2f ms", n, float64(worst[n].Microseconds())/1000)
	}
}

// shellRuns is how often reportLikeTheShell reads a page after warming
// it: the shell reference's shellRepeats (bench/cmd/benchtable).
const shellRuns = 5

// reportLikeTheShell measures each page the way the sqlite3 shell's
// reference is measured — read once to warm it, then five times, the mean
// of the five — and reports the median and 95th percentile over the pages
// (page-median-ms, page-p95-ms). The single reads above are each exposed
// to the machine's every hiccup while the shell's figure is a mean of
// five, so only these two figures can be set against the shell's.
func reportLikeTheShell(b *testing.B, pages []RegisterPage, read func(RegisterPage) error) {
	var means latencies
	for _, p := range pages {
		if err := read(p); err != nil {
			b.Fatalf("%s: %v", p.Name, err)
		}
		start := time.Now()
		for range shellRuns {
			if err := read(p); err != nil {
				b.Fatalf("%s: %v", p.Name, err)
			}
		}
		means = append(means, time.Since(start)/shellRuns)
	}
	sort.Slice(means, func(i, j int) bool { return means[i] < means[j] })
	ms := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }
	b.ReportMetric(ms(means[len(means)/2]), "page-median-ms")
	b.ReportMetric(ms(means[(len(means)*95+99)/100-1]), "page-p95-ms")
}

// BenchmarkSmallestCall is the case types, the smallest read the window
// makes: through the committee server it is the least a call costs (the
// round trip, TLS, the session's checks), beside the same read on the
// file at the same pace. For information: no target.
func BenchmarkSmallestCall(b *testing.B) {
	api, _, pace := register(b)
	ctx := context.Background()
	var lat latencies
	var err error
	for i := 0; i < b.N; i++ {
		pace.waitTimed(b)
		lat.time(func() { _, err = api.CaseTypes(ctx) })
		if err != nil {
			b.Fatal(err)
		}
	}
	lat.report(b)
}
