package signing

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// Damaged and hostile files give a report with a clear problem or an error,
// never a panic and never an OK.
func TestVerifyMalformedInput(t *testing.T) {
	fx := newFixture(t)
	roots := RootPool(fx.root.Cert)
	firstBR := bytes.Index(fx.twice, []byte("/ByteRange [0 "))
	cases := []struct {
		name        string
		data        []byte
		wantProblem string // in the first signature's Problem; "" = no signature expected
	}{
		{"truncated", fx.twice[:len(fx.twice)-200], "outside the file"},
		{"huge byte range", bytes.Replace(fx.twice, []byte("/ByteRange [0 "), []byte("/ByteRange [0 99999999999999999999999 "), 1), "byte range"},
		{"byte range skips bytes", shiftByteRange(fx.twice, firstBR), "leaves out more than the signature"},
		{"negative byte range", bytes.Replace(fx.twice, []byte("/ByteRange [0 "), []byte("/ByteRange [-1 "), 1), "outside the file"},
		{"corrupt CMS", bytes.Replace(fx.twice, []byte("/Contents <30"), []byte("/Contents <31"), 1), "could not be read"},
		{"bad hex", bytes.Replace(fx.twice, []byte("/Contents <30"), []byte("/Contents <zz"), 1), "damaged"},
		{"random bytes after header", append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 1000)...), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := Verify(c.data, roots)
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if r.OK() {
				t.Fatalf("a damaged file verified OK:\n%s", r)
			}
			if c.wantProblem == "" {
				return
			}
			if len(r.Signatures) == 0 {
				t.Fatalf("no signature found:\n%s", r)
			}
			if s := r.Signatures[0]; s.Valid || !strings.Contains(s.Problem, c.wantProblem) {
				t.Errorf("first signature: valid=%v problem=%q, want %q", s.Valid, s.Problem, c.wantProblem)
			}
		})
	}
}

// shiftByteRange makes the first signature's ByteRange gap one byte too
// wide while keeping the file the same length.
func shiftByteRange(doc []byte, at int) []byte {
	out := append([]byte(nil), doc...)
	end := bytes.IndexByte(out[at:], ']') + at
	var a, b, c, d int64
	if n, _ := sscan(string(out[at+len("/ByteRange ["):end]), &a, &b, &c, &d); n != 4 {
		return out
	}
	repl := []byte(strings.TrimSpace(strings.Join([]string{itoa(a), itoa(b - 1), itoa(c), itoa(d)}, " ")))
	field := out[at+len("/ByteRange [") : end]
	copy(field, bytes.Repeat([]byte(" "), len(field)))
	copy(field, repl)
	return out
}

func sscan(s string, v ...*int64) (int, error) {
	args := make([]any, len(v))
	for i := range v {
		args[i] = v[i]
	}
	return fmt.Sscan(s, args...)
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }
