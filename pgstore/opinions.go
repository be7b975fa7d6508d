package pgstore

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"ethicsdesk/cases"
)

const opinionColumns = "id, case_id, COALESCE(corrects_id, 0), state, version, decision, body, pdf_sha256, sig_layout, issued_at, updated_at, updated_by, language"

func (db *DB) scanOpinion(ctx context.Context, row interface{ Scan(...any) error }) (cases.Opinion, error) {
	var op cases.Opinion
	var body, layout, issued, updated string
	err := row.Scan(&op.ID, &op.CaseID, &op.CorrectsID, &op.State, &op.Version, &op.Text.Decision, &body,
		&op.PDFSHA256, &layout, &issued, &updated, &op.UpdatedBy, &op.Text.Language)
	if errors.Is(err, sql.ErrNoRows) {
		return op, cases.ErrNotFound
	}
	if err != nil {
		return op, err
	}
	if err := json.Unmarshal([]byte(body), &op.Text.Paragraphs); err != nil {
		return op, fmt.Errorf("opinion %d: stored text is not readable: %w", op.ID, err)
	}
	if layout != "" {
		_ = json.Unmarshal([]byte(layout), &op.Layout)
	}
	if issued != "" {
		op.IssuedAt = parseTime(issued)
	}
	op.UpdatedAt = parseTime(updated)
	op.Signatures, err = db.opinionSignatures(ctx, op.ID)
	return op, err
}

func (db *DB) opinionSignatures(ctx context.Context, opinionID int64) ([]cases.OpinionSignature, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT user_id, name, role, meaning, signed_at FROM opinion_signatures WHERE opinion_id = $1 ORDER BY seq", opinionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cases.OpinionSignature
	for rows.Next() {
		var s cases.OpinionSignature
		var at string
		if err := rows.Scan(&s.UserID, &s.Name, &s.Role, &s.Meaning, &at); err != nil {
			return nil, err
		}
		s.SignedAt = parseTime(at)
		out = append(out, s)
	}
	return out, rows.Err()
}

// CurrentOpinion is the newest opinion of a case.
func (db *DB) CurrentOpinion(ctx context.Context, caseID int64) (cases.Opinion, error) {
	return db.scanOpinion(ctx, db.db.QueryRowContext(ctx, "SELECT "+opinionColumns+" FROM opinions WHERE case_id = $1 ORDER BY id DESC LIMIT 1", caseID))
}

// IssuedOpinions lists a case's issued opinions, oldest first.
func (db *DB) IssuedOpinions(ctx context.Context, caseID int64) ([]cases.Opinion, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT id FROM opinions WHERE case_id = $1 AND state = 'issued' ORDER BY id", caseID)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	var out []cases.Opinion
	for _, id := range ids {
		op, err := db.scanOpinion(ctx, db.db.QueryRowContext(ctx, "SELECT "+opinionColumns+" FROM opinions WHERE id = $1", id))
		if err != nil {
			return nil, err
		}
		out = append(out, op)
	}
	return out, nil
}

