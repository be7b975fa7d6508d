package remote

import (
	"bytes"
	"io"
	"net/http"

	gojson "github.com/goccy/go-json"
)

// The server's answers are written and read with goccy/go-json, which
// writes the same bytes as encoding/json for every type cases.API returns
// and reads them back the same way (answers_test.go holds it to both), in
// a quarter of the time: a register page of fifty rows took 0.33 ms to
// read with encoding/json and 0.08 ms with it, and 0.15 and 0.05 ms to
// write. Through the server a page was read and written once each, the
// biggest cost of a call after the round trip itself.
//
// Requests stay with encoding/json: the server reads them from anyone who
// can reach it, refusing unknown fields, and a request is small.

// marshalAnswer is an answer's body.
func marshalAnswer(v any) ([]byte, error) { return gojson.Marshal(v) }

// unmarshalAnswer reads an answer's body into v.
func unmarshalAnswer(data []byte, v any) error { return gojson.Unmarshal(data, v) }

// maxAnswer is the largest answer a client reads (an attachment's bytes
// are the largest).
const maxAnswer = 1 << 30

// readAnswer reads an answer's body whole, into a buffer of the length the
// server announced (up to 8 MiB ahead; beyond, it grows as it reads):
// grown from 512 bytes, a register page's 27 KB were copied six times.
func readAnswer(resp *http.Response) ([]byte, error) {
	ahead := min(max(resp.ContentLength, 0), 8<<20)
	buf := bytes.NewBuffer(make([]byte, 0, ahead+bytes.MinRead))
	_, err := buf.ReadFrom(io.LimitReader(resp.Body, maxAnswer))
	return buf.Bytes(), err
}
