package app

import (
	"bytes"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"ethicsdesk/internal/safefile"
	"ethicsdesk/signing"
)

// EnrolmentFormat names the file `ethicsdesk users enrol` writes; Version
// is its layout's version.
const (
	EnrolmentFormat  = "ethicsdesk-enrolment"
	EnrolmentVersion = 1
	// maxEnrolmentSize bounds what is read of a file said to be one: a
	// real one is about 2 kB.
	maxEnrolmentSize = 64 << 10
)

// Enrolment is what a member's laptop needs to connect to the committee
// server the first time: its address, the committee root its certificate
// must chain to, and the user it was made for.
type Enrolment struct {
	Server string
	User   string
	Root   *x509.Certificate
}

type enrolmentFile struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	Server  string `json:"server"`
	User    string `json:"user"`
	Root    string `json:"root"` // PEM
	// RootSHA256 repeats the root's fingerprint for a person to compare
	// with the one the administrator read out.
	RootSHA256 string `json:"root_sha256"`
}

// WriteEnrolment writes e to path; an existing file is replaced only
// with force.
func WriteEnrolment(path string, e Enrolment, force bool) error {
	if _, err := serverAddress(e.Server); err != nil {
		return err
	}
	data, err := json.MarshalIndent(enrolmentFile{Format: EnrolmentFormat, Version: EnrolmentVersion, Server: e.Server,
		User: e.User, Root: string(signing.CertificatePEM(e.Root)), RootSHA256: signing.Fingerprint(e.Root)}, "", "  ")
	if err != nil {
		return err
	}
	return safefile.WriteBytes(path, append(data, '\n'), safefile.Options{Replace: force})
}

// ReadEnrolment reads and checks an enrolment file: anything else (another
// kind of file, a damaged or hostile one) is refused with a sentence.
func ReadEnrolment(path string) (Enrolment, error) {
	bad := func(why string) (Enrolment, error) {
		return Enrolment{}, fmt.Errorf("%s is not an enrolment file Ethics Desk can use: %s Ask the administrator for a new one (ethicsdesk users enrol).", path, why)
	}
	f, err := os.Open(path)
	if err != nil {
		return Enrolment{}, fmt.Errorf("The enrolment file %s cannot be opened (%v).", path, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		return bad("it is not a regular file.")
	}
	data, err := io.ReadAll(io.LimitReader(f, maxEnrolmentSize+1))
	if err != nil {
		return Enrolment{}, fmt.Errorf("The enrolment file %s cannot be read (%v).", path, err)
	}
	if len(data) > maxEnrolmentSize {
		return bad("it is far larger than an enrolment file.")
	}
	if !utf8.Valid(data) {
		return bad("it is not text.")
	}
	var ef enrolmentFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ef); err != nil || ef.Format != EnrolmentFormat {
		return bad("it does not hold an enrolment.")
	}
	if ef.Version != EnrolmentVersion {
		return bad(fmt.Sprintf("it was written by another version of Ethics Desk (enrolment version %d; this program reads version %d).", ef.Version, EnrolmentVersion))
	}
	if _, err := serverAddress(ef.Server); err != nil {
		return bad("its server address is not of the form https://HOST:PORT.")
	}
	root, err := signing.ParseCertificatePEM([]byte(ef.Root))
	if err != nil || !root.IsCA || !root.BasicConstraintsValid {
		return bad("it does not hold the committee's root certificate.")
	}
	if now := time.Now(); now.After(root.NotAfter) || now.Before(root.NotBefore) {
		return bad("the committee root certificate it holds is not valid now.")
	}
	if ef.RootSHA256 != "" && !strings.EqualFold(ef.RootSHA256, signing.Fingerprint(root)) {
		return bad("the fingerprint it states is not that of the root certificate it holds.")
	}
	user := strings.TrimSpace(ef.User)
	if strings.ContainsFunc(user, func(r rune) bool { return r < ' ' || r == 0x7f }) || len(user) > 200 {
		return bad("the user name it holds is not a user name.")
	}
	return Enrolment{Server: strings.TrimRight(ef.Server, "/"), User: user, Root: root}, nil
}

// Enrol reads the enrolment file at path and remembers its root for its
// server's address, so that `--server ADDRESS` (and the sign-in screen)
// connect without more. A different root already remembered for that
// address is not replaced: a file must not be able to move trust quietly.
func Enrol(path string) (Enrolment, error) {
	e, err := ReadEnrolment(path)
	if err != nil {
		return Enrolment{}, err
	}
	if err := Remember(e.Server, e.Root); err != nil {
		return Enrolment{}, err
	}
	return e, nil
}

// Remember keeps root as the committee root trusted for the server at
// address; refused when another root is already trusted there.
func Remember(address string, root *x509.Certificate) error {
	u, err := serverAddress(address)
	if err != nil {
		return err
	}
	path := rememberedRootPath(u.Host)
	if path == "" {
		return errors.New("This computer has no folder for Ethics Desk's settings, so the committee server's root cannot be remembered; give --trust each time.")
	}
	if old, err := os.ReadFile(path); err == nil {
		if prev, perr := signing.ParseCertificatePEM(old); perr == nil && !bytes.Equal(prev.Raw, root.Raw) {
			return fmt.Errorf("This computer already trusts another committee root for %s (SHA-256 %s), not the one given (SHA-256 %s); nothing was changed. If the administrator replaced the root, delete %s and enrol again.",
				address, signing.Fingerprint(prev), signing.Fingerprint(root), path)
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("The committee server's root cannot be remembered: %v", err)
	}
	return safefile.WriteBytes(path, signing.CertificatePEM(root), safefile.Options{Replace: true})
}

// Remembered is the root trusted for the server at address, nil when this
// computer has none.
func Remembered(address string) *x509.Certificate {
	u, err := serverAddress(address)
	if err != nil {
		return nil
	}
	pem, err := os.ReadFile(rememberedRootPath(u.Host))
	if err != nil {
		return nil
	}
	root, err := signing.ParseCertificatePEM(pem)
	if err != nil {
		return nil
	}
	return root
}

// CheckAddress says, in a sentence, why address is not a committee
// server's address (nil when it is one).
func CheckAddress(address string) error {
	_, err := serverAddress(address)
	return err
}

func serverAddress(address string) (*url.URL, error) {
	u, err := url.Parse(address)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%q is not a committee server's address: give it as https://HOST:PORT.", address)
	}
	return u, nil
}
