package store

import (
	"database/sql"

	"github.com/mattn/go-sqlite3"

	"ethicsdesk/textindex"
)

// driverName is the go-sqlite3 driver with the register's own SQL functions.
// Every connection to a register must use it: the search triggers of
// migration 0004 call ed_index_text, so a connection without it could not
// write a case, a note or an opinion.
const driverName = "sqlite3_ethicsdesk"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		// Pure (deterministic): the same text always indexes the same way,
		// which lets SQLite use it in triggers and expressions freely.
		return c.RegisterFunc("ed_index_text", textindex.IndexText, true)
	}})
}
