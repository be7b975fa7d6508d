// Package store keeps the register in a SQLite file. It implements the
// interfaces that package cases declares; no business rule lives here.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"ethicsdesk/cases"
	"ethicsdesk/internal/registerpages"
	"ethicsdesk/internal/safefile"
)

// ApplicationID marks a SQLite file as an Ethics Desk register ("EDSK").
const ApplicationID = 0x4544534b

// DB is an open register: one writer connection, so that writes queue here
// rather than fail with "database is locked", and a pool of readers.
type DB struct {
	Path     string
	write    *sql.DB
	read     *sql.DB
	ReadOnly bool // the file or its folder cannot be written: the window shows a banner
	lock     *registerLock
	memLogin *memoryLogins       // sign-in state of a read-only register, kept in memory
	anchors  registerpages.Cache // keys of register pages (register_pages.go)
	splits   searchSplits        // queries worth scoring on two cores (search_split.go)
}

// Options tune Open; the zero value is right for the application.
type Options struct {
	// BusyTimeoutMS is how long a write waits for another process's write.
	BusyTimeoutMS int
	// ReadOnly opens an existing register read-only even if the file could
	// be written (to look at a copy without any risk of changing it).
	ReadOnly bool
}

// OpenError is a problem opening a register, phrased for the person who
// chose the file.
type OpenError struct {
	Path    string
	Problem string
	Err     error
}

func (e *OpenError) Error() string { return e.Problem }
func (e *OpenError) Unwrap() error { return e.Err }

// Open opens or creates the register at path and brings its schema up to
// date. A file that is not a register this version reads is refused
// before SQLite touches it, and left byte for byte as it was.
func Open(path string, opt Options) (*DB, error) {
	if opt.BusyTimeoutMS == 0 {
		opt.BusyTimeoutMS = 15000
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, &OpenError{Path: path, Problem: fmt.Sprintf("The register path %q is not valid.", path), Err: err}
	}
	fi, statErr := os.Stat(abs)
	isNew := errors.Is(statErr, os.ErrNotExist) || (statErr == nil && fi.Size() == 0)
	if statErr == nil && fi.IsDir() {
		return nil, &OpenError{Path: abs, Problem: fmt.Sprintf("%s is a folder, not a register file.", abs)}
	}
	if statErr == nil && !isNew {
		if _, err := identify(abs); err != nil {
			return nil, err
		}
	}
	readOnly := !isNew && (opt.ReadOnly || !writable(abs))
	if isNew {
		if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
			return nil, &OpenError{Path: abs, Problem: fmt.Sprintf("Cannot create the folder for the register %s: %v.", abs, err), Err: err}
		}
	}
	// Held from before SQLite opens the file until Close, so a restore
	// never replaces a register this process writes to.
	lock := lockShared(abs, !readOnly)
	if isNew {
		if err := create(abs); err != nil {
			lock.release()
			return nil, explain(abs, err)
		}
	}
	if !readOnly {
		// Temporary files of a killed process (an export, a backup): the
		// ones still being written are locked and kept.
		safefile.RemoveStale(filepath.Dir(abs))
		safefile.RemoveStale(DefaultBackupDir(abs))
	}
	db := &DB{Path: abs, ReadOnly: readOnly, lock: lock}
	if readOnly {
		db.memLogin = &memoryLogins{state: map[int64]cases.LoginState{}}
	}
	if err := db.openRetryingWhileBusy(opt, readOnly); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// openRetryingWhileBusy opens the connections, checks the register and
// brings its format up to date, trying again from the connections up while
// SQLite answers "database is locked", until the busy timeout. Copies of
// the program opening one register at the same moment (members starting a
// new version together on a shared folder): while one turns an older
// register's journal into a write-ahead log or migrates it, SQLite can
// refuse another's first statement at once, without waiting out the busy
// timeout (it does so where waiting could deadlock).
func (db *DB) openRetryingWhileBusy(opt Options, readOnly bool) error {
	deadline := time.Now().Add(time.Duration(opt.BusyTimeoutMS) * time.Millisecond)
	for wait := 10 * time.Millisecond; ; wait = min(2*wait, 250*time.Millisecond) {
		err := db.openAndCheck(opt, readOnly)
		if err == nil || !isBusy(err) || time.Now().Add(wait).After(deadline) {
			return err
		}
		db.closePools()
		time.Sleep(wait)
	}
}

