package signing

import (
	"bytes"
	"testing"

	"ethicsdesk/signing/internal/pdf"
)

// documentID is the /ID of doc's last trailer, nil when there is none.
func documentID(t *testing.T, doc []byte) pdf.Array {
	t.Helper()
	d, err := pdf.Open(doc)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := d.Trailer.Get("ID").(pdf.Array)
	return id
}

// A document without a file identifier (gofpdf writes none) gets one when
// it is first signed, as PDF 2.0 requires of every file; a countersignature
// keeps its first half, which names the document for good.
func TestSigningGivesTheDocumentAnIdentifierAndKeepsIt(t *testing.T) {
	fx := newFixture(t)
	if id := documentID(t, fx.unsigned); id != nil {
		t.Fatalf("the unsigned test document already has an /ID %v", id)
	}
	first := documentID(t, fx.once)
	if len(first) != 2 {
		t.Fatalf("the signed document's /ID is %v, want two strings", first)
	}
	for i, e := range first {
		if s, ok := e.(pdf.String); !ok || len(s.Bytes) != 16 {
			t.Errorf("half %d of the signed document's /ID is %v, want 16 bytes", i+1, e)
		}
	}
	second := documentID(t, fx.twice)
	if len(second) != 2 {
		t.Fatalf("the countersigned document's /ID is %v, want two strings", second)
	}
	a, _ := first[0].(pdf.String)
	b, _ := second[0].(pdf.String)
	if !bytes.Equal(a.Bytes, b.Bytes) {
		t.Errorf("the first half of the /ID changed when the document was countersigned: %X, then %X", a.Bytes, b.Bytes)
	}
}
