// Package registercheck is what check does with a register's signed
// opinions, the same on every engine: each stored PDF against its SHA-256,
// its signatures and the audit head it prints, and an opinion kept outside
// the register against the chain. The stores give it their SQL and their
// walk of the audit log.
package registercheck

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"

	"ethicsdesk/internal/auditchain"
	"ethicsdesk/signing"
)

// printedHead is the audit head the opinion prints under its signatures,
// which the PDF also carries as its keywords (plain ASCII, inside the
// rapporteur's signed bytes; issuing/publisher.go writes the text).
var printedHead = regexp.MustCompile(`/Keywords \(Audit record at signing: entry (\d+), hash ([0-9a-f]{64})\)`)

// OpinionPDFs checks each signed opinion's stored PDF: its bytes
// against the SHA-256 taken when it was stored, its signatures, and the
// audit head it prints against the chain. It returns the problems and how
// many printed heads were found in the chain. query reads, for every
// opinion signed or issued, its id, its case's reference, state, PDF and
// SHA-256, in each engine's SQL.
func OpinionPDFs(ctx context.Context, q auditchain.Querier, query string, w *auditchain.Walk, roots *x509.CertPool) ([]string, int, error) {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var problems []string
	heads := 0
	for rows.Next() {
		var id int64
		var ref, state, sum string
		var pdf []byte
		if err := rows.Scan(&id, &ref, &state, &pdf, &sum); err != nil {
			return nil, 0, err
		}
		name := fmt.Sprintf("opinion %d of case %s", id, ref)
		if len(pdf) == 0 {
			problems = append(problems, name+": its signed PDF is missing")
			continue
		}
		if got := sha256.Sum256(pdf); hex.EncodeToString(got[:]) != sum {
			problems = append(problems, name+": its stored PDF is damaged (it no longer matches the SHA-256 taken when it was signed)")
			continue
		}
		if p := PDFSignatureProblem(pdf, roots); p != "" {
			problems = append(problems, name+": "+p)
			continue
		}
		m := printedHead.FindSubmatch(pdf)
		if m == nil {
			continue // signed before opinions carried their head as keywords
		}
		seq, _ := strconv.ParseInt(string(m[1]), 10, 64)
		hash := string(m[2])
		if w.BadSeq != 0 && seq >= w.BadSeq {
			continue // the broken chain is already reported
		}
		switch h, ok := w.HashAt(seq); {
		case !ok:
			problems = append(problems, fmt.Sprintf("%s prints audit entry %d, but the audit log ends at entry %d: entries were cut off", name, seq, len(w.Hashes)-1))
		case h != hash:
			problems = append(problems, fmt.Sprintf("%s prints audit entry %d with a hash the log no longer has: the audit log was rewritten", name, seq))
		default:
			heads++
		}
	}
	return problems, heads, rows.Err()
}

// PDFSignatureProblem verifies a stored opinion's signatures against the
// committee's roots; "" when every signature is valid, chains to a root
// and the last covers the whole file. The one place check calls
// signing.Verify.
func PDFSignatureProblem(pdf []byte, roots *x509.CertPool) (problem string) {
	defer func() {
		if recover() != nil { // a hostile file must not stop the check
			problem = "its stored PDF could not be read"
		}
	}()
	r, err := signing.Verify(pdf, roots)
	if err != nil {
		return "its stored PDF is not readable: " + err.Error()
	}
	if len(r.Signatures) == 0 {
		return "its stored PDF carries no signature"
	}
	for _, s := range r.Signatures {
		switch {
		case !s.Valid:
			return fmt.Sprintf("the signature of %s is not valid: %s", s.SignerName, s.Problem)
		case !s.ChainsToRoot:
			return fmt.Sprintf("the signature of %s is not by a key of this committee: %s", s.SignerName, s.ChainProblem)
		}
	}
	if !r.OK() {
		return "something was added to its stored PDF after the last signature"
	}
	return ""
}

// HeldPDF holds an opinion PDF kept outside the register (the copy
// sent to the submitter, a printout's file) against the chain: its
// signatures must verify with this committee's keys and the audit head it
// prints must be in the chain with that hash. This is what catches a
// register rewound as a whole, which agrees with itself.
func HeldPDF(name string, pdf []byte, roots *x509.CertPool, walk func() (*auditchain.Walk, error)) ([]string, error) {
	if p := PDFSignatureProblem(pdf, roots); p != "" {
		return []string{name + ": " + p}, nil
	}
	m := printedHead.FindSubmatch(pdf)
	if m == nil {
		return []string{name + ": it carries no audit head to compare (it was not issued by this version of Ethics Desk)"}, nil
	}
	w, err := walk()
	if err != nil {
		return nil, err
	}
	seq, _ := strconv.ParseInt(string(m[1]), 10, 64)
	switch h, ok := w.HashAt(seq); {
	case !ok:
		return []string{fmt.Sprintf("%s prints audit entry %d, but the register's audit log ends at entry %d: the register was cut back or rewound", name, seq, len(w.Hashes)-1)}, nil
	case h != string(m[2]):
		return []string{fmt.Sprintf("%s prints audit entry %d with a hash the register's log does not have: the log was rewritten, or the opinion is from another register", name, seq)}, nil
	}
	return nil, nil
}