// openAndCheck is one try of openRetryingWhileBusy; on failure the caller
// closes the connections it leaves open.
func (db *DB) openAndCheck(opt Options, readOnly bool) error {
	if err := db.openPools(opt, readOnly && readAsIs(db.Path)); err != nil {
		return err
	}
	if readOnly {
		// mode=ro needs to write the -shm file beside a WAL register; on
		// read-only media, read the file as it is.
		if err := db.read.Ping(); err != nil {
			db.closePools()
			if err := db.openPools(opt, true); err != nil {
				return err
			}
		}
	}
	if err := db.checkIdentity(); err != nil {
		return err
	}
	if readOnly {
		return db.checkSchemaVersion()
	}
	if err := db.migrate(context.Background()); err != nil {
		return explain(db.Path, err)
	}
	return nil
}

// isBusy says whether err is SQLite's "database is locked".
func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

// closePools closes both connection pools, keeping the register's lock.
func (db *DB) closePools() {
	if db.read != nil {
		db.read.Close()
		db.read = nil
	}
	if db.write != nil {
		db.write.Close()
		db.write = nil
	}
}

// openPools opens the writer connection and the reader pool.
func (db *DB) openPools(opt Options, immutable bool) error {
	var err error
	if db.write, err = sql.Open(driverName, dsn(db.Path, opt, db.ReadOnly, true, immutable)); err != nil {
		return explain(db.Path, err)
	}
	db.write.SetMaxOpenConns(1)
	db.write.SetConnMaxLifetime(0)
	if db.read, err = sql.Open(driverName, dsn(db.Path, opt, db.ReadOnly, false, immutable)); err != nil {
		return explain(db.Path, err)
	}
	// Every reader stays open once made: database/sql keeps two idle
	// connections unless told otherwise, and closes the others as they
	// come back, so that under a committee's calls at once (the server)
	// each burst opened connections again, re-running the settings above
	// and re-preparing the statements each keeps, on a cold page cache.
	readers := max(4, runtime.NumCPU())
	db.read.SetMaxOpenConns(readers)
	db.read.SetMaxIdleConns(readers)
	return nil
}

// dsn builds the go-sqlite3 connection string. synchronous=FULL because
// go-sqlite3's NORMAL can lose the last commits on power loss; immediate
// transactions so a read-then-write never fails half way with "locked".
func dsn(path string, opt Options, readOnly, writer, immutable bool) string {
	v := url.Values{}
	v.Set("_busy_timeout", fmt.Sprint(opt.BusyTimeoutMS))
	v.Set("_foreign_keys", "on")
	v.Set("_synchronous", "FULL")
	v.Set("_secure_delete", "on") // removed text is overwritten with zeros (retention)
	// Keep each connection's prepared statements: preparing the search
	// statement took longer than running it for a rare word.
	v.Set("_stmt_cache_size", "32")
	if readOnly {
		v.Set("mode", "ro")
		if immutable {
			v.Set("immutable", "1")
		}
	} else {
		v.Set("_journal_mode", "WAL")
	}
	if writer {
		v.Set("_txlock", "immediate")
	} else {
		v.Set("_query_only", "on")
	}
	u := url.URL{Scheme: "file", Opaque: (&url.URL{Path: path}).EscapedPath(), RawQuery: v.Encode()}
	return u.String()
}

// create makes an empty register with 8 KiB pages and WAL; page size can
// only be chosen before the first table exists.
func create(path string) error {
	// SQLite creates a file (and its -wal and -shm, which copy the file's
	// permissions) readable by everyone; the register is its owner's only.
	if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600); err == nil {
		f.Close()
		os.Chmod(path, 0o600)
	}
	db, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath())
	if err != nil {
		return err
	}
	defer db.Close()
	for _, p := range []string{
		"PRAGMA page_size = 8192",
		fmt.Sprintf("PRAGMA application_id = %d", ApplicationID),
		"PRAGMA journal_mode = WAL",
	} {
		if _, err := db.Exec(p); err != nil {
			return err
		}
	}
	return nil
}

