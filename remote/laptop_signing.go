package remote

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"ethicsdesk/cases"
	"ethicsdesk/internal/safefile"
	"ethicsdesk/signing"
)

// A member's signing key lives on their laptop when they work on the
// committee server: the server prepares the document, this computer
// signs it, the server checks the signature. The key file is
// KEYFOLDER/USERNAME.pem, the key sealed under the member's password.

// SetKeyFolder says where this computer keeps members' signing keys for
// this server.
func (c *Client) SetKeyFolder(dir string) { c.keyDir = dir }

// KeyFile is where this computer keeps username's signing key.
func (c *Client) KeyFile(username string) string {
	if c.keyDir == "" {
		return ""
	}
	safe := strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r < ' ' {
			return '_'
		}
		return r
	}, username)
	return filepath.Join(c.keyDir, safe+".pem")
}

// NoLaptopKeyError says this computer has no signing key for the member.
type NoLaptopKeyError struct{ User, Server string }

func (e *NoLaptopKeyError) Error() string {
	return fmt.Sprintf("This computer has no signing key for %s yet, so nothing was signed. Move your key here once with: ethicsdesk keys fetch --server %s --user %s (or import your certificate file: ethicsdesk keys import FILE.p12 --server %s --user %s).",
		e.User, e.Server, e.User, e.Server, e.User)
}

// ErrLaptopKeyPassword is returned when the server accepted the password
// but the key on this computer does not open with it.
var ErrLaptopKeyPassword = errors.New("Your password is correct, but your signing key on this computer does not open with it, so nothing was signed: it is still sealed under the password you had when it came here (a reset, or a change made on another computer, does not reach it). Ask the administrator to issue you a new key and move it here, or import your certificate file again.")

func (c *Client) laptopKey(username string) (*signing.LaptopKey, error) {
	path := c.KeyFile(username)
	if path == "" {
		return nil, &NoLaptopKeyError{User: username, Server: c.base}
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, &NoLaptopKeyError{User: username, Server: c.base}
	}
	if err != nil {
		return nil, fmt.Errorf("Your signing key file %s cannot be read: %v", path, err)
	}
	k, err := signing.ParseLaptopKey(data)
	if err != nil {
		return nil, fmt.Errorf("Your signing key file %s cannot be used: %v.", path, err)
	}
	return k, nil
}

// SignOpinion signs the case's opinion with the key on this computer:
// the server checks the rules and the password (a wrong one counts toward
// the lockout there) and prepares the document, this computer makes the
// signature, and the server checks it before storing the signed opinion.
func (c *Client) SignOpinion(ctx context.Context, actor cases.User, caseID int64, password string) (cases.Opinion, error) {
	key, err := c.laptopKey(actor.Username)
	if err != nil {
		return cases.Opinion{}, err
	}
	prep, err := c.PrepareSignature(ctx, actor, caseID, password)
	if err != nil {
		return cases.Opinion{}, err
	}
	id, err := key.Open(password)
	if errors.Is(err, signing.ErrWrongPassword) {
		return cases.Opinion{}, ErrLaptopKeyPassword
	}
	if err != nil {
		return cases.Opinion{}, fmt.Errorf("Your signing key on this computer cannot be used: %v. Nothing was signed.", err)
	}
	cms, err := signing.SignPrepared(&signing.Prepared{PDF: prep.PDF, ByteRange: prep.ByteRange}, id)
	if err != nil {
		return cases.Opinion{}, fmt.Errorf("The document the server prepared could not be signed: %v. Nothing was signed.", err)
	}
	return c.CompleteSignature(ctx, actor, caseID, prep.ID, cms)
}

// FetchSigningKey moves the member's sealed key from the server to this
// computer: the server hands it over (password checked), this computer
// stores it and checks it opens, then the server forgets it and keeps the
// certificate. It returns the key file's path.
func (c *Client) FetchSigningKey(ctx context.Context, actor cases.User, password string) (string, error) {
	path := c.KeyFile(actor.Username)
	if path == "" {
		return "", errors.New("This computer has no folder for signing keys (no configuration folder).")
	}
	handed, err := c.HandOverSigningKey(ctx, actor, password)
	if err != nil {
		return "", err
	}
	cert, err := x509.ParseCertificate(handed.Cert)
	if err != nil {
		return "", fmt.Errorf("The certificate the server sent cannot be read: %v", err)
	}
	chain, err := x509.ParseCertificates(handed.Chain)
	if err != nil {
		return "", fmt.Errorf("The certificate chain the server sent cannot be read: %v", err)
	}
	key := &signing.LaptopKey{Sealed: handed.Sealed, Cert: cert, Chain: chain}
	if _, err := key.Open(password); err != nil {
		return "", fmt.Errorf("The key the server holds for you does not open with your password (%v); it was left on the server. Ask the administrator to issue you a new key.", err)
	}
	if err := c.keepLaptopKey(path, key); err != nil {
		return "", err
	}
	return path, c.ConfirmKeyMoved(ctx, actor, certSum(cert))
}

// ImportLaptopKey keeps the key of a PKCS#12 file on this computer,
// sealed under the member's password; the certificate must be the one
// the server has on file for the member (which then forgets any sealed
// copy of the key it kept).
func (c *Client) ImportLaptopKey(ctx context.Context, actor cases.User, p12 []byte, p12Password, password string) (string, error) {
	path := c.KeyFile(actor.Username)
	if path == "" {
		return "", errors.New("This computer has no folder for signing keys (no configuration folder).")
	}
	if err := c.VerifyPassword(ctx, actor, password); err != nil {
		return "", err
	}
	key, err := signing.LaptopKeyFromPKCS12(p12, p12Password, password)
	if err != nil {
		return "", fmt.Errorf("The certificate file cannot be used: %v.", err)
	}
	if err := c.ConfirmKeyMoved(ctx, actor, certSum(key.Cert)); err != nil {
		return "", err
	}
	return path, c.keepLaptopKey(path, key)
}

func (c *Client) keepLaptopKey(path string, key *signing.LaptopKey) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("The folder for your signing key cannot be made: %v", err)
	}
	return safefile.WriteBytes(path, key.Marshal(), safefile.Options{Replace: true})
}

// ChangePassword changes the password on the server and seals the key on
// this computer (if there is one) under the new password, so the member
// keeps signing with the password they sign in with.
func (c *Client) ChangePassword(ctx context.Context, actor cases.User, current string, password string) error {
	key, kerr := c.laptopKey(actor.Username)
	var id *signing.Identity
	if kerr == nil {
		var err error
		if id, err = key.Open(current); err != nil {
			id = nil // sealed under another password: left as it is
		}
	}
	wireIn := argsChangePassword{Current: current, Password: password}
	var wireOut resultsChangePassword
	if err := c.call(ctx, "ChangePassword", &wireIn, &wireOut); err != nil || id == nil {
		return err
	}
	sealed, err := signing.SealKey(id.Key, password)
	if err != nil {
		return err
	}
	key.Sealed = sealed
	if err := c.keepLaptopKey(c.KeyFile(actor.Username), key); err != nil {
		return fmt.Errorf("Your password was changed, but your signing key on this computer could not be sealed under it: %v", err)
	}
	return nil
}

func certSum(cert *x509.Certificate) string {
	sum := sha256.Sum256(cert.Raw)
	return hex.EncodeToString(sum[:])
}
