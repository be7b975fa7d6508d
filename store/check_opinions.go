package store

import (
	"context"
	"crypto/x509"

	"ethicsdesk/internal/registercheck"
)

// checkOpinionPDFs checks each signed opinion's stored PDF
// (internal/registercheck, shared with the other engine's store).
func (db *DB) checkOpinionPDFs(ctx context.Context, w *auditWalk, roots *x509.CertPool) ([]string, int, error) {
	return registercheck.OpinionPDFs(ctx, db.read, `SELECT o.id, COALESCE(c.reference, o.case_id), o.state, o.pdf, o.pdf_sha256
		FROM opinions o LEFT JOIN cases c ON c.id = o.case_id
		WHERE o.state IN ('signed_by_rapporteur', 'issued') ORDER BY o.id`, w, roots)
}

// CheckHeldPDF holds an opinion PDF kept outside the register (the copy
// sent to the submitter, a printout's file) against the chain: this is
// what catches a register rewound as a whole, which agrees with itself.
func (db *DB) CheckHeldPDF(ctx context.Context, name string, pdf []byte) ([]string, error) {
	roots, err := db.committeeRoots(ctx)
	if err != nil {
		return nil, err
	}
	return registercheck.HeldPDF(name, pdf, roots, func() (*auditWalk, error) { return db.walkAudit(ctx) })
}
