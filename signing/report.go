package signing

import (
	"crypto/x509"
	"fmt"
	"io"
	"strings"
	"time"
)

// Report is the outcome of Verify.
type Report struct {
	FileSize   int
	Signatures []SignatureReport // in the order they were applied
	// ChangesAfterLastSignature describes, one line per incremental update,
	// what was appended after the last signature's signed bytes.
	ChangesAfterLastSignature []string
}

// SignatureReport is what Verify found about one signature.
type SignatureReport struct {
	FieldName        string
	SignerName       string // the certificate's common name
	SignerRole       string // the certificate's Title or organisational unit
	NameInDictionary string // /Name, as the signing program wrote it
	Reason           string // /Reason: the meaning of the signature
	Location         string
	SigningTime      time.Time // the signed signing-time attribute, else /M
	SubFilter        string
	Valid            bool
	Problem          string // a sentence saying why the signature is not valid
	ChainsToRoot     bool
	ChainProblem     string // why it does not chain to a trusted root
	CoversWholeFile  bool
	ByteRange        [4]int64
	Certificate      *x509.Certificate

	byteRangeOK bool
}

// OK is true only when the document has at least one signature, every
// signature is valid and the last one covers the whole file.
func (r *Report) OK() bool {
	if r == nil || len(r.Signatures) == 0 {
		return false
	}
	for _, s := range r.Signatures {
		if !s.Valid {
			return false
		}
	}
	return r.Signatures[len(r.Signatures)-1].CoversWholeFile
}

// String is the text `ethicsdesk verify` prints.
func (r *Report) String() string {
	var b strings.Builder
	r.Format(&b)
	return b.String()
}

// Format writes the human-readable report to w.
func (r *Report) Format(w io.Writer) {
	if r == nil {
		return
	}
	if len(r.Signatures) == 0 {
		fmt.Fprintln(w, "This document carries no digital signature.")
		fmt.Fprintln(w, "Result: NOT VERIFIED")
		return
	}
	yesNo := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	orDash := func(s string) string {
		if s == "" {
			return "—"
		}
		return s
	}
	for i, s := range r.Signatures {
		title := fmt.Sprintf("Signature %d of %d", i+1, len(r.Signatures))
		if s.FieldName != "" {
			title += fmt.Sprintf(" (field %q)", s.FieldName)
		}
		fmt.Fprintln(w, title)
		signer := s.SignerName
		if signer == "" {
			signer = s.NameInDictionary
		}
		fmt.Fprintf(w, "  Signer:            %s\n", orDash(signer))
		fmt.Fprintf(w, "  Role:              %s\n", orDash(s.SignerRole))
		fmt.Fprintf(w, "  Meaning:           %s\n", orDash(s.Reason))
		when := "—"
		if !s.SigningTime.IsZero() {
			when = s.SigningTime.UTC().Format("2006-01-02 15:04:05 UTC")
		}
		fmt.Fprintf(w, "  Signed at:         %s\n", when)
		if s.Valid {
			fmt.Fprintln(w, "  Signature:         valid")
		} else {
			fmt.Fprintf(w, "  Signature:         INVALID — %s\n", s.Problem)
		}
		chain := yesNo(s.ChainsToRoot)
		if !s.ChainsToRoot && s.ChainProblem != "" {
			chain += " (" + s.ChainProblem + ")"
		}
		fmt.Fprintf(w, "  Chains to committee root: %s\n", chain)
		fmt.Fprintf(w, "  Covers whole document:    %s\n", yesNo(s.CoversWholeFile))
		fmt.Fprintf(w, "  Signature type:    %s\n", orDash(s.SubFilter))
		fmt.Fprintln(w)
	}
	if same := r.SameSigner(); same != "" {
		fmt.Fprintf(w, "%s\n\n", same)
	}
	if len(r.ChangesAfterLastSignature) == 0 {
		fmt.Fprintln(w, "Changes after the last signature: none")
	} else {
		fmt.Fprintln(w, "Changes after the last signature:")
		for _, c := range r.ChangesAfterLastSignature {
			fmt.Fprintf(w, "  - %s\n", c)
		}
	}
	if r.OK() {
		fmt.Fprintln(w, "Result: all signatures valid; the document is unchanged since the last signature")
	} else {
		fmt.Fprintln(w, "Result: NOT VERIFIED")
	}
}
