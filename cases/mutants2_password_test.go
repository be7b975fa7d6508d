package cases_test

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"

	"ethicsdesk/cases"
)

// A new password is at least MinPasswordLength characters (counted as
// characters, so a Chinese password is not refused for its bytes) and at
// most 1024 bytes; the administrator's reset says so at the field.
func TestPasswordLengthAtItsEdges(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	u := k.members[0]
	for _, tc := range []struct {
		name string
		pw   string
		ok   bool
	}{
		{"exactly the minimum", strings.Repeat("p", cases.MinPasswordLength), true},
		{"the minimum in Chinese", strings.Repeat("密", cases.MinPasswordLength), true},
		{"one short of the minimum", strings.Repeat("p", cases.MinPasswordLength-1), false},
		{"exactly 1024 bytes", strings.Repeat("p", 1024), true},
		{"1025 bytes", strings.Repeat("p", 1025), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := k.svc.ResetPassword(ctx, k.admin, u.ID, tc.pw)
			if tc.ok {
				must(t, err)
				if _, err := k.svc.Login(ctx, u.Username, tc.pw); err != nil {
					t.Fatalf("signing in with the new %d-byte password: %v", len(tc.pw), err)
				}
				return
			}
			var fe cases.FieldErrors
			if !errors.As(err, &fe) || fe["password"] == "" {
				t.Fatalf("a %d-character password: %v, want a sentence at password", len([]rune(tc.pw)), err)
			}
			if _, err := k.svc.Login(ctx, u.Username, tc.pw); err == nil {
				t.Fatal("the refused password signs in")
			}
		})
	}
}

// argon2idHash makes a stored hash with the given cost and key length, as
// a later version with higher costs might write it.
func argon2idHash(pw string, memory, passes uint32, keyLen uint32) string {
	salt := make([]byte, 16)
	rand.Read(salt)
	key := argon2.IDKey([]byte(pw), salt, passes, memory, 1, keyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=1$%s$%s", argon2.Version, memory, passes,
		b64.EncodeToString(salt), b64.EncodeToString(key))
}

// A stored hash at the largest cost and key length this program accepts
// still signs its owner in; one beyond is refused as a hash it does not
// know (a tampered file must not make a sign-in exhaust the computer).
func TestStoredHashCostsAtTheirLimits(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	u := k.members[0]
	const secret = "a long enough password"
	for _, tc := range []struct {
		name   string
		hash   string
		signIn bool
	}{
		{"64 passes", argon2idHash(secret, 8, 64, 32), true},
		{"65 passes", argon2idHash(secret, 8, 65, 32), false},
		{"a 128-byte key", argon2idHash(secret, 8, 1, 128), true},
		{"a 129-byte key", argon2idHash(secret, 8, 1, 129), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			must(t, k.db.SetPasswordHash(ctx, u.ID, tc.hash, cases.AuditEntry{Actor: k.admin, Action: "test.hash", Entity: "user", EntityID: u.ID}))
			ok, err := cases.CheckPassword(tc.hash, secret)
			if tc.signIn != (ok && err == nil) {
				t.Fatalf("CheckPassword = %v, %v; want a match %v", ok, err, tc.signIn)
			}
			_, err = k.svc.Login(ctx, u.Username, secret)
			if tc.signIn && err != nil {
				t.Fatalf("signing in with a hash of %s: %v", tc.name, err)
			}
			if !tc.signIn && err == nil {
				t.Fatalf("a hash of %s signed in", tc.name)
			}
		})
	}
}
