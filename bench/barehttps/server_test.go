package main

import (
	"net"
	"path/filepath"
	"testing"

	"ethicsdesk/bench"
)

// The suite's client reaches the bare server over TLS, trusting only the
// certificate it wrote, and reads its whole answer.
func TestTheBenchmarkClientGetsTheAnswer(t *testing.T) {
	cert := filepath.Join(t.TempDir(), "cert.pem")
	srv, err := newServer(cert)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.ServeTLS(l, "", "")
	t.Cleanup(func() { srv.Close() })
	c, err := bench.DialBareHTTPS("https://"+l.Addr().String(), cert)
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // the second call goes on the kept-alive connection
		got, err := c.Call()
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != Answer {
			t.Fatalf("answer %q, want %q", got, Answer)
		}
	}
	other := filepath.Join(t.TempDir(), "other.pem")
	if _, err := selfSigned(other); err != nil {
		t.Fatal(err)
	}
	stranger, err := bench.DialBareHTTPS("https://"+l.Addr().String(), other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stranger.Call(); err == nil {
		t.Fatal("a client trusting another certificate got an answer")
	}
}
