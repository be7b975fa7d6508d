package bench

import (
	"os"
	"testing"
)

// BenchmarkBareHTTPS is the reference for the committee server's figures:
// the least an HTTPS call costs on this machine, through bench/barehttps
// (ED_BENCH_BARE_HTTPS its address, ED_BENCH_BARE_HTTPS_CERT its
// certificate), paced as the calls through the committee server are.
func BenchmarkBareHTTPS(b *testing.B) {
	url, cert := os.Getenv("ED_BENCH_BARE_HTTPS"), os.Getenv("ED_BENCH_BARE_HTTPS_CERT")
	if url == "" || cert == "" {
		b.Skip("set ED_BENCH_BARE_HTTPS and ED_BENCH_BARE_HTTPS_CERT to a running bench/barehttps (make bench does)")
	}
	c, err := DialBareHTTPS(url, cert)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := c.Call(); err != nil { // the TLS handshake, not timed
		b.Fatal(err)
	}
	pace := &pacer{every: serverPace}
	var lat latencies
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pace.waitTimed(b)
		lat.time(func() { _, err = c.Call() })
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	lat.report(b)
}