// SaveOpinionVersion stores a new draft version, creating the opinion when
// op.ID is 0.
func (db *DB) SaveOpinionVersion(ctx context.Context, op *cases.Opinion, expected int, audit cases.AuditEntry) error {
	body, err := json.Marshal(op.Text.Paragraphs)
	if err != nil {
		return err
	}
	if op.Text.Paragraphs == nil {
		body = []byte("[]")
	}
	return db.writeTx(ctx, func(tx *tx) error {
		at := formatTime(op.UpdatedAt)
		if op.ID == 0 {
			err := tx.QueryRowContext(ctx, `INSERT INTO opinions (case_id, corrects_id, state, version, decision, body, created_at, updated_at, updated_by)
				VALUES ($1, NULLIF($2::bigint, 0), 'draft', 0, '', '[]', $3, $3, $4) RETURNING id`, op.CaseID, op.CorrectsID, at, op.UpdatedBy).Scan(&op.ID)
			if err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE opinions SET version = version + 1, decision = $3, body = $4, updated_at = $5, updated_by = $6, language = $7
			WHERE id = $1 AND state = 'draft' AND version = $2`, op.ID, expected, op.Text.Decision, string(body), at, op.UpdatedBy, string(op.Text.Language))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			var by, when string
			tx.QueryRowContext(ctx, "SELECT updated_by, updated_at FROM opinions WHERE id = $1", op.ID).Scan(&by, &when)
			return &cases.StaleError{Reference: "the opinion", By: by, At: parseTime(when)}
		}
		tx.touch("opinion", op.ID)
		if err := indexOpinion(ctx, tx, op.ID, string(body)); err != nil {
			return err
		}
		op.Version = expected + 1
		if _, err := tx.ExecContext(ctx, `INSERT INTO opinion_versions (opinion_id, version, saved_at, saved_by, decision, body)
			VALUES ($1, $2, $3, $4, $5, $6)`, op.ID, op.Version, at, op.UpdatedBy, op.Text.Decision, string(body)); err != nil {
			return err
		}
		audit.EntityID = op.ID
		return appendAudit(ctx, tx, audit, op.UpdatedAt)
	})
}

// OpinionVersions lists an opinion's saved drafts, newest first.
func (db *DB) OpinionVersions(ctx context.Context, opinionID int64) ([]cases.OpinionVersion, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT version, saved_at, saved_by, decision, body FROM opinion_versions
		WHERE opinion_id = $1 ORDER BY version DESC`, opinionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cases.OpinionVersion
	for rows.Next() {
		var v cases.OpinionVersion
		var at, body string
		if err := rows.Scan(&v.Version, &at, &v.SavedBy, &v.Text.Decision, &body); err != nil {
			return nil, err
		}
		v.SavedAt = parseTime(at)
		if err := json.Unmarshal([]byte(body), &v.Text.Paragraphs); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// RecordOpinionSignature stores a signed PDF and its signature and, when the
// chair's signature issues the opinion, moves the case in the same transaction.
func (db *DB) RecordOpinionSignature(ctx context.Context, opinionID int64, from, to cases.OpinionState, pdf []byte,
	layout cases.SignatureLayout, sig cases.OpinionSignature, move *cases.CaseMove, audit cases.AuditEntry) error {
	lay, _ := json.Marshal(layout)
	sum := sha256.Sum256(pdf)
	at := formatTime(sig.SignedAt)
	issuedAt := ""
	if to == cases.OpinionIssuedState {
		issuedAt = at
	}
	return db.writeTx(ctx, func(tx *tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE opinions SET state = $3, pdf = $4, pdf_sha256 = $5, sig_layout = $6, issued_at = $7,
			updated_at = $8, updated_by = $9 WHERE id = $1 AND state = $2`,
			opinionID, from, to, pdf, hex.EncodeToString(sum[:]), string(lay), issuedAt, at, sig.Name)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("The opinion was signed by someone else meanwhile; reopen it to see its state.")
		}
		tx.touch("opinion", opinionID)
		if _, err := tx.ExecContext(ctx, `INSERT INTO opinion_signatures (opinion_id, seq, user_id, name, role, meaning, signed_at)
			VALUES ($1, (SELECT COUNT(*) + 1 FROM opinion_signatures WHERE opinion_id = $1), $2, $3, $4, $5, $6)`,
			opinionID, sig.UserID, sig.Name, sig.Role, sig.Meaning, at); err != nil {
			return err
		}
		if move != nil {
			if err := checkVersion(ctx, tx, move.Case.ID, move.ExpectedVersion); err != nil {
				return err
			}
			if err := writeCase(ctx, tx, move.Case); err != nil {
				return err
			}
			if err := insertStatusChange(ctx, tx, move.Change); err != nil {
				return err
			}
			if move.Then != nil {
				if err := insertStatusChange(ctx, tx, move.Then); err != nil {
					return err
				}
			}
		}
		return appendAudit(ctx, tx, audit, sig.SignedAt)
	})
}

// OpinionPDF returns an opinion's stored PDF and the fingerprint recorded with it.
func (db *DB) OpinionPDF(ctx context.Context, opinionID int64) ([]byte, string, error) {
	var pdf []byte
	var sum string
	err := db.db.QueryRowContext(ctx, "SELECT pdf, pdf_sha256 FROM opinions WHERE id = $1", opinionID).Scan(&pdf, &sum)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", cases.ErrNotFound
	}
	if err == nil && pdf == nil {
		return nil, "", fmt.Errorf("This opinion has not been signed yet, so there is no PDF to give.")
	}
	return pdf, sum, err
}
