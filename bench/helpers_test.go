package bench

import (
	"context"
	"os"
	"sort"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/pgstore"
	"ethicsdesk/store"
)

// register opens the seeded register named by ED_BENCH_DB (make bench
// seeds and caches one) and signs in as the secretariat account, as the
// window does; without it the benchmark is skipped. With ED_BENCH_PG (a
// postgres:// URL; make bench migrates the same register into a
// throwaway cluster) the same benchmark runs on PostgreSQL instead.
func register(b *testing.B) (*cases.Service, cases.User) {
	b.Helper()
	var db interface {
		cases.Store
		Close() error
	}
	var err error
	if url := os.Getenv("ED_BENCH_PG"); url != "" {
		db, err = pgstore.Open(context.Background(), url)
	} else if path := os.Getenv("ED_BENCH_DB"); path != "" {
		db, err = store.OpenExisting(path)
	} else {
		b.Skip("set ED_BENCH_DB to a seeded register (make bench does)")
	}
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	svc := cases.NewService(db, nil)
	actor, err := svc.Login(context.Background(), DemoUser, DemoPassword)
	if err != nil {
		b.Fatal(err)
	}
	return svc, actor
}

// latencies records how long each operation of a benchmark took, for the
// percentiles the targets are stated in.
type latencies []time.Duration

func (l *latencies) time(do func()) time.Duration {
	start := time.Now()
	do()
	d := time.Since(start)
	*l = append(*l, d)
	return d
}

// report adds median-ms, p95-ms and max-ms to the benchmark's line.
func (l latencies) report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	s := append(latencies(nil), l...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	ms := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }
	b.ReportMetric(ms(s[len(s)/2]), "median-ms")
	b.ReportMetric(ms(s[(len(s)*95+99)/100-1]), "p95-ms")
	b.ReportMetric(ms(s[len(s)-1]), "max-ms")
}