// writable decides whether a register opens for writing: not when its
// file or its folder has no write permission (chmod a-w, which marks it
// read-only even for an administrator who could write it anyway), the file
// cannot be opened for writing (read-only media), or the folder cannot take
// the -wal and -shm files.
func writable(path string) bool {
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm()&0o200 == 0 {
		return false
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	f.Close()
	return dirWritable(filepath.Dir(path))
}

func dirWritable(dir string) bool {
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm()&0o200 == 0 {
		return false
	}
	probe, err := os.CreateTemp(dir, ".ethicsdesk-probe-*")
	if err != nil {
		return false
	}
	probe.Close()
	os.Remove(probe.Name())
	return true
}

// readAsIs says whether a read-only register is read as the file stands
// (SQLite's immutable mode), creating no -shm file: when its folder takes
// no files and no -wal file holds commits that the file lacks.
func readAsIs(path string) bool {
	if dirWritable(filepath.Dir(path)) {
		return false
	}
	fi, err := os.Stat(path + "-wal")
	return err != nil || fi.Size() == 0
}

// checkIdentity reads the identity again through SQLite (which sees the
// -wal file too): an unmarked file was already examined by identify.
func (db *DB) checkIdentity() error {
	var appID int64
	if err := db.read.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		return explain(db.Path, err)
	}
	if appID != ApplicationID && appID != 0 {
		return foreignError(db.Path)
	}
	return nil
}

// Close releases both connection pools.
func (db *DB) Close() error {
	var errs []error
	if db.read != nil {
		errs = append(errs, db.read.Close())
	}
	if db.write != nil {
		errs = append(errs, db.write.Close())
	}
	db.lock.release()
	return errors.Join(errs...)
}

// explain turns SQLite's terse errors about a file into sentences.
func explain(path string, err error) error {
	if err == nil {
		return nil
	}
	var oe *OpenError
	if errors.As(err, &oe) {
		return err
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrNotADB:
			return &OpenError{Path: path, Err: err, Problem: fmt.Sprintf("%s is not an Ethics Desk register: it is not a database file, or it is damaged or encrypted.", path)}
		case sqlite3.ErrCorrupt:
			return &OpenError{Path: path, Err: err, Problem: fmt.Sprintf("The register %s is damaged. Restore it from a backup; nothing was changed.", path)}
		case sqlite3.ErrCantOpen:
			return &OpenError{Path: path, Err: err, Problem: fmt.Sprintf("The register %s cannot be opened: check that the file exists and that you may read it.", path)}
		case sqlite3.ErrReadonly:
			return &OpenError{Path: path, Err: err, Problem: fmt.Sprintf("The register %s is read-only.", path)}
		case sqlite3.ErrFull:
			return &OpenError{Path: path, Err: err, Problem: "The disk is full: free some space and try again."}
		}
	}
	if strings.Contains(err.Error(), "file is not a database") {
		return &OpenError{Path: path, Err: err, Problem: fmt.Sprintf("%s is not an Ethics Desk register: it is not a database file.", path)}
	}
	return &OpenError{Path: path, Err: err, Problem: fmt.Sprintf("The register %s could not be opened: %v.", path, err)}
}

// OpenExisting opens a register that must already exist (for commands such
// as check, which must never create an empty file by mistake).
func OpenExisting(path string) (*DB, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, &OpenError{Path: path, Err: err, Problem: fmt.Sprintf("There is no register at %s.", path)}
	}
	if fi.Mode().IsRegular() && fi.Size() == 0 {
		return nil, &OpenError{Path: path, Problem: fmt.Sprintf("%s is empty: it is not an Ethics Desk register. It was left as it is.", path)}
	}
	// An empty database (no tables, unmarked) would become a register on
	// opening: a command that expects one refuses it instead.
	if kind, err := identify(path); err == nil && kind == kindUnmarked {
		if h, _ := readHeader(path); h.UserVersion == 0 {
			return nil, &OpenError{Path: path, Problem: fmt.Sprintf("%s is an empty database, not an Ethics Desk register. It was left as it is.", path)}
		}
	}
	return Open(path, Options{})
}
