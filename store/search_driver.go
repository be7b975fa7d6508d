package store

import (
	"database/sql"
	"sync/atomic"

	"github.com/mattn/go-sqlite3"

	"ethicsdesk/textindex"
)

// driverName is the go-sqlite3 driver with the register's own SQL functions.
// Every connection to a register must use it: the search triggers of
// migration 0004 call these functions, so a connection without them could
// not write a case, a note or an opinion.
const driverName = "sqlite3_ethicsdesk"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		// Pure (deterministic): the same text always indexes the same way,
		// which the triggers rely on to remove a row's old words.
		if err := c.RegisterFunc("ed_index_text", textindex.IndexText, true); err != nil {
			return err
		}
		// Bulk imports suspend the insert triggers on their connection and
		// index each batch with one statement at the end (see
		// indexImportedBatch): FTS5 writes its pending words to disk at
		// every statement savepoint, so row-by-row triggers would make a
		// tiny index segment per row and seeding 100,000 cases eight times
		// slower. Deletes and updates are never suspended.
		// A statement that fires triggers keeps a statement journal so it
		// can be undone on its own; on disk (the default) that costs a
		// temporary file per insert of a case with its nine indexes.
		if _, err := c.Exec("PRAGMA temp_store = MEMORY", nil); err != nil {
			return err
		}
		var suspended atomic.Bool
		if err := c.RegisterFunc("ed_index_live", func() bool { return !suspended.Load() }, false); err != nil {
			return err
		}
		return c.RegisterFunc("ed_suspend_index", func(on bool) bool { suspended.Store(on); return on }, false)
	}})
}
