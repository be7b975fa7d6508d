package signing

import (
	"crypto/x509"
	"encoding/json"
	"time"
)

// signatureReportJSON is a SignatureReport as JSON carries it (to a
// client of the committee server): the certificate as its DER bytes.
// What only Verify uses while it works (byteRangeOK) does not travel.
type signatureReportJSON struct {
	FieldName, SignerName, SignerRole, NameInDictionary, Reason, Location string
	SigningTime                                                           time.Time
	SubFilter                                                             string
	Valid                                                                 bool
	Problem                                                               string
	ChainsToRoot                                                          bool
	ChainProblem                                                          string
	CoversWholeFile                                                       bool
	ByteRange                                                             [4]int64
	Certificate                                                           []byte
	DocMDP                                                                int
}

// MarshalJSON writes the report with the signer's certificate as DER.
func (s SignatureReport) MarshalJSON() ([]byte, error) {
	v := signatureReportJSON{FieldName: s.FieldName, SignerName: s.SignerName, SignerRole: s.SignerRole,
		NameInDictionary: s.NameInDictionary, Reason: s.Reason, Location: s.Location, SigningTime: s.SigningTime,
		SubFilter: s.SubFilter, Valid: s.Valid, Problem: s.Problem, ChainsToRoot: s.ChainsToRoot,
		ChainProblem: s.ChainProblem, CoversWholeFile: s.CoversWholeFile, ByteRange: s.ByteRange, DocMDP: s.DocMDP}
	if s.Certificate != nil {
		v.Certificate = s.Certificate.Raw
	}
	return json.Marshal(v)
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (s *SignatureReport) UnmarshalJSON(b []byte) error {
	var v signatureReportJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*s = SignatureReport{FieldName: v.FieldName, SignerName: v.SignerName, SignerRole: v.SignerRole,
		NameInDictionary: v.NameInDictionary, Reason: v.Reason, Location: v.Location, SigningTime: v.SigningTime,
		SubFilter: v.SubFilter, Valid: v.Valid, Problem: v.Problem, ChainsToRoot: v.ChainsToRoot,
		ChainProblem: v.ChainProblem, CoversWholeFile: v.CoversWholeFile, ByteRange: v.ByteRange, DocMDP: v.DocMDP}
	if len(v.Certificate) > 0 {
		cert, err := x509.ParseCertificate(v.Certificate)
		if err != nil {
			return err
		}
		s.Certificate = cert
	}
	return nil
}
