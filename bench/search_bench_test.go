package bench

import (
	"context"
	"testing"

	"ethicsdesk/cases"
)

// BenchmarkSearch is the search box: the first 50 ranked results with
// their snippets, for common and rare terms in English and Chinese.
func BenchmarkSearch(b *testing.B) {
	api, actor, pace := register(b)
	ctx := context.Background()
	if err := PlantRareTerms(ctx, api, actor); err != nil {
		b.Fatal(err)
	}
	for _, t := range SearchTerms {
		b.Run(t.Name, func(b *testing.B) {
			pace.wait()
			hits, err := api.Search(ctx, actor, t.Text, cases.Query{}, 0, SearchLimit)
			if err != nil || len(hits) == 0 {
				b.Fatalf("%q finds %d cases (%v)", t.Text, len(hits), err)
			}
			var lat latencies
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				pace.waitTimed(b)
				lat.time(func() { _, err = api.Search(ctx, actor, t.Text, cases.Query{}, 0, SearchLimit) })
				if err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			lat.report(b)
		})
	}
}

// BenchmarkStatisticsYear is the statistics screen for last year, a full
// year of the register.
func BenchmarkStatisticsYear(b *testing.B) {
	api, actor, pace := register(b)
	ctx := context.Background()
	year := cases.YearPeriod(api.Today().Year() - 1)
	var lat latencies
	var err error
	for i := 0; i < b.N; i++ {
		pace.waitTimed(b)
		lat.time(func() { _, err = api.Statistics(ctx, actor, year) })
		if err != nil {
			b.Fatal(err)
		}
	}
	lat.report(b)
}
