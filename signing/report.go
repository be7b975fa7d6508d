package signing

import (
	"crypto/x509"
	"fmt"
	"io"
	"strings"
	"time"
)

// Verdict is what a check of a file concludes. Its value is the exit
// status of `ethicsdesk verify` (2 is kept for usage errors and files that
// cannot be read).
type Verdict int

const (
	// Verified: every signature is valid and made with a certificate that
	// chains to a trusted root, the signatures cover everything but the
	// additions of later signatures, the last covers the whole file, and
	// nothing else (the register, the roles) found a problem.
	Verified Verdict = 0
	// NotVerified: something above failed; Reasons says what.
	NotVerified Verdict = 1
	// SignersUnverified: the signatures are intact and cover the whole
	// file, but no trusted root was given, so who made them is unknown.
	SignersUnverified Verdict = 3
)

// Report is the outcome of Verify.
type Report struct {
	FileSize   int
	Signatures []SignatureReport // in the order they were applied
	// Revisions accounts for every incremental update after the first
	// signature: between signatures and after the last one.
	Revisions []RevisionChange
	// ChangesAfterLastSignature describes, one line per incremental update,
	// what was appended after the last signature's signed bytes.
	ChangesAfterLastSignature []string
	// TrustGiven is true when Verify was given at least one trusted root.
	TrustGiven bool
	// Problems are document-level findings that make the file fail: a
	// change between signatures, a broken certification, and what the
	// register or the committee's rules found (added with AddProblem).
	Problems []string
	// Notes are findings that do not make it fail, such as "this is the
	// opinion issued for EC-2025-0001 on 3 March 2025".
	Notes []string
}

// SignatureReport is what Verify found about one signature. Every string
// taken from the file or a certificate has its control characters escaped.
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
	// DocMDP is the permission of a certification signature (1 no change,
	// 2 signing and form filling, 3 also annotations); 0 for an ordinary one.
	DocMDP int

	byteRangeOK bool
	// chainIssuer is the certificate the verified chain found to have
	// signed Certificate (nil when the chain was not verified here).
	chainIssuer *x509.Certificate
}

// IssuedBy reports whether the signer's certificate was issued by ca. A
// chain verified here that ends in ca answers without checking the
// certificate's signature again (an elliptic-curve verification, a tenth
// of verifying an opinion); otherwise the signature is checked with ca's
// key, as for a report that came from the committee server.
func (s *SignatureReport) IssuedBy(ca *x509.Certificate) bool {
	if s.Certificate == nil || ca == nil {
		return false
	}
	if s.chainIssuer != nil && s.chainIssuer.Equal(ca) {
		return true
	}
	return s.Certificate.CheckSignatureFrom(ca) == nil
}

// AddProblem records a document-level problem; the verdict becomes NotVerified.
func (r *Report) AddProblem(sentence string) { r.Problems = append(r.Problems, sentence) }

// AddNote records a finding that does not change the verdict.
func (r *Report) AddNote(sentence string) { r.Notes = append(r.Notes, sentence) }

// Signer is the name to show for signature s: the certificate's, else the
// one the signing program wrote.
func (s *SignatureReport) Signer() string {
	if s.SignerName != "" {
		return s.SignerName
	}
	return s.NameInDictionary
}

// Verdict sums the report up; see the Verdict constants.
func (r *Report) Verdict() Verdict {
	if r == nil || len(r.Signatures) == 0 || len(r.Problems) > 0 {
		return NotVerified
	}
	trusted := true
	for _, s := range r.Signatures {
		if !s.Valid {
			return NotVerified
		}
		trusted = trusted && s.ChainsToRoot
	}
	if !r.Signatures[len(r.Signatures)-1].CoversWholeFile {
		return NotVerified
	}
	switch {
	case trusted:
		return Verified
	case !r.TrustGiven:
		return SignersUnverified
	}
	return NotVerified
}

// OK is true only for the Verified verdict.
func (r *Report) OK() bool { return r.Verdict() == Verified }

