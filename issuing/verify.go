package issuing

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"

	"ethicsdesk/cases"
	"ethicsdesk/signing"
)

// CheckFile verifies a PDF's signatures against the trusted roots and, for
// a file signed with this committee's keys (certificates issued by
// committeeRoot), against what the committee issued: the register must
// hold an issued opinion with exactly these bytes, and the signatures
// must be the rapporteur's authorship first and the chair's approval last.
// committeeRoot and register may be nil (a file of another committee,
// checked with --trust only).
func CheckFile(ctx context.Context, pdf []byte, roots []*x509.Certificate, committeeRoot *x509.Certificate, register cases.IssuedOpinionLookup) (*signing.Report, error) {
	var pool *x509.CertPool
	if len(roots) > 0 {
		pool = signing.RootPool(roots...)
	}
	// The register's lookup by the file's digest does not depend on the
	// signatures: it runs beside their verification, on another core (the
	// digest and the lookup were a seventh of verifying an opinion).
	var byDigest chan issuedLookup
	if committeeRoot != nil && register != nil {
		byDigest = make(chan issuedLookup, 1) // never blocks: the result may go unread
		go func() {
			sum := sha256.Sum256(pdf)
			rec, err := register.IssuedOpinionBySHA256(ctx, hex.EncodeToString(sum[:]))
			byDigest <- issuedLookup{rec, err}
		}()
	}
	rep, err := signing.Verify(pdf, pool)
	if err != nil || committeeRoot == nil || !madeWithCommitteeKey(rep, committeeRoot) {
		return rep, err
	}
	checkRoles(rep)
	if register != nil {
		if err := checkIssued(ctx, pdf, rep, register, <-byDigest); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// issuedLookup is the register's answer for the file's digest.
type issuedLookup struct {
	rec cases.IssuedOpinionRecord
	err error
}

// madeWithCommitteeKey is true when some signature's certificate was
// issued by the committee's root and chains to it.
func madeWithCommitteeKey(rep *signing.Report, root *x509.Certificate) bool {
	for _, s := range rep.Signatures {
		if s.ChainsToRoot && s.IssuedBy(root) {
			return true
		}
	}
	return false
}

// checkRoles holds an opinion of this committee to its signing order: two
// signatures, the rapporteur's authorship first and the chair's approval
// last, the chair's covering the whole file.
func checkRoles(rep *signing.Report) {
	sigs := rep.Signatures
	if len(sigs) != 2 {
		rep.AddProblem(fmt.Sprintf("An opinion of this committee carries two signatures, the rapporteur's and the chair's; this file carries %d.", len(sigs)))
	}
	if first := sigs[0]; first.Reason != cases.MeaningAuthor {
		rep.AddProblem(fmt.Sprintf("The first signature should be the rapporteur's authorship (“%s”), but it is “%s”.", cases.MeaningAuthor, first.Reason))
	}
	last := sigs[len(sigs)-1]
	if len(sigs) < 2 || last.Reason != cases.MeaningApproval || last.SignerRole != roleTitle(cases.RoleChair) {
		rep.AddProblem(fmt.Sprintf("The last signature should be the chair's approval (“%s”, by a certificate with the role Chair); it is “%s” by “%s” (%s).",
			cases.MeaningApproval, last.Reason, last.Signer(), last.SignerRole))
	} else if !last.CoversWholeFile {
		rep.AddProblem("The chair's signature does not cover the whole file.")
	}
}

// checkIssued takes the file's lookup among issued opinions by its SHA-256. A
// committee-signed file that is not byte-identical to one is named for
// what it is (an earlier revision, an issued opinion with additions, a
// re-signed or changed copy) and fails.
func checkIssued(ctx context.Context, pdf []byte, rep *signing.Report, register cases.IssuedOpinionLookup, byDigest issuedLookup) error {
	rec, err := byDigest.rec, byDigest.err
	if err == nil {
		rep.AddNote(fmt.Sprintf("Register: this is the opinion issued for %s on %s.", rec.Reference, issuedOn(rec)))
		if len(rec.Signatures) != len(rep.Signatures) {
			rep.AddProblem(fmt.Sprintf("The register records %d signatures on this opinion, the file carries %d.", len(rec.Signatures), len(rep.Signatures)))
		}
		return nil
	}
	if !errors.Is(err, cases.ErrNotFound) {
		return fmt.Errorf("the register could not be searched: %w", err)
	}
	seen := map[int64]bool{}
	var candidates []cases.IssuedOpinionRecord
	for _, s := range rep.Signatures {
		if s.SigningTime.IsZero() || !s.ChainsToRoot {
			continue
		}
		found, err := register.IssuedOpinionsSignedAt(ctx, s.SigningTime)
		if err != nil {
			return fmt.Errorf("the register could not be searched: %w", err)
		}
		for _, c := range found {
			if !seen[c.OpinionID] {
				seen[c.OpinionID] = true
				candidates = append(candidates, c)
			}
		}
	}
	rep.AddProblem(describeNotIssued(pdf, rep, candidates))
	return nil
}

// describeNotIssued says what a committee-signed file is, compared with
// the issued opinions it may come from.
func describeNotIssued(pdf []byte, rep *signing.Report, candidates []cases.IssuedOpinionRecord) string {
	firstEnd := int64(-1)
	if s := rep.Signatures[0]; s.Valid {
		firstEnd = s.ByteRange[2] + s.ByteRange[3]
	}
	for _, c := range candidates {
		what := fmt.Sprintf("the opinion issued for %s on %s", c.Reference, issuedOn(c))
		switch {
		case len(pdf) < len(c.PDF) && bytes.HasPrefix(c.PDF, pdf):
			return fmt.Sprintf("This file is not what the committee issued: it is an earlier revision of %s, cut back to its first %d of %d signatures (before the chair's approval).",
				what, len(rep.Signatures), len(c.Signatures))
		case len(pdf) > len(c.PDF) && bytes.HasPrefix(pdf, c.PDF):
			return fmt.Sprintf("This file is not what the committee issued: it is %s with further changes appended after issue.", what)
		case firstEnd > 0 && int(firstEnd) <= len(c.PDF) && bytes.Equal(pdf[:firstEnd], c.PDF[:firstEnd]):
			return fmt.Sprintf("This file is not what the committee issued: it starts as the rapporteur's signed revision of %s, but was changed or signed again after that.", what)
		}
	}
	return "This file is signed with this committee's keys, but it is not an opinion the committee issued: no issued opinion in the register has these bytes."
}

func issuedOn(r cases.IssuedOpinionRecord) string {
	if r.IssuedAt.IsZero() {
		return "an unrecorded date"
	}
	return r.IssuedAt.UTC().Format("2 January 2006 at 15:04 UTC")
}
