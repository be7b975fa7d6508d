package store

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"

	"ethicsdesk/internal/safefile"
)

// The identity of a file is read from its first 100 bytes, the SQLite
// header, before SQLite opens it: opening with the register's settings
// would switch the file to WAL, which must not happen to a file that is not
// ours or is newer than this version.

// fileKind is what the header says a non-empty file is.
type fileKind int

const (
	kindRegister fileKind = iota // carries the register's application_id
	kindUnmarked                 // SQLite without an application_id: an old register, an empty database or another program's
)

// sqliteHeader is the part of the header that matters here.
type sqliteHeader struct {
	UserVersion   int
	ApplicationID uint32
}

func readHeader(path string) (sqliteHeader, error) {
	f, err := os.Open(path)
	if err != nil {
		return sqliteHeader{}, err
	}
	defer f.Close()
	var b [100]byte
	if _, err := io.ReadFull(f, b[:]); err != nil {
		return sqliteHeader{}, errNotSQLite
	}
	if !bytes.Equal(b[:16], []byte("SQLite format 3\x00")) {
		return sqliteHeader{}, errNotSQLite
	}
	return sqliteHeader{
		UserVersion:   int(int32(binary.BigEndian.Uint32(b[60:64]))),
		ApplicationID: binary.BigEndian.Uint32(b[68:72]),
	}, nil
}

var errNotSQLite = errors.New("not a SQLite file")

// identify refuses, without writing anything, a file that is not a
// register this version can open: not SQLite, another program's database,
// or a register from a newer version.
func identify(path string) (fileKind, error) {
	h, err := readHeader(path)
	if errors.Is(err, errNotSQLite) {
		return 0, &OpenError{Path: path, Problem: fmt.Sprintf("%s is not an Ethics Desk register: it is not a database file. It was left as it is.", path)}
	}
	if err != nil {
		return 0, explain(path, err)
	}
	switch h.ApplicationID {
	case ApplicationID:
	case 0:
		if err := checkUnmarked(path, h); err != nil {
			return 0, err
		}
		return kindUnmarked, nil
	default:
		return 0, foreignError(path)
	}
	if latest := SchemaVersion(); h.UserVersion > latest {
		return 0, newerError(path, h.UserVersion, latest)
	}
	return kindRegister, nil
}

func foreignError(path string) error {
	return &OpenError{Path: path, Problem: fmt.Sprintf("%s is a database of another program, not an Ethics Desk register. It was left as it is.", path)}
}

func newerError(path string, v, latest int) error {
	return &OpenError{Path: path, Problem: fmt.Sprintf(
		"%s was saved by a newer version of Ethics Desk (register format %d; this version reads up to %d). Install the newer version to open it; the file was not changed.",
		path, v, latest)}
}

// checkUnmarked accepts a SQLite file without an application_id only if it
// is an empty database or a register made before registers were marked
// (its tables are the register's); it reads it read-only, with no pragma
// that writes.
func checkUnmarked(path string, h sqliteHeader) error {
	raw, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro")
	if err != nil {
		return explain(path, err)
	}
	defer raw.Close()
	var tables, ours int
	err = raw.QueryRow(`SELECT count(*), count(*) FILTER (WHERE name IN ('cases', 'users', 'audit_log', 'reference_counters'))
		FROM sqlite_master WHERE type = 'table'`).Scan(&tables, &ours)
	if err != nil {
		return explain(path, err)
	}
	switch {
	case tables == 0 && h.UserVersion == 0:
		return nil // an empty database: it becomes a register
	case ours == 4 && h.UserVersion > 0:
		if latest := SchemaVersion(); h.UserVersion > latest {
			return newerError(path, h.UserVersion, latest)
		}
		return nil // a register from before the marking: marked on upgrade
	}
	return foreignError(path)
}

// IsRegisterFile reports whether path is a SQLite file marked as an Ethics
// Desk register (without opening it with SQLite).
func IsRegisterFile(path string) bool { return safefile.IsRegisterFile(path) }
