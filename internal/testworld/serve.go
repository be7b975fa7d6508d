package testworld

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/http"
	"testing"
	"time"

	"ethicsdesk/signing"
)

// Served is a handler served over TLS on 127.0.0.1 with a certificate
// issued by the world's committee root, as `ethicsdesk serve` does.
type Served struct {
	URL     string
	Addr    string // host:port, to start again at the same address
	Root    *x509.Certificate
	cert    tls.Certificate
	Handler http.Handler // served; may be replaced between Stop and Start (a new server process)
	srv     *http.Server
}

// ServeTLS serves h at addr ("127.0.0.1:0" for any free port) until the
// test ends or Stop.
func (w *World) ServeTLS(tb testing.TB, h http.Handler, addr string) *Served {
	tb.Helper()
	der, sealed, err := w.DB.SigningRoot(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	root, err := x509.ParseCertificate(der)
	if err != nil {
		tb.Fatal(err)
	}
	key, err := signing.OpenKey(sealed, w.AdminPassword)
	if err != nil {
		tb.Fatal(err)
	}
	cert, err := signing.IssueServer(&signing.Authority{Cert: root, Key: key}, []string{"127.0.0.1"}, time.Now())
	if err != nil {
		tb.Fatal(err)
	}
	s := &Served{Root: root, cert: cert, Handler: h}
	s.Start(tb, addr)
	tb.Cleanup(s.Stop)
	return s
}

// Start serves again (after Stop) at addr.
func (s *Served) Start(tb testing.TB, addr string) {
	tb.Helper()
	var ln net.Listener
	var err error
	for range 50 { // the port just closed may take a moment to be free
		if ln, err = net.Listen("tcp", addr); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		tb.Fatal(err)
	}
	s.Addr = ln.Addr().String()
	s.URL = "https://" + s.Addr
	srv := &http.Server{Handler: s.Handler, TLSConfig: &tls.Config{Certificates: []tls.Certificate{s.cert}, MinVersion: tls.VersionTLS13}}
	s.srv = srv
	go func() {
		if err := srv.ServeTLS(ln, "", ""); err != nil && !errors.Is(err, http.ErrServerClosed) {
			tb.Log(err)
		}
	}()
}

// Stop closes the server and every connection to it at once, as a crash
// or a lost network would.
func (s *Served) Stop() {
	if s.srv != nil {
		s.srv.Close()
		s.srv = nil
	}
}
