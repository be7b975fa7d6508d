package signing

import "bytes"

// SameSigner is a sentence when two of the document's signatures were
// made by the same person (the same certificate subject or the same key),
// else "". An Ethics Desk opinion is signed by two different people, the
// rapporteur and the chair (or the deputy chair), so one person signing
// twice is worth saying even when each signature is valid.
func (r *Report) SameSigner() string {
	if r == nil {
		return ""
	}
	for i, a := range r.Signatures {
		for _, b := range r.Signatures[i+1:] {
			if a.Certificate == nil || b.Certificate == nil {
				continue
			}
			sameKey := bytes.Equal(a.Certificate.RawSubjectPublicKeyInfo, b.Certificate.RawSubjectPublicKeyInfo)
			if sameKey || bytes.Equal(a.Certificate.RawSubject, b.Certificate.RawSubject) {
				return "Both signatures are by the same person (" + a.SignerName + "): an opinion must be signed by two different people."
			}
		}
	}
	return ""
}
