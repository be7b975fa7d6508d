package cli

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"ethicsdesk/app"
	"ethicsdesk/cases"
	"ethicsdesk/remote"
	"ethicsdesk/signing"
)

func init() {
	subcommands["serve"] = subcommand{"run the committee server: a register shared over HTTPS with members' laptops", cmdServe}
}

// serveContext is what stops a server started by cmdServe (tests replace
// it; the program stops on Ctrl-C or SIGTERM).
var serveContext = func() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// cmdServe serves a register to the committee's clients. The TLS
// certificate is issued at every start by the committee's root, whose key
// the administrator's password unlocks for that moment only; the server's
// own key is kept in memory and never written, so a stolen disk holds no
// key of the server's.
func cmdServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", "", "the register file to serve (this or --postgres is required)")
	pgURL := fs.String("postgres", "", "a register on PostgreSQL to serve instead of a file: postgres://USER@HOST/DATABASE (see the README, \"PostgreSQL\")")
	listen := fs.String("listen", "127.0.0.1:8443", "address and port to listen on")
	names := fs.String("name", "", "comma-separated host names clients use to reach the server (besides the --listen address, localhost and this machine's name)")
	userName := fs.String("user", "", "the administrator whose password unlocks the committee's root (required; password from $"+app.PasswordEnv+" or asked)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ethicsdesk serve (--db PATH | --postgres URL) --user ADMIN [--listen HOST:PORT] [--name HOST,…]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if (*dbPath == "") == (*pgURL == "") || *userName == "" || fs.NArg() != 0 {
		fs.Usage()
		return 2
	}
	ctx := context.Background()
	db, where, err := openServed(ctx, *dbPath, *pgURL)
	if err != nil {
		fmt.Fprintln(stderr, "serve:", err)
		return 1
	}
	defer db.Close()
	svc := app.NewService(db, nil)
	root, err := unlockRoot(ctx, svc, db, *userName, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "serve:", err)
		return 1
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		fmt.Fprintf(stderr, "serve: cannot listen on %s: %v\n", *listen, err)
		return 1
	}
	hosts := serverHosts(ln.Addr().String(), *names)
	cert, err := signing.IssueServer(root, hosts, time.Now())
	root.Key = nil // the root's key is not needed again
	if err != nil {
		ln.Close()
		fmt.Fprintln(stderr, "serve:", err)
		return 1
	}
	handler := remote.NewServer(svc, db)
	handler.Log = log.New(stderr, "serve: ", log.LstdFlags)
	srv := &http.Server{
		Handler:           handler,
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS13},
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          log.New(io.Discard, "", 0),
	}
	// Windows waiting on the change feed are answered at once on shutdown.
	srv.RegisterOnShutdown(handler.StopWaiting)
	fmt.Fprintf(stdout, "Committee server for %s at https://%s\nNames in its certificate: %s\nCommittee root SHA-256 fingerprint: %s\n(members compare it with the one you give them before they trust the server)\n",
		where, ln.Addr(), strings.Join(hosts, ", "), signing.Fingerprint(root.Cert))
	stop, cancel := serveContext()
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- srv.ServeTLS(ln, "", "") }()
	select {
	case err := <-done:
		fmt.Fprintln(stderr, "serve:", err)
		return 1
	case <-stop.Done():
	}
	shutdown, cancelShutdown := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancelShutdown()
	srv.Shutdown(shutdown)
	fmt.Fprintln(stdout, "The committee server stopped.")
	return 0
}

// unlockRoot signs the administrator in and opens the committee root's
// key with the same password.
func unlockRoot(ctx context.Context, svc cases.API, db app.Register, userName string, stderr io.Writer) (*signing.Authority, error) {
	pw, ok := os.LookupEnv(app.PasswordEnv)
	if !ok {
		var err error
		if pw, err = app.AskPassword(fmt.Sprintf("Password for %s: ", userName), stderr); err != nil {
			return nil, err
		}
	}
	admin, err := svc.Login(ctx, userName, pw)
	if err != nil {
		return nil, err
	}
	if !admin.Can(cases.ActIssueKeys) {
		return nil, fmt.Errorf("%s is not an administrator: the server's certificate is issued by the committee's root, which only an administrator unlocks.", userName)
	}
	der, sealed, err := db.SigningRoot(ctx)
	if errors.Is(err, cases.ErrNotFound) {
		return nil, errors.New("this register has no committee root certificate yet; the administrator creates it in Signatures › Signing keys, then starts the server.")
	}
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("the committee's root certificate cannot be read: %v", err)
	}
	key, err := signing.OpenKey(sealed, pw)
	if err != nil {
		return nil, fmt.Errorf("%s's password does not open the committee root's key: it is sealed under the password of the administrator who created it, as it was then.", userName)
	}
	return &signing.Authority{Cert: cert, Key: key}, nil
}

// serverHosts are the names the certificate is issued for: the listening
// address (unless it is every address), localhost, this machine's name and
// the names given.
func serverHosts(addr, names string) []string {
	var hosts []string
	seen := map[string]bool{}
	add := func(h string) {
		h = strings.TrimSpace(h)
		if h != "" && !seen[h] {
			seen[h] = true
			hosts = append(hosts, h)
		}
	}
	for _, n := range strings.Split(names, ",") {
		add(n)
	}
	if host, _, err := net.SplitHostPort(addr); err == nil {
		if ip := net.ParseIP(host); ip == nil || !ip.IsUnspecified() {
			add(host)
		}
	}
	add("localhost")
	add("127.0.0.1")
	add("::1")
	if h, err := os.Hostname(); err == nil {
		add(h)
	}
	return hosts
}
