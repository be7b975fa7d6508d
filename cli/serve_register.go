package cli

import (
	"context"
	"fmt"

	"ethicsdesk/app"
	"ethicsdesk/pgstore"
	"ethicsdesk/store"
)

// servedRegister is the register a server runs over, file or database.
type servedRegister interface {
	app.Register
	Close() error
}

// openServed opens the register `serve` runs over: the file at dbPath, or
// the PostgreSQL database pgURL; where names it for the server's banner.
func openServed(ctx context.Context, dbPath, pgURL string) (reg servedRegister, where string, err error) {
	if pgURL != "" {
		db, err := pgstore.Open(ctx, pgURL)
		if err != nil {
			return nil, "", err
		}
		return db, "the " + db.Source, nil
	}
	db, err := store.OpenExisting(dbPath)
	if err != nil {
		return nil, "", err
	}
	if db.ReadOnly {
		db.Close()
		return nil, "", fmt.Errorf("%s can only be read here; the server needs to write to it.", dbPath)
	}
	return db, dbPath, nil
}
