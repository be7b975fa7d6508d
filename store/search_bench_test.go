package store_test

import (
	"context"
	"os"
	"sort"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/store"
)

// benchRegister opens the register named by ED_BENCH_DB (seed one with
// `ethicsdesk seed --db /tmp/ed-100k.db --cases 100000 --notes 500000`),
// or seeds 20,000 cases into a temporary file. It makes sure one case
// carries the rare words the benchmarks look for.
func benchRegister(b *testing.B) (*cases.Service, string) {
	b.Helper()
	ctx := context.Background()
	var db *store.DB
	size := "20k (temporary)"
	if path := os.Getenv("ED_BENCH_DB"); path != "" {
		var err error
		if db, err = store.OpenExisting(path); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		size = path
	} else {
		db, _, _ = seededRegister(b, 20000)
	}
	svc := cases.NewService(db, nil)
	if hits, _ := svc.Search(ctx, secretary, "quokkatronic", cases.Query{}, 0, 1); len(hits) == 0 {
		d := draft()
		d.Title, d.Summary = "Quokkatronic companion robot", "The 盾牌 model in a care home."
		if _, err := svc.CreateCase(ctx, secretary, d); err != nil {
			b.Fatal(err)
		}
	}
	return svc, size
}

// BenchmarkSearch reports the median and 95th percentile latency of the
// service-level search (ranking, filters, permissions and snippets) for
// the first page of 50 results.
func BenchmarkSearch(b *testing.B) {
	svc, size := benchRegister(b)
	b.Logf("register: %s", size)
	for _, bc := range []struct{ name, query string }{
		{"common-en", "submitter"},  // in most cases' summaries
		{"mid-en", "opaque"},        // a few thousand cases
		{"rare-en", "quokkatronic"}, // one case
		{"prefix-en", "algorith*"},  // prefix
		{"phrase-en", `"price discrimination"`},
		{"common-zh", "同意"}, // two characters, tens of thousands of documents
		{"mid-zh", "深度"},    // a few thousand
		{"rare-zh", "盾牌"},   // one case
		{"mixed", "人脸 consent"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			ctx := context.Background()
			lat := make([]time.Duration, 0, b.N)
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if _, err := svc.Search(ctx, secretary, bc.query, cases.Query{}, 0, 50); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			reportPercentiles(b, lat)
		})
	}
}

// BenchmarkStatisticsYear is the statistics screen (and annual report) for a year.
func BenchmarkStatisticsYear(b *testing.B) {
	svc, _ := benchRegister(b)
	ctx := context.Background()
	lat := make([]time.Duration, 0, b.N)
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := svc.Statistics(ctx, secretary, cases.YearPeriod(2025)); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	reportPercentiles(b, lat)
}

func reportPercentiles(b *testing.B, lat []time.Duration) {
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if len(lat) == 0 {
		return
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(lat[len(lat)/2]), "median-ms")
	b.ReportMetric(ms(lat[(len(lat)*95+99)/100-1]), "p95-ms")
}
