package signing

import (
	"crypto/ecdsa"
	"crypto/x509"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
)

// sealedWith seals key as SealKey does, but with the given argon2id
// settings in the header (another version of the program, or a tampered
// file, may carry any).
func sealedWith(t *testing.T, key *ecdsa.PrivateKey, password string, time, memory uint32, threads uint8) []byte {
	t.Helper()
	plain, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	header := append([]byte(sealMagic), sealVersion)
	header = binary.BigEndian.AppendUint32(header, time)
	header = binary.BigEndian.AppendUint32(header, memory)
	header = append(header, threads)
	header = append(header, make([]byte, sealSaltLen+sealNonceLen)...)
	aead, err := sealCipher(password, header)
	if err != nil {
		return append(header, make([]byte, 64)...) // settings refused: any body
	}
	return aead.Seal(header, header[sealHeaderLen-sealNonceLen:], plain, header)
}

// A key sealed with argon2id settings inside the limits opens with its
// password, at the limits too (20 passes; 8 KiB of memory per thread);
// settings past them are refused before any work, whatever the password.
func TestSealedKeySettingsAreCheckedAtTheirLimits(t *testing.T) {
	fx := newFixture(t)
	key := fx.rapporteur.Key.(*ecdsa.PrivateKey)
	const pw = "correct horse battery staple"
	for _, c := range []struct {
		name         string
		time, memory uint32
		threads      uint8
		opens        bool
	}{
		{"one pass", 1, 64, 1, true},
		{"the most passes", maxArgonTime, 64, 1, true},
		{"one pass too many", maxArgonTime + 1, 64, 1, false},
		{"no pass", 0, 64, 1, false},
		{"the least memory for four threads", 1, 32, 4, true},
		{"too little memory for four threads", 1, 31, 4, false},
		{"the least memory for one thread", 1, 8, 1, true},
		{"too little memory for one thread", 1, 7, 1, false},
		{"no thread", 1, 64, 0, false},
		{"more memory than allowed", 1, maxArgonMemory + 1, 1, false},
	} {
		k, err := OpenKey(sealedWith(t, key, pw, c.time, c.memory, c.threads), pw)
		switch {
		case c.opens && (err != nil || !k.(*ecdsa.PrivateKey).Equal(key)):
			t.Errorf("%s (t=%d, m=%d KiB, p=%d): the key does not open: %v", c.name, c.time, c.memory, c.threads, err)
		case !c.opens && (err == nil || !strings.Contains(err.Error(), "unsupported protection settings")):
			t.Errorf("%s (t=%d, m=%d KiB, p=%d): got %v, want the settings refused", c.name, c.time, c.memory, c.threads, err)
		}
	}
}

// A laptop's signing key file reads back as written (the sealed key, the
// certificate, its issuers) and opens with its password only; a file
// without a sealed key, or whose key belongs to another certificate, is
// refused with a sentence.
func TestALaptopKeyFileReadsBackAndOpens(t *testing.T) {
	fx := newFixture(t)
	const pw = "laptop password"
	sealed := sealedWith(t, fx.chair.Key.(*ecdsa.PrivateKey), pw, 1, 64, 1)
	file := (&LaptopKey{Sealed: sealed, Cert: fx.chair.Cert, Chain: fx.chair.Chain}).Marshal()
	k, err := ParseLaptopKey(file)
	if err != nil {
		t.Fatal(err)
	}
	if !k.Cert.Equal(fx.chair.Cert) || len(k.Chain) != len(fx.chair.Chain) || !k.Chain[0].Equal(fx.root.Cert) {
		t.Fatalf("the key file reads back as certificate %v with %d issuers", k.Cert.Subject, len(k.Chain))
	}
	id, err := k.Open(pw)
	if err != nil || !id.Key.(*ecdsa.PrivateKey).Equal(fx.chair.Key) {
		t.Fatalf("the key file does not open with its password: %v", err)
	}
	if _, err := k.Open("not it"); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("a wrong password: %v", err)
	}
	if _, err := ParseLaptopKey(CertificatePEM(fx.chair.Cert)); err == nil || !strings.Contains(err.Error(), "not an Ethics Desk signing key file") {
		t.Errorf("a file with a certificate only: %v", err)
	}
	other := &LaptopKey{Sealed: sealed, Cert: fx.rapporteur.Cert}
	if _, err := other.Open(pw); err == nil || !strings.Contains(err.Error(), "does not belong to its certificate") {
		t.Errorf("a key for another certificate: %v", err)
	}
}

// The shortest sealed key is its header and the 16-byte tag of an empty
// ciphertext. It is opened, not refused as not a key: a wrong password
// says so (the program then asks again), and the right one finds no key
// inside. A byte less cannot be a sealed key at all.
func TestTheShortestSealedKeyIsOpenedBeforeItIsJudged(t *testing.T) {
	const pw = "laptop password"
	header := append([]byte(sealMagic), sealVersion)
	header = binary.BigEndian.AppendUint32(header, 1)
	header = binary.BigEndian.AppendUint32(header, 8)
	header = append(header, 1)
	header = append(header, make([]byte, sealSaltLen+sealNonceLen)...)
	aead, err := sealCipher(pw, header)
	if err != nil {
		t.Fatal(err)
	}
	sealed := aead.Seal(header, header[sealHeaderLen-sealNonceLen:], nil, header)
	if len(sealed) != sealHeaderLen+16 {
		t.Fatalf("an empty sealed key is %d bytes, want %d", len(sealed), sealHeaderLen+16)
	}
	if _, err := OpenKey(sealed, "another password"); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("the shortest sealed key with a wrong password: got %v, want %v", err, ErrWrongPassword)
	}
	if _, err := OpenKey(sealed, pw); err == nil || err.Error() != "the stored key is damaged" {
		t.Errorf("the shortest sealed key with its password: got %v, want the key found damaged", err)
	}
	if _, err := OpenKey(sealed[:len(sealed)-1], pw); err == nil || !strings.Contains(err.Error(), "is not a protected key") {
		t.Errorf("a sealed key a byte too short: got %v, want it refused as not a key", err)
	}
}
