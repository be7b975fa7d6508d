package bench

import (
	"context"
	"os"
	"sort"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/pgstore"
	"ethicsdesk/remote"
	"ethicsdesk/store"
)

// register opens the seeded register named by ED_BENCH_DB (make bench
// seeds and caches one) and signs in as the secretariat account, as the
// window does; without it the benchmark is skipped. With ED_BENCH_PG (a
// postgres:// URL; make bench migrates the same register into a
// throwaway cluster) the same benchmark runs on PostgreSQL instead. With
// ED_BENCH_SERVER (the https:// address of `ethicsdesk serve` on that
// register, ED_BENCH_SERVER_FINGERPRINT the committee root's fingerprint
// it printed) it runs through the committee server, as a member's laptop
// does; the pacer then keeps the calls within the server's allowance.
// ED_BENCH_PACE=1 paces the calls on the register itself the same way:
// the reference the server's figures are set against. A call made after
// 25 ms of idleness runs on cold caches and a sleeping CPU, two to three
// times slower here than the same call made straight after another, so a
// paced call through the server is compared with a paced call on the
// file, not with calls made back to back.
func register(b *testing.B) (cases.API, cases.User, *pacer) {
	b.Helper()
	ctx := context.Background()
	if url := os.Getenv("ED_BENCH_SERVER"); url != "" {
		root, err := remote.RootByFingerprint(ctx, url, os.Getenv("ED_BENCH_SERVER_FINGERPRINT"))
		if err != nil {
			b.Fatal(err)
		}
		c, err := remote.Dial(url, root)
		if err != nil {
			b.Fatal(err)
		}
		actor, err := c.Login(ctx, DemoUser, DemoPassword)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { c.SignOut(context.Background()) })
		return c, actor, &pacer{every: serverPace}
	}
	var db interface {
		cases.Store
		Close() error
	}
	var err error
	if url := os.Getenv("ED_BENCH_PG"); url != "" {
		db, err = pgstore.Open(ctx, url)
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
	actor, err := svc.Login(ctx, DemoUser, DemoPassword)
	if err != nil {
		b.Fatal(err)
	}
	if os.Getenv("ED_BENCH_PACE") != "" {
		return svc, actor, &pacer{every: serverPace}
	}
	return svc, actor, &pacer{}
}

// serverPace is how often a benchmark starts a call through the committee
// server: the server allows each session 50 calls a second (remote,
// ratelimit.go) and refuses the rest, so one every 25 ms is never refused
// (as remote's BenchmarkOverLoopback paces them).
const serverPace = 25 * time.Millisecond

// pacer spaces the calls of a benchmark that goes through the server, or
// of its reference on the register itself (ED_BENCH_PACE); otherwise
// (every 0) it never waits. The wait is outside the latencies timed,
// which are the calls' own.
type pacer struct {
	every time.Duration
	next  time.Time
}

// paced says whether the benchmark's calls are spaced as a server's are:
// its figures are then for setting beside the server's, not the shell's.
func (p *pacer) paced() bool { return p.every > 0 }

// wait returns when the next call may start.
func (p *pacer) wait() {
	if p.every == 0 {
		return
	}
	time.Sleep(time.Until(p.next))
	p.next = time.Now().Add(p.every)
}

// waitTimed is wait inside the timed loop: the benchmark's timer stops
// while it waits, so ns/op is the calls' time too.
func (p *pacer) waitTimed(b *testing.B) {
	if p.every == 0 {
		return
	}
	if time.Until(p.next) > 0 {
		b.StopTimer()
		p.wait()
		b.StartTimer()
		return
	}
	p.wait()
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
