package store_test

import (
	"context"
	"strings"
	"testing"
)

// A backup to a place no one can write to (Linux's /proc takes no files,
// not even the administrator's) gives a sentence naming the place and
// saying the register is unchanged; the register still works.
func TestABackupToAPlaceThatTakesNoFilesSaysSo(t *testing.T) {
	db, _ := registerWithCases(t, 1)
	ctx := context.Background()
	_, err := db.Backup(ctx, "/proc/ethicsdesk-backup.db")
	if err == nil || !strings.HasPrefix(err.Error(), "The backup could not be written to /proc: ") || !strings.HasSuffix(err.Error(), "The register was not changed.") {
		t.Fatalf("a backup to /proc: %v", err)
	}
	if _, err := newService(db).CreateCase(ctx, secretary, draft()); err != nil {
		t.Fatalf("the register after the failed backup: %v", err)
	}
}
