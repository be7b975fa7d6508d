package cases_test

import (
	"context"
	"errors"
	"testing"

	"ethicsdesk/cases"
)

// The attachment size limit the administrator saves is the one read back,
// at both edges of its range; one byte outside either edge is refused at
// the field and the limit stays as it was.
func TestAttachmentLimitSavedAtItsEdges(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		bytes int64
		ok    bool
	}{
		{"1 MB exactly", 1 << 20, true},
		{"500 MB exactly", cases.MaxAttachmentLimit, true},
		{"2 MB", 2 << 20, true},
		{"one byte under 1 MB", 1<<20 - 1, false},
		{"one byte over 500 MB", cases.MaxAttachmentLimit + 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, err := k.svc.Settings(ctx)
			must(t, err)
			st := before
			st.AttachmentMaxBytes = tc.bytes
			err = k.svc.SaveSettings(ctx, k.admin, st)
			after, rerr := k.svc.Settings(ctx)
			must(t, rerr)
			if tc.ok {
				must(t, err)
				if after.AttachmentMaxBytes != tc.bytes {
					t.Fatalf("saved a limit of %d bytes, read back %d", tc.bytes, after.AttachmentMaxBytes)
				}
				return
			}
			var fe cases.FieldErrors
			if !errors.As(err, &fe) || fe["attachment_max_bytes"] == "" {
				t.Fatalf("a limit of %d bytes: %v, want a sentence at attachment_max_bytes", tc.bytes, err)
			}
			if after.AttachmentMaxBytes != before.AttachmentMaxBytes {
				t.Fatalf("a refused limit changed it from %d to %d", before.AttachmentMaxBytes, after.AttachmentMaxBytes)
			}
		})
	}
}

// Saving the settings without an attachment limit (0) keeps the limit
// already set rather than resetting it.
func TestSettingsSavedWithoutAnAttachmentLimitKeepTheCurrentOne(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	st := cases.DefaultSettings
	st.AttachmentMaxBytes = 3 << 20
	must(t, k.svc.SaveSettings(ctx, k.admin, st))
	st.AttachmentMaxBytes = 0
	st.Quorum = 4
	must(t, k.svc.SaveSettings(ctx, k.admin, st))
	got, err := k.svc.Settings(ctx)
	must(t, err)
	if got.AttachmentMaxBytes != 3<<20 || got.Quorum != 4 {
		t.Fatalf("after a save without a limit: %+v, want the 3 MB limit kept and a quorum of 4", got)
	}
}

// A stored attachment limit of 0 or less (written by another program)
// reads as the default, not as "nothing may be attached".
func TestStoredAttachmentLimitNotAboveZeroReadsAsTheDefault(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	for _, stored := range []string{"0", "-5", "many"} {
		must(t, k.db.SaveSettings(ctx, map[string]string{"attachment_max_bytes": stored},
			cases.AuditEntry{Actor: k.admin, Action: "test.settings", Entity: "settings"}))
		st, err := k.svc.Settings(ctx)
		must(t, err)
		if st.AttachmentMaxBytes != cases.DefaultAttachmentMaxBytes {
			t.Errorf("a stored limit of %q reads as %d, want the default %d", stored, st.AttachmentMaxBytes, cases.DefaultAttachmentMaxBytes)
		}
	}
}
