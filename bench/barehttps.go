package bench

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"
)

// BareHTTPS is a client of bench/barehttps, the reference for the
// committee server's figures: it calls as remote.Client calls the
// committee server (one kept-alive HTTP/1.1 connection over TLS 1.3, a
// JSON body posted, the answer read to its end), trusting only the
// certificate barehttps wrote.
type BareHTTPS struct {
	url  string
	http *http.Client
}

// DialBareHTTPS prepares a client of the bare server at url whose
// certificate is the PEM file certPath.
func DialBareHTTPS(url, certPath string) (*BareHTTPS, error) {
	pemBytes, err := os.ReadFile(certPath)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pemBytes) {
		return nil, fmt.Errorf("%s holds no certificate", certPath)
	}
	tr := &http.Transport{
		TLSClientConfig:     &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS13},
		TLSHandshakeTimeout: 10 * time.Second,
		MaxIdleConnsPerHost: 8,
	}
	return &BareHTTPS{url: url, http: &http.Client{Transport: tr, Timeout: time.Minute}}, nil
}

// bareRequest is about the size of a search's arguments.
var bareRequest = []byte(`{"Text":"quokkatronic","Query":{},"Offset":0,"Limit":50}`)

// Call posts one request and reads the whole answer.
func (c *BareHTTPS) Call() ([]byte, error) {
	req, err := http.NewRequest(http.MethodPost, c.url, bytes.NewReader(bareRequest))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New("the bare HTTPS server answered " + resp.Status)
	}
	return body, nil
}
