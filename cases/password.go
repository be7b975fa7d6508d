package cases

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"

	"ethicsdesk/internal/passwordcost"
	"ethicsdesk/third_party/argon2"
)

// MinPasswordLength is the shortest password an account may have.
const MinPasswordLength = 10

// argonParams are the argon2id cost parameters of a stored hash. New hashes
// are made with passwordcost.Current(): 19 MiB, 2 passes, 1 lane, OWASP's
// minimum for argon2id, which keeps a login well under a second on a modest
// office computer. They are written into every hash, so raising them later
// does not lock anyone out.
type argonParams struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

const argonKeyLen = 32

// HashPassword returns the PHC-style encoding of an argon2id hash of pw:
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>, base64 without padding.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	p := passwordcost.Current()
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

var errBadHash = errors.New("the stored password hash is not in a format this program knows")

// CheckPassword reports whether pw matches encoded, comparing in constant
// time. An empty or malformed hash never matches.
func CheckPassword(encoded, pw string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errBadHash
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errBadHash
	}
	var p argonParams
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return false, errBadHash
	}
	// Refuse absurd costs from a tampered file rather than exhaust memory.
	if p.Memory == 0 || p.Memory > 1<<21 || p.Time == 0 || p.Time > 64 || p.Threads == 0 {
		return false, errBadHash
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, errBadHash
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 || len(want) > 128 {
		return false, errBadHash
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// dummyHash is checked against when the user name is unknown, so that a
// wrong name takes as long as a wrong password and timing reveals nothing.
// It is made on first use, not at start-up: hashing costs 19 MiB and about
// 100 ms, which every command and every window start would otherwise pay.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword("not a real password")
	return h
})

// PreparePasswordCheck makes the working memory of a coming password
// check ready, on a goroutine of its own, and returns at once
// (argon2.Prepare): the check then takes none of the ~9,900 page faults
// of 19 MiB new to the process, which at start-up, beside the threads
// starting the window, took longer than the hashing. Call it where a
// check is sure to follow soon on this computer: a window started with
// --user, the sign-in window of a register on this computer. Memory
// prepared for the current cost waits for the first check of a hash
// made at that cost.
func PreparePasswordCheck() {
	p := passwordcost.Current()
	argon2.Prepare(p.Memory, p.Threads)
}

// ValidatePassword says what is wrong with a new password, or "".
func ValidatePassword(pw string) string {
	if n := len([]rune(pw)); n < MinPasswordLength {
		return fmt.Sprintf("The password must have at least %d characters.", MinPasswordLength)
	}
	if len(pw) > 1024 {
		return "The password is too long: at most 1024 bytes."
	}
	return ""
}
