package signing

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// FuzzVerify feeds Verify real signed files and corruptions of them. Verify
// must never panic, whatever it is given.
func FuzzVerify(f *testing.F) {
	fx := newFixture(f)
	f.Add(fx.twice)
	f.Add(fx.once)
	f.Add(fx.unsigned)
	f.Add(fx.twice[:len(fx.twice)/2])
	f.Add(bytes.Replace(fx.twice, []byte("/ByteRange [0 "), []byte("/ByteRange [0 99999999999999999999 "), 1))
	f.Add(bytes.Replace(fx.twice, []byte("/Contents <30"), []byte("/Contents <zz"), 1))
	f.Add(bytes.Replace(fx.twice, []byte("/ByteRange [0 "), []byte("/ByteRange [-5 "), 1))
	f.Add([]byte("%PDF-1.7\n1 0 obj<</Type/XRef/ByteRange[0 1 2 3]/Contents<3082>>>stream\nendstream endobj"))
	f.Add([]byte("%PDF-1.7\n1 0 obj <</V <</ByteRange [0 10 20 5] /Contents <308000000000> /SubFilter /adbe.pkcs7.detached>> /T (x)>> endobj"))
	// The published attack shapes, each built from the signed opinion.
	for _, a := range attackFiles(f, fx) {
		f.Add(a.data)
	}
	roots := RootPool(fx.root.Cert)
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		r, err := Verify(data, roots)
		if took := time.Since(start); took > 10*time.Second {
			t.Fatalf("verifying %d bytes took %v", len(data), took)
		}
		if err != nil {
			return
		}
		text := r.String()
		if r.OK() && len(r.Signatures) == 0 {
			t.Fatal("OK without signatures")
		}
		if strings.ContainsAny(text, "\x1b\x07\r\u202e") {
			t.Fatalf("the report holds raw control characters: %q", text)
		}
	})
}
