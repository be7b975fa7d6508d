package cases_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"

	"ethicsdesk/cases"
)

// A new password of exactly 10 characters and one of exactly 1024 bytes
// are accepted; 9 characters or 1025 bytes are refused at the field.
func TestPasswordLengthsAtTheirEdges(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	for _, tc := range []struct {
		password string
		refusal  string
	}{
		{"ten chars!", ""},
		{"nine char", "The password must have at least 10 characters."},
		{strings.Repeat("密", 341) + "a", ""}, // 1024 bytes
		{strings.Repeat("密", 341) + "ab", "The password is too long: at most 1024 bytes."},
	} {
		err := k.svc.ResetPassword(ctx, k.admin, k.members[0].ID, tc.password)
		var fe cases.FieldErrors
		switch {
		case tc.refusal == "" && err != nil:
			t.Errorf("a password of %d bytes refused: %v", len(tc.password), err)
		case tc.refusal != "" && (!errors.As(err, &fe) || fe["password"] != tc.refusal):
			t.Errorf("a password of %d bytes: %v, want %q", len(tc.password), err, tc.refusal)
		}
		if tc.refusal == "" {
			if _, err := k.svc.Login(ctx, "chen", tc.password); err != nil {
				t.Errorf("the accepted password of %d bytes does not sign in: %v", len(tc.password), err)
			}
		}
	}
}

// A stored hash is trusted up to its limits — 64 passes, a 128-byte
// hash — and refused as malformed beyond them, so a tampered register
// cannot make a login run for ever; within them the right password
// matches and a wrong one does not.
func TestStoredHashLimitsAtTheirEdges(t *testing.T) {
	salt := []byte("0123456789abcdef")
	hash := func(time uint32, keyLen uint32) string {
		key := argon2.IDKey([]byte("the password"), salt, time, 8, 1, keyLen)
		b64 := base64.RawStdEncoding
		return fmt.Sprintf("$argon2id$v=%d$m=8,t=%d,p=1$%s$%s", argon2.Version, time, b64.EncodeToString(salt), b64.EncodeToString(key))
	}
	for _, tc := range []struct {
		name      string
		encoded   string
		malformed bool
	}{
		{"64 passes", hash(64, 32), false},
		{"65 passes", hash(65, 32), true},
		{"a 128-byte hash", hash(1, 128), false},
		{"a 129-byte hash", hash(1, 129), true},
	} {
		ok, err := cases.CheckPassword(tc.encoded, "the password")
		if tc.malformed {
			if ok || err == nil {
				t.Errorf("%s: accepted (%v, %v)", tc.name, ok, err)
			}
			continue
		}
		if !ok || err != nil {
			t.Errorf("%s: the right password does not match (%v)", tc.name, err)
		}
		if ok, err := cases.CheckPassword(tc.encoded, "not the password"); ok || err != nil {
			t.Errorf("%s: a wrong password: %v, %v", tc.name, ok, err)
		}
	}
}

// The reason of a declared conflict holds 500 characters; 501 are refused
// at the field and the member is not recused (their declaration, off the
// panel, is not listed).
func TestAConflictReasonAtItsLengthLimit(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskLow)
	a, b := k.members[0], k.members[1]
	reason := strings.Repeat("利", cases.MaxConflictReason)
	var fe cases.FieldErrors
	if err := k.svc.DeclareInterest(ctx, a, c.ID, true, reason+"x"); !errors.As(err, &fe) || fe["conflict_reason"] != "Too long: at most 500 characters." {
		t.Fatalf("a reason of 501 characters: %v", err)
	}
	must(t, k.svc.DeclareInterest(ctx, b, c.ID, true, reason))
	panel, err := k.svc.OffPanelDeclarations(ctx, k.sec, c.ID)
	must(t, err)
	if len(panel) != 1 || panel[0].UserID != b.ID || !panel[0].Recused() || panel[0].Reason != reason {
		t.Fatalf("the declarations after a 500-character reason: %+v", panel)
	}
}
