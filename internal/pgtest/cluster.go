// Package pgtest starts a throwaway PostgreSQL cluster for tests: initdb in
// a temporary folder, the server on 127.0.0.1 and a free port, removed by
// Stop. Tests that need PostgreSQL fail (never skip) when it is missing,
// with a sentence naming scripts/install-deps.sh.
package pgtest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/stdlib" // the database/sql driver "pgx"
)

// superuser is the cluster's only role; it connects without a password,
// and only from this machine.
const superuser = "ethicsdesk_test"

// Cluster is a running throwaway PostgreSQL server.
type Cluster struct {
	dir    string
	port   int
	server *exec.Cmd
	exited chan error
	next   atomic.Int64
}

// ErrNotInstalled says how to get PostgreSQL when its programs are missing.
var ErrNotInstalled = errors.New("PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin or on PATH): run scripts/install-deps.sh, which installs it from Debian's packages")

// debianInitdb is where Debian's postgresql packages put initdb.
var debianInitdb = "/usr/lib/postgresql/*/bin/initdb"

// binDir finds the folder of initdb and postgres: Debian's versioned
// folder (the newest), else PATH.
func binDir() (string, error) {
	found, _ := filepath.Glob(debianInitdb)
	sort.Slice(found, func(i, j int) bool { return version(found[i]) > version(found[j]) })
	if len(found) > 0 {
		return filepath.Dir(found[0]), nil
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", ErrNotInstalled
}

func version(initdb string) int {
	var v int
	fmt.Sscan(filepath.Base(filepath.Dir(filepath.Dir(initdb))), &v)
	return v
}

// Start creates and starts a cluster. Call Stop when done.
func Start() (*Cluster, error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "ethicsdesk-pg-*")
	if err != nil {
		return nil, err
	}
	c := &Cluster{dir: dir}
	// initdb and postgres refuse to run as root: the cluster then belongs
	// to an unprivileged account (runAs).
	cred, err := unprivileged(dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	data := filepath.Join(dir, "data")
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", superuser, "--auth=trust",
		"-E", "UTF8", "--no-locale", "--no-sync")
	setCred(initdb, cred)
	initdb.Env = append(os.Environ(), "LC_ALL=C")
	if out, err := initdb.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb failed: %v\n%s", err, out)
	}
	return c.start(bin, data, cred)
}

// start runs the server on data, trying other ports when one is taken.
func (c *Cluster) start(bin, data string, cred any) (*Cluster, error) {
	for attempt := 0; ; attempt++ {
		err := c.startServer(bin, data, cred)
		if err == nil {
			return c, nil
		}
		if attempt == 4 {
			os.RemoveAll(c.dir)
			return nil, err
		}
	}
}

func (c *Cluster) startServer(bin, data string, cred any) error {
	port, err := freePort()
	if err != nil {
		return err
	}
	c.port = port
	logFile, err := os.Create(filepath.Join(c.dir, "server.log"))
	if err != nil {
		return err
	}
	chownToCluster(c.dir, logFile.Name())
	srv := exec.Command(filepath.Join(bin, "postgres"), "-D", data, "-p", fmt.Sprint(port),
		"-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="+c.dir,
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
		"-c", "max_connections=200")
	setCred(srv, cred)
	srv.Stdout, srv.Stderr = logFile, logFile
	if err := srv.Start(); err != nil {
		logFile.Close()
		return err
	}
	logFile.Close()
	c.server = srv
	c.exited = make(chan error, 1)
	go func() { c.exited <- srv.Wait() }()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-c.exited:
			log, _ := os.ReadFile(filepath.Join(c.dir, "server.log"))
			return fmt.Errorf("the PostgreSQL server stopped at start:\n%s", log)
		default:
		}
		conn, err := pgx.Connect(context.Background(), c.URL("postgres"))
		if err == nil {
			conn.Close(context.Background())
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	c.stopServer()
	return errors.New("the PostgreSQL server did not accept connections within 30 seconds")
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// URL is the connection URL of database name on the cluster.
func (c *Cluster) URL(name string) string {
	u := url.URL{Scheme: "postgres", User: url.User(superuser), Host: fmt.Sprintf("127.0.0.1:%d", c.port),
		Path: "/" + name, RawQuery: "sslmode=disable"}
	return u.String()
}

// NewDatabase creates an empty database and returns its URL: one per
// test, so tests do not see each other's rows.
func (c *Cluster) NewDatabase() (string, error) {
	name := fmt.Sprintf("t%d_%d", os.Getpid(), c.next.Add(1))
	db, err := sql.Open("pgx", c.URL("postgres"))
	if err != nil {
		return "", err
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		return "", err
	}
	return c.URL(name), nil
}

// Stop shuts the server down and removes the cluster's folder.
func (c *Cluster) Stop() {
	c.stopServer()
	os.RemoveAll(c.dir)
}

func (c *Cluster) stopServer() {
	if c.server == nil || c.server.Process == nil {
		return
	}
	c.server.Process.Signal(os.Interrupt) // fast shutdown
	select {
	case <-c.exited:
	case <-time.After(20 * time.Second):
		c.server.Process.Kill()
		<-c.exited
	}
	c.server = nil
}

// Main runs a test binary's tests with one cluster, passed to set before
// they run; without PostgreSQL every test of the binary fails with the
// reason.
func Main(m interface{ Run() int }, set func(*Cluster, error)) int {
	c, err := Start()
	set(c, err)
	code := m.Run()
	if c != nil {
		c.Stop()
	}
	return code
}

// Need is the cluster for a test, failing the test with the reason when
// there is none.
func Need(t interface {
	Helper()
	Fatalf(string, ...any)
}, c *Cluster, startErr error) *Cluster {
	t.Helper()
	if c == nil {
		msg := "no PostgreSQL cluster"
		if startErr != nil {
			msg = strings.TrimSpace(startErr.Error())
		}
		t.Fatalf("%s", msg)
	}
	return c
}
