package signing

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func TestSignedPDFIsValidForPdfsig(t *testing.T) {
	fx := newFixture(t)
	if !bytes.HasPrefix(fx.twice, fx.once) || !bytes.HasPrefix(fx.once, fx.unsigned) {
		t.Fatal("signing rewrote earlier bytes instead of appending an incremental update")
	}
	if dir := os.Getenv("SIGNING_KEEP"); dir != "" {
		_ = os.WriteFile(dir+"/twice.pdf", fx.twice, 0o644)
		_ = os.WriteFile(dir+"/root.pem", CertificatePEM(fx.root.Cert), 0o644)
	}
	out := pdfsig(t, fx.twice)
	blocks := pdfsigBlocks(out)
	if len(blocks) != 2 {
		t.Fatalf("pdfsig found %d signatures, want 2:\n%s", len(blocks), out)
	}
	for i, b := range blocks {
		if !strings.Contains(b, "Signature Validation: Signature is Valid.") {
			t.Errorf("pdfsig: signature %d not valid:\n%s", i+1, b)
		}
		if !strings.Contains(b, "ETSI.CAdES.detached") {
			t.Errorf("pdfsig: signature %d is not shown as ETSI.CAdES.detached:\n%s", i+1, b)
		}
	}
	for i, name := range []string{"Li Wei", "Maria Chen"} {
		if !strings.Contains(blocks[i], name) {
			t.Errorf("pdfsig: signature %d does not name %s:\n%s", i+1, name, blocks[i])
		}
	}
	if !strings.Contains(blocks[1], "Total document signed") {
		t.Errorf("pdfsig: the countersignature does not cover the whole document:\n%s", blocks[1])
	}
	if strings.Contains(blocks[0], "Total document signed") {
		t.Errorf("pdfsig: the first signature claims to cover the whole (later extended) document:\n%s", blocks[0])
	}
}
