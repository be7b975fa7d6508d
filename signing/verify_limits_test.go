package signing

import (
	"strings"
	"testing"
)

// A file of exactly the largest size is checked (here: found to carry no
// signature); one byte more is refused with the limit named.
func TestTheLargestFileIsCheckedAndOneByteMoreRefused(t *testing.T) {
	data := make([]byte, MaxFileSize+1)
	copy(data, "%PDF-1.7\n")
	r, err := Verify(data[:MaxFileSize], nil)
	if err != nil || len(r.Signatures) != 0 {
		t.Fatalf("a file of exactly %d bytes: %v", MaxFileSize, err)
	}
	if _, err := Verify(data, nil); err == nil || !strings.Contains(err.Error(), "larger than 50 MB") {
		t.Fatalf("a file of %d bytes: %v, want it refused for its size", MaxFileSize+1, err)
	}
}
