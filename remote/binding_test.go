package remote_test

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"strings"
	"testing"

	"ethicsdesk/remote"
)

// A session is bound to the TLS connection: the headers of a request that
// worked (the session's ID and its proof), copied from a log or a proxy
// onto another connection, are refused; so is the session's secret sent
// as a bearer token, and the ID alone. The member's own session goes on
// working, and none of the refusals signs them out.
func TestSessionHeadersCopiedToAnotherConnectionAreRefused(t *testing.T) {
	s := serve(t)
	liu := s.raw(t, "liu", liuPW)
	pool := x509.NewCertPool()
	pool.AddCert(s.Root)
	// Each request below gets a connection of its own.
	fresh := func() *http.Client {
		return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, DisableKeepAlives: true}}
	}
	call := func(c *http.Client, h http.Header) (*http.Response, string) {
		req, _ := http.NewRequest(http.MethodPost, s.URL+"/v1/call/Users", bytes.NewReader([]byte("{}")))
		for k, v := range h {
			req.Header[k] = v
		}
		req.Header.Set("Ethicsdesk-Protocol", remote.Protocol+"/"+remote.Schema)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}

	// The member's own request, on its connection: it works, and what it
	// sent is what an eavesdropper on a log would have.
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/v1/call/Users", bytes.NewReader([]byte("{}")))
	req.Header.Set("Ethicsdesk-Protocol", remote.Protocol+"/"+remote.Schema)
	req = remote.BindToConnection(req, liu.session)
	resp, err := fresh().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the member's own request: %s %s", resp.Status, body)
	}
	copied := http.Header{}
	copied.Set("Ethicsdesk-Session", req.Header.Get("Ethicsdesk-Session"))
	copied.Set("Ethicsdesk-Session-Binding", req.Header.Get("Ethicsdesk-Session-Binding"))
	if copied.Get("Ethicsdesk-Session-Binding") == "" || strings.Contains(liu.session, copied.Get("Ethicsdesk-Session-Binding")) {
		t.Fatalf("the request proved nothing of the connection: %v", copied)
	}
	if strings.Contains(copied.Get("Ethicsdesk-Session"), ".") {
		t.Fatalf("the session's secret travels with every request: %q", copied.Get("Ethicsdesk-Session"))
	}

	for name, h := range map[string]http.Header{
		"the headers copied onto another connection": copied,
		"the whole token as a bearer":                {"Ethicsdesk-Session": {liu.session}},
		"the ID alone":                               {"Ethicsdesk-Session": {copied.Get("Ethicsdesk-Session")}},
	} {
		resp, body := call(fresh(), h)
		if resp.StatusCode != http.StatusUnauthorized || strings.Contains(body, "liu") {
			t.Errorf("%s: %s %s", name, resp.Status, body)
		}
	}
	// None of that ended the member's session.
	if resp, body := liu.call("Users", map[string]any{}); resp.StatusCode != http.StatusOK {
		t.Errorf("the member's session after the refused copies: %s %s", resp.Status, body)
	}
}
