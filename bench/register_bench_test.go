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
// 95th percentile comes from.
func BenchmarkRegisterPage(b *testing.B) {
	svc, actor := register(b)
	ctx := context.Background()
	pages, err := RegisterPages(ctx, svc, actor)
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range pages { // warm SQLite's cache as a window in use has
		if _, err := svc.ListCases(ctx, actor, p.Query, p.Offset, cases.PageSize); err != nil {
			b.Fatal(err)
		}
	}
	var lat latencies
	worst := map[string]time.Duration{}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := pages[i%len(pages)]
		var rows []cases.Row
		d := lat.time(func() { rows, err = svc.ListCases(ctx, actor, p.Query, p.Offset, cases.PageSize) })
		if err != nil || len(rows) == 0 {
			b.Fatalf("%s: %d rows, %v", p.Name, len(rows), err)
		}
		worst[p.Name] = max(worst[p.Name], d)
	}
	b.StopTimer()
	lat.report(b)
	names := make([]string, 0, len(worst))
	for n := range worst {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return worst[names[i]] > worst[names[j]] })
	for _, n := range names[:min(5, len(names))] {
		b.Logf("slow page: %-50s %6.2f ms", n, float64(worst[n].Microseconds())/1000)
	}
}