// Reasons lists, one sentence each, why the verdict is not Verified.
func (r *Report) Reasons() []string {
	if r == nil {
		return nil
	}
	if len(r.Signatures) == 0 {
		return append([]string{"The document carries no digital signature: nothing proves who issued it."}, r.Problems...)
	}
	var out []string
	for i, s := range r.Signatures {
		who := ""
		if name := s.Signer(); name != "" {
			who = fmt.Sprintf(", “%s”,", name)
		}
		if !s.Valid {
			out = append(out, fmt.Sprintf("Signature %d%s is not valid: %s", i+1, who, s.Problem))
		} else if !s.ChainsToRoot && r.TrustGiven {
			out = append(out, fmt.Sprintf("Signature %d%s was not made with a certificate of this committee (or of another trusted root): %s.", i+1, who, orDash(s.ChainProblem)))
		}
	}
	if last := r.Signatures[len(r.Signatures)-1]; last.Valid && !last.CoversWholeFile {
		out = append(out, "The document was changed after the last signature (see the changes listed).")
	}
	out = append(out, r.Problems...)
	if len(out) == 0 && r.Verdict() == SignersUnverified {
		out = append(out, "No trusted root certificate was given, so who made the signatures is not verified. Give the register with --db, or the committee's root certificate with --trust FILE.pem.")
	}
	return out
}

// Headline is the one-line verdict shown first, in the terminal and the window.
func (r *Report) Headline() string {
	switch r.Verdict() {
	case Verified:
		return fmt.Sprintf("VERIFIED: %d valid signatures from trusted certificates; the document is unchanged since the last signature.", len(r.Signatures))
	case SignersUnverified:
		return "SIGNATURES INTACT BUT SIGNERS UNVERIFIED: the signatures are valid and the document is unchanged since the last one, but no trusted root certificate was given, so who signed is not verified."
	}
	return "NOT VERIFIED"
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
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
		for _, p := range r.Problems {
			fmt.Fprintf(w, "  - %s\n", p)
		}
		fmt.Fprintln(w, "Result: NOT VERIFIED")
		return
	}
	yesNo := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	for i, s := range r.Signatures {
		title := fmt.Sprintf("Signature %d of %d", i+1, len(r.Signatures))
		if s.FieldName != "" {
			title = fmt.Sprintf("Signature %d of %d (field “%s”)", i+1, len(r.Signatures), s.FieldName)
		}
		fmt.Fprintln(w, title)
		fmt.Fprintf(w, "  Signer:            %s\n", orDash(s.Signer()))
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
			chain = fmt.Sprintf("no (%s)", s.ChainProblem)
		}
		fmt.Fprintf(w, "  Chains to committee root: %s\n", chain)
		fmt.Fprintf(w, "  Covers whole document:    %s\n", yesNo(s.CoversWholeFile))
		if s.DocMDP > 0 {
			fmt.Fprintf(w, "  Certification:     %s\n", docMDPWords(s.DocMDP))
		}
		fmt.Fprintf(w, "  Signature type:    %s\n", orDash(s.SubFilter))
		fmt.Fprintln(w)
	}
	var between []string
	for _, c := range r.Revisions {
		if c.Before > 0 {
			between = append(between, c.Text)
		}
	}
	if len(between) > 0 {
		fmt.Fprintln(w, "Changes between signatures:")
		for _, c := range between {
			fmt.Fprintf(w, "  - %s\n", c)
		}
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
	for _, n := range r.Notes {
		fmt.Fprintln(w, n)
	}
	fmt.Fprintln(w)
	if v := r.Verdict(); v != Verified {
		for _, reason := range r.Reasons() {
			fmt.Fprintf(w, "  - %s\n", reason)
		}
	}
	fmt.Fprintln(w, "Result: "+r.Headline())
}

// docMDPWords says what a certification signature permits.
func docMDPWords(p int) string {
	switch p {
	case 1:
		return "certifies the document; no changes permitted"
	case 3:
		return "certifies the document; filling in forms, signing and annotating permitted"
	}
	return "certifies the document; filling in forms and signing permitted"
}
