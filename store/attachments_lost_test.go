package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// An attachment whose stored bytes are gone (deleted with an SQLite tool)
// is reported as damaged, by name, when opened, and check counts it; an
// attachment that does not exist is not found.
func TestAnAttachmentThatLostItsBytesIsReported(t *testing.T) {
	db, path := openTemp(t)
	ctx := context.Background()
	svc := newService(db)
	c, _ := svc.CreateCase(ctx, secretary, draft())
	a, err := svc.AddAttachment(ctx, secretary, c.ID, "minutes.pdf", "application/pdf", []byte("%PDF minutes of the hearing"))
	if err != nil {
		t.Fatal(err)
	}
	rawSQLite(t, path, "PRAGMA foreign_keys = OFF", "DELETE FROM blobs")
	data, _, err := svc.OpenAttachment(ctx, secretary, a.ID)
	var de *cases.DamagedAttachmentError
	if !errors.As(err, &de) || data != nil || !strings.Contains(err.Error(), `The stored copy of "minutes.pdf" is damaged`) {
		t.Fatalf("an attachment without its bytes: %v, %d bytes", err, len(data))
	}
	problems, err := db.Check(ctx)
	if err != nil || !mentions(problems, "1 attachment(s) have lost their stored bytes") {
		t.Fatalf("check: %q %v", problems, err)
	}
	if _, _, err := svc.OpenAttachment(ctx, secretary, a.ID+10); !errors.Is(err, cases.ErrNotFound) {
		t.Fatalf("no such attachment: %v", err)
	}
}

// A size limit setting that is missing, not a number, zero or negative
// means the default limit, not "nothing can be attached".
func TestAnUnusableAttachmentLimitMeansTheDefault(t *testing.T) {
	db, path := openTemp(t)
	ctx := context.Background()
	for _, stmt := range []string{
		"INSERT OR REPLACE INTO settings (key, value) VALUES ('attachment_max_bytes', 'fifty megabytes')",
		"INSERT OR REPLACE INTO settings (key, value) VALUES ('attachment_max_bytes', '0')",
		"INSERT OR REPLACE INTO settings (key, value) VALUES ('attachment_max_bytes', '-5')",
		"DELETE FROM settings WHERE key = 'attachment_max_bytes'",
	} {
		rawSQLite(t, path, stmt)
		if n, err := db.AttachmentMaxBytes(ctx); n != cases.DefaultAttachmentMaxBytes || err != nil {
			t.Fatalf("after %s: the limit is %d (%v)", stmt, n, err)
		}
	}
}
