package signing

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"testing"
)

// A certificate from another tool may carry both a title and an
// organisational unit: the role is the title, unless it is empty.
func TestTheRoleIsTheTitleBeforeTheUnit(t *testing.T) {
	for _, c := range []struct{ title, want string }{{"Chair", "Chair"}, {"", "Ethics Office"}} {
		cert := &x509.Certificate{}
		cert.Subject.Names = []pkix.AttributeTypeAndValue{{Type: oidTitle, Value: c.title}}
		cert.Subject.OrganizationalUnit = []string{"Ethics Office"}
		if got := RoleOf(cert); got != c.want {
			t.Errorf("title %q, unit Ethics Office: role %q, want %q", c.title, got, c.want)
		}
	}
}
