package signing

import (
	"testing"
)

func BenchmarkSign(b *testing.B) {
	fx := newFixture(b)
	doc := makePDF(b, 10, true)
	b.SetBytes(int64(len(doc)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := SignPDF(doc, fx.rapporteur, SignatureInfo{Reason: "Rapporteur — author", Page: 10}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	fx := newFixture(b)
	roots := RootPool(fx.root.Cert)
	b.SetBytes(int64(len(fx.twice)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := Verify(fx.twice, roots)
		if err != nil || !r.OK() {
			b.Fatal("verification failed")
		}
	}
}
