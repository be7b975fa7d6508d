package signing

import (
	"bytes"
	"crypto"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/x509"
	"encoding/binary"
	"errors"
	"fmt"

	"ethicsdesk/third_party/argon2"
)

// ErrWrongPassword is returned by OpenKey when the password does not open the
// key (or the sealed key was altered, which cannot be told apart).
var ErrWrongPassword = errors.New("the password is not correct")

// A sealed key is: magic "EDSK", version byte, argon2id time (uint32),
// memory in KiB (uint32), threads (uint8), 16-byte salt, 12-byte nonce,
// then the AES-256-GCM ciphertext of the PKCS#8 key. The header is the GCM
// additional data, so the parameters cannot be changed without detection.
const (
	sealMagic     = "EDSK"
	sealVersion   = 1
	sealSaltLen   = 16
	sealNonceLen  = 12
	sealHeaderLen = len(sealMagic) + 1 + 4 + 4 + 1 + sealSaltLen + sealNonceLen

	// RFC 9106's second recommended setting, affordable on an office laptop.
	argonTime    = 3
	argonMemory  = 64 * 1024
	argonThreads = 4

	// Limits for opening: a tampered header must not make us allocate
	// gigabytes or spin for minutes.
	maxArgonTime   = 20
	maxArgonMemory = 1024 * 1024
)

// SealKey encrypts a private key under a password. The key is stored as
// PKCS#8 inside AES-256-GCM, with the AES key derived by argon2id from the
// password and a random per-blob salt.
func SealKey(key crypto.Signer, password string) ([]byte, error) {
	if key == nil {
		return nil, errors.New("there is no key to protect")
	}
	if password == "" {
		return nil, errors.New("a password is needed to protect the key")
	}
	plain, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("the key type cannot be stored: %w", err)
	}
	defer wipe(plain)
	header := make([]byte, 0, sealHeaderLen)
	header = append(header, sealMagic...)
	header = append(header, sealVersion)
	header = binary.BigEndian.AppendUint32(header, argonTime)
	header = binary.BigEndian.AppendUint32(header, argonMemory)
	header = append(header, argonThreads)
	salt := make([]byte, sealSaltLen+sealNonceLen)
	if _, err := rand.Read(salt); err != nil {
		return nil, err
	}
	header = append(header, salt...)
	aead, err := sealCipher(password, header)
	if err != nil {
		return nil, err
	}
	nonce := header[sealHeaderLen-sealNonceLen:]
	return aead.Seal(header, nonce, plain, header), nil
}

// OpenKey decrypts a key sealed by SealKey. A wrong password gives
// ErrWrongPassword.
func OpenKey(sealed []byte, password string) (crypto.Signer, error) {
	if len(sealed) < sealHeaderLen+16 || !bytes.HasPrefix(sealed, []byte(sealMagic)) {
		return nil, errors.New("the stored key is damaged or is not a protected key")
	}
	if sealed[len(sealMagic)] != sealVersion {
		return nil, errors.New("the stored key was protected by a newer version of the program")
	}
	header := sealed[:sealHeaderLen]
	aead, err := sealCipher(password, header)
	if err != nil {
		return nil, err
	}
	nonce := header[sealHeaderLen-sealNonceLen:]
	plain, err := aead.Open(nil, nonce, sealed[sealHeaderLen:], header)
	if err != nil {
		return nil, ErrWrongPassword
	}
	defer wipe(plain)
	k, err := x509.ParsePKCS8PrivateKey(plain)
	if err != nil {
		return nil, errors.New("the stored key is damaged")
	}
	signer, ok := k.(crypto.Signer)
	if !ok {
		return nil, errors.New("the stored key cannot sign")
	}
	return signer, nil
}

func sealCipher(password string, header []byte) (cipher.AEAD, error) {
	p := header[len(sealMagic)+1:]
	t := binary.BigEndian.Uint32(p[0:4])
	m := binary.BigEndian.Uint32(p[4:8])
	threads := p[8]
	salt := p[9 : 9+sealSaltLen]
	if t == 0 || t > maxArgonTime || m < 8*uint32(max(threads, 1)) || m > maxArgonMemory || threads == 0 {
		return nil, errors.New("the stored key has unsupported protection settings")
	}
	k := argon2.IDKey([]byte(password), salt, t, m, threads, 32)
	defer wipe(k)
	block, err := aes.NewCipher(k)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// wipe clears secret bytes once they are no longer needed; it narrows the
// window in which a memory dump would show them.
func wipe(b []byte) {
	for i := range b {
		b[i] = 0
	}
}
