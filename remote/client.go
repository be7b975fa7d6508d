package remote

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/signing"
)

// Client is cases.API over a committee server. It holds one user's
// session: Login (or Bootstrap) opens it, SignOut ends it. It never sends
// who is acting; the server acts as the user the session belongs to.
type Client struct {
	base  string
	http  *http.Client
	root  *x509.Certificate
	mu    sync.Mutex
	token string
	// lastErr is the last failure of a call whose method has no error
	// result (the permission questions); they answer "no" then.
	lastErr error
	// keyDir is where members' signing keys are kept on this computer.
	keyDir string
}

var _ cases.API = (*Client)(nil)

// Dial prepares a client of the server at address (https://host:port),
// trusting only certificates issued by root, the committee's root
// certificate. Nothing is sent until the first call.
func Dial(address string, root *x509.Certificate) (*Client, error) {
	u, err := url.Parse(address)
	if err != nil || u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("%q is not a committee server's address: give it as https://HOST:PORT.", address)
	}
	if root == nil {
		return nil, errors.New("To connect to a committee server, give the committee's root certificate with --trust ROOT.pem (the administrator has it: ethicsdesk root).")
	}
	pool := x509.NewCertPool()
	pool.AddCert(root)
	// Calls reuse kept-alive HTTP/1.1 connections (one for calls made one
	// after another, up to 8 kept for calls made at the same time): no
	// handshake per call. Not HTTP/2, which the server also offers: over
	// loopback a register page took longer at the 95th percentile with it
	// (more hand-overs between goroutines per call; BenchmarkOverLoopback).
	tr := &http.Transport{
		TLSClientConfig:     &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS13},
		TLSHandshakeTimeout: 10 * time.Second,
		MaxIdleConnsPerHost: 8,
		IdleConnTimeout:     90 * time.Second,
	}
	return &Client{base: strings.TrimRight(u.String(), "/"), root: root,
		http: &http.Client{Transport: tr, Timeout: 5 * time.Minute}}, nil
}

// Address is the server's address as given to Dial.
func (c *Client) Address() string { return c.base }

// Now and Today are this computer's clock.
func (c *Client) Now() time.Time    { return time.Now() }
func (c *Client) Today() cases.Date { return cases.DateOf(time.Now()) }

// SignOut ends the session on the server.
func (c *Client) SignOut(ctx context.Context) error {
	err := c.post(ctx, signOutPath, struct{}{}, nil)
	c.mu.Lock()
	c.token = ""
	c.mu.Unlock()
	return err
}

func (c *Client) noteError(err error) {
	if err != nil {
		c.mu.Lock()
		c.lastErr = err
		c.mu.Unlock()
	}
}

// call sends one method's arguments and decodes its results into out.
func (c *Client) call(ctx context.Context, name string, in, out any) error {
	if err := refusedRemotely[name]; err != nil {
		return err
	}
	return c.post(ctx, callPath+name, in, out)
}

func (c *Client) post(ctx context.Context, path string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(headerVersion, version())
	c.mu.Lock()
	tok := c.token
	c.mu.Unlock()
	if id, secret, ok := splitToken(tok); ok {
		req = bindToConnection(req, id, secret)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return c.transportError(err)
	}
	// Read the answer to its end (the JSON encoder's newline included):
	// a connection whose answer was left unread is closed, not reused.
	defer func() {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
	}()
	if theirs := resp.Header.Get(headerVersion); theirs != version() {
		return &VersionError{Server: c.base, Ours: version(), Theirs: orNone(theirs)}
	}
	if tok := resp.Header.Get(headerSession); tok != "" {
		c.mu.Lock()
		c.token = tok
		c.mu.Unlock()
	}
	// The results are decoded straight into out (a pointer), in one pass
	// over the answer (answers.go): a register page is read once, not
	// twice.
	var r struct {
		Result any        `json:"result"`
		Error  *wireError `json:"error"`
	}
	if out != nil {
		r.Result = out
	}
	answer, err := readAnswer(resp)
	if err == nil {
		err = unmarshalAnswer(answer, &r)
	}
	if err != nil {
		return fmt.Errorf("The committee server at %s sent an answer this program cannot read (%v).", c.base, err)
	}
	if r.Error != nil {
		if r.Error.Code == "session" {
			return ErrSessionEnded
		}
		return decodeError(*r.Error)
	}
	return nil
}

// transportError says why the server could not be talked to, in a
// sentence; a certificate the committee's root did not issue is refused.
func (c *Client) transportError(err error) error {
	var unknown x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	var host x509.HostnameError
	var verify *tls.CertificateVerificationError
	switch {
	case errors.As(err, &unknown), errors.As(err, &verify) && !errors.As(err, &host) && !errors.As(err, &invalid):
		return &UntrustedServerError{Server: c.base, Root: signing.Fingerprint(c.root)}
	case errors.As(err, &host):
		return fmt.Errorf("The committee server at %s presented a certificate for another name (%v); nothing was sent to it. Use the address the administrator gave.", c.base, host.Error())
	case errors.As(err, &invalid):
		return fmt.Errorf("The committee server at %s presented a certificate that is not valid now (%v); nothing was sent to it. Ask the administrator to restart the server.", c.base, invalid.Error())
	}
	return unreachable(c.base, err)
}

// UntrustedServerError refuses a server whose certificate was not issued by
// the committee's root this program trusts.
type UntrustedServerError struct {
	Server string
	Root   string // SHA-256 fingerprint of the trusted root
}

func (e *UntrustedServerError) Error() string {
	return fmt.Sprintf("The server at %s did not prove that it is the committee's server: its certificate was not issued by the committee's root you trust (SHA-256 %s). Nothing was sent to it. Check the address, and the root certificate the administrator gave you.",
		e.Server, e.Root)
}

// bindToConnection sends the session's ID with the request and, once the
// transport has chosen the TLS connection it goes on, the proof that this
// connection knows the session's secret (sessions.go, bindingLabel). The
// proof is set before the request is written: GotConn runs on the calling
// goroutine between choosing the connection and writing to it.
func bindToConnection(req *http.Request, id string, secret []byte) *http.Request {
	req.Header.Set(headerSession, id)
	trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		if tc, ok := info.Conn.(*tls.Conn); ok {
			cs := tc.ConnectionState()
			if proof, ok := bindingProof(&cs, secret); ok {
				req.Header.Set(headerBinding, proof)
			}
		}
	}}
	return req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
}
