// Command barehttps is the reference for the committee server's figures in
// the benchmark suite: the least an HTTPS call costs on this machine. It
// is a bare net/http server over TLS 1.3 on loopback, as `ethicsdesk
// serve` is, whose one handler reads the request's JSON body and answers a
// short JSON body of known length, with nothing of Ethics Desk behind it
// (no session, no register). BenchmarkBareHTTPS (bench/) calls it with a
// kept-alive HTTP/1.1 connection, as the committee's client does, at the
// same pace as the server's benchmarks.
//
// Usage: barehttps CERT.pem
//
// It listens on a free loopback port, writes its self-signed certificate
// to CERT.pem (the client trusts that one alone), prints its address as
// "Bare HTTPS server at https://127.0.0.1:PORT" and serves until killed.
package main

import (
	"fmt"
	"net"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: barehttps CERT.pem (where to write the server's certificate)")
		os.Exit(2)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "barehttps:", err)
		os.Exit(1)
	}
	srv, err := newServer(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "barehttps:", err)
		os.Exit(1)
	}
	fmt.Printf("Bare HTTPS server at https://%s\n", l.Addr())
	if err := srv.ServeTLS(l, "", ""); err != nil {
		fmt.Fprintln(os.Stderr, "barehttps:", err)
		os.Exit(1)
	}
}
