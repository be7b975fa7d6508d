package remote_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// BenchmarkOverLoopback times single operations of one user through the
// committee server over TLS on loopback against the same operation on the
// register file, in the same iteration, so that both see the same load on
// the machine: `go test -run '^$' -bench OverLoopback ./remote/`.
// It reports the 95th percentiles (local-p95-ms, server-p95-ms) and their
// ratio; the targets are a register page within 10 ms and a
// search within 1.5 times the file's time.
func BenchmarkOverLoopback(b *testing.B) {
	s := serve(b)
	ctx := context.Background()
	for i := range 300 {
		d := draft(fmt.Sprintf("Complaint %d about %s", i, []string{"face", "consent", "metro", "credit", "hiring"}[i%5]))
		c, err := s.Svc.CreateCase(ctx, s.Sec, d)
		if err != nil {
			b.Fatal(err)
		}
		if i < 20 {
			if err := s.Svc.DeclareInterest(ctx, s.Member, c.ID, false, ""); err != nil {
				b.Fatal(err)
			}
		}
	}
	member := s.client(b, "liu", liuPW)
	ops := []struct {
		name string
		run  func(api cases.API) error
	}{
		{"register page", func(api cases.API) error {
			_, err := api.ListCases(ctx, s.Member, cases.Query{}, 50, 50)
			return err
		}},
		{"search", func(api cases.API) error {
			_, err := api.Search(ctx, s.Member, "consent", cases.Query{}, 0, 50)
			return err
		}},
		{"open a case", func(api cases.API) error { _, err := api.GetCase(ctx, s.Member, s.Open.ID); return err }},
		{"add a note", func(api cases.API) error {
			_, err := api.AddNote(ctx, s.Member, s.Open.ID, "A note from the benchmark.", true)
			return err
		}},
	}
	pace := time.Now()
	for _, op := range ops {
		b.Run(op.name, func(b *testing.B) {
			var local, remote []time.Duration
			for b.Loop() {
				// a user's pace, within the server's 50 calls a second
				// per session
				time.Sleep(time.Until(pace))
				pace = time.Now().Add(25 * time.Millisecond)
				start := time.Now()
				if err := op.run(s.Svc); err != nil {
					b.Fatal(err)
				}
				mid := time.Now()
				if err := op.run(member); err != nil {
					b.Fatal(err)
				}
				local = append(local, mid.Sub(start))
				remote = append(remote, time.Since(mid))
			}
			lp, sp := p95(local), p95(remote)
			b.ReportMetric(ms(lp), "local-p95-ms")
			b.ReportMetric(ms(sp), "server-p95-ms")
			b.ReportMetric(float64(sp)/float64(lp), "p95-ratio")
		})
	}
}

func p95(l []time.Duration) time.Duration {
	slices.Sort(l)
	return l[(len(l)*95+99)/100-1]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
