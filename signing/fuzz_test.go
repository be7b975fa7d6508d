package signing

import (
	"bytes"
	"testing"
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
	roots := RootPool(fx.root.Cert)
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Verify(data, roots)
		if err != nil {
			return
		}
		_ = r.String()
		if r.OK() && len(r.Signatures) == 0 {
			t.Fatal("OK without signatures")
		}
	})
}
