package signing

import (
	"crypto/sha256"
	"crypto/x509"
	"fmt"
	"strings"
)

// Fingerprint is the SHA-256 fingerprint of a certificate as Adobe Reader,
// Firefox and `openssl x509 -fingerprint -sha256` show it: colon-separated
// upper-case hex pairs. A recipient compares it with the one the committee
// publishes before trusting an exported root certificate.
func Fingerprint(cert *x509.Certificate) string {
	sum := sha256.Sum256(cert.Raw)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}
