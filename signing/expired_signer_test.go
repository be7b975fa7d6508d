package signing

import (
	"strings"
	"testing"
	"time"
)

// A member whose certificate had expired when they signed (by the time
// the signature claims): the signed bytes match, but the chain to the
// committee's root is refused for the reason x509 gives, not as an
// unknown issuer, and the document is not verified.
func TestASignatureMadeWithAnExpiredCertificateSaysWhyItDoesNotChain(t *testing.T) {
	fx := newFixture(t)
	then := time.Now().AddDate(-10, 0, 0)
	root, err := NewRoot("Ethics Committee Root CA", "Shenzhen AI Ethics Committee", then)
	if err != nil {
		t.Fatal(err)
	}
	expired, err := IssueMember(root, "Li Wei", "Rapporteur", "", then.AddDate(4, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if !expired.Cert.NotAfter.Before(time.Now()) {
		t.Fatalf("the member's certificate is valid until %v, not expired", expired.Cert.NotAfter)
	}
	r, err := Verify(mustSign(t, fx.unsigned, expired, "Rapporteur — author", "Rapporteur"), RootPool(root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Signatures) != 1 || r.Verdict() != NotVerified {
		t.Fatalf("want one signature, not verified:\n%s", r)
	}
	s := r.Signatures[0]
	if s.ChainsToRoot || !strings.HasPrefix(s.ChainProblem, "the certificate chain is not valid: ") || !strings.Contains(s.ChainProblem, "expired") {
		t.Errorf("chains=%v, chain problem %q; want the expiry named", s.ChainsToRoot, s.ChainProblem)
	}
	if !strings.Contains(r.String(), "Chains to committee root: no (the certificate chain is not valid: ") ||
		!strings.Contains(strings.Join(r.Reasons(), "\n"), "was not made with a certificate of this committee (or of another trusted root): the certificate chain is not valid: ") {
		t.Errorf("the report does not say why the chain is refused:\n%s", r)
	}
}
