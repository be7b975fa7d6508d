package signing

import "testing"

// A signature is issued by the committee root only when the committee's
// own root signed its certificate: with both roots trusted, a stranger's
// signature chains to a trusted root, yet not to the committee's.
func TestIssuedByNamesTheCertificateThatSignedTheSigners(t *testing.T) {
	fx := newFixture(t)
	both := RootPool(fx.root.Cert, fx.otherRoot.Cert)
	for _, c := range []struct {
		signer         *Identity
		committee, own bool
	}{{fx.rapporteur, true, false}, {fx.stranger, false, true}} {
		rep, err := Verify(mustSign(t, fx.unsigned, c.signer, "Rapporteur — author", "Rapporteur"), both)
		if err != nil || len(rep.Signatures) != 1 || !rep.Signatures[0].ChainsToRoot {
			t.Fatalf("%s's signature with both roots trusted: %v %+v", c.signer.Cert.Subject.CommonName, err, rep)
		}
		s := rep.Signatures[0]
		if s.IssuedBy(fx.root.Cert) != c.committee || s.IssuedBy(fx.otherRoot.Cert) != c.own || s.IssuedBy(nil) {
			t.Errorf("%s: issued by the committee root %v, by the other %v, by none %v", c.signer.Cert.Subject.CommonName,
				s.IssuedBy(fx.root.Cert), s.IssuedBy(fx.otherRoot.Cert), s.IssuedBy(nil))
		}
	}
}
