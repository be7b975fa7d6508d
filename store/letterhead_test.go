package store_test

import (
	"context"
	"testing"

	"ethicsdesk/store"
)

// Documents carry the default letterhead until the committee's own is
// set; a name set without an address keeps the default address.
func TestTheCommitteeLetterhead(t *testing.T) {
	db, path := openTemp(t)
	ctx := context.Background()
	name, address, err := db.CommitteeLetterhead(ctx)
	if err != nil || name != store.DefaultCommitteeName || address != store.DefaultCommitteeAddress {
		t.Fatalf("a new register: %q %q %v", name, address, err)
	}
	rawSQLite(t, path, "INSERT OR REPLACE INTO settings (key, value) VALUES ('committee_name', 'Nanshan AI Ethics Committee')",
		"INSERT OR REPLACE INTO settings (key, value) VALUES ('committee_address', '')")
	name, address, err = db.CommitteeLetterhead(ctx)
	if err != nil || name != "Nanshan AI Ethics Committee" || address != store.DefaultCommitteeAddress {
		t.Fatalf("a name of its own: %q %q %v", name, address, err)
	}
}
