package pgstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"ethicsdesk/cases"
)

// Attachments are kept inside the register file (tables blobs and
// attachments, migration 0005) rather than in a folder beside it: a backup
// is then one consistent file, and a file is added in the same transaction
// as its case and audit entry, so a crash or a full disk can never leave a
// case pointing at a missing file, or an orphan file nobody can account for.

// readIntSetting reads an integer from the settings table, def when absent
// or unreadable.
func (db *DB) readIntSetting(ctx context.Context, key string, def int64) (int64, error) {
	var v string
	err := db.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = $1", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	}
	if err != nil {
		return def, err
	}
	n, perr := strconv.ParseInt(v, 10, 64)
	if perr != nil {
		return def, nil
	}
	return n, nil
}

// AttachmentMaxBytes is the "attachment_max_bytes" setting.
func (db *DB) AttachmentMaxBytes(ctx context.Context) (int64, error) {
	n, err := db.readIntSetting(ctx, "attachment_max_bytes", cases.DefaultAttachmentMaxBytes)
	if n <= 0 {
		n = cases.DefaultAttachmentMaxBytes
	}
	return n, err
}

// AddAttachments stores every upload in one transaction.
func (db *DB) AddAttachments(ctx context.Context, ups []*cases.AttachmentUpload) error {
	return db.writeTx(ctx, func(tx *tx) error {
		for _, u := range ups {
			if err := insertAttachment(ctx, tx, u); err != nil {
				return err
			}
		}
		return nil
	})
}

// CreateCaseWithAttachments inserts the case and its files together.
func (db *DB) CreateCaseWithAttachments(ctx context.Context, c *cases.Case, audit cases.AuditEntry, ups []*cases.AttachmentUpload) error {
	return db.writeTx(ctx, func(tx *tx) error {
		if err := insertCase(ctx, tx, c, audit); err != nil {
			return err
		}
		for _, u := range ups {
			u.Meta.CaseID = c.ID
			if m, ok := u.Audit.After.(map[string]any); ok {
				m["case_id"] = c.ID
			}
			if err := insertAttachment(ctx, tx, u); err != nil {
				return err
			}
		}
		return nil
	})
}

// insertAttachment stores the bytes once per fingerprint, then the record
// and its audit entry.
func insertAttachment(ctx context.Context, tx *tx, u *cases.AttachmentUpload) error {
	m := &u.Meta
	if cases.Fingerprint(u.Data) != m.SHA256 {
		return fmt.Errorf("the file %q changed while it was being attached; try again", m.FileName)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO blobs (sha256, size, data) VALUES ($1, $2, $3)
		ON CONFLICT (sha256) DO NOTHING`, m.SHA256, len(u.Data), u.Data); err != nil {
		return err
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO attachments (case_id, sha256, file_name, content_type, size, added_by_id, added_by, added_at, letter_text)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		m.CaseID, m.SHA256, m.FileName, m.ContentType, m.Size, m.AddedByID, m.AddedBy, formatTime(m.AddedAt), u.SearchText).Scan(&m.ID)
	if err != nil {
		return err
	}
	if u.SearchText != "" { // a kept letter: found by search
		if err := indexLetter(ctx, tx, m.ID, u.SearchText); err != nil {
			return err
		}
	}
	u.Audit.EntityID = m.ID
	return appendAudit(ctx, tx, u.Audit, m.AddedAt)
}

const attachmentColumns = `id, case_id, file_name, content_type, size, sha256, added_by_id, added_by, added_at`

func scanAttachment(row interface{ Scan(...any) error }, extra ...any) (cases.Attachment, error) {
	var a cases.Attachment
	var at string
	dest := append([]any{&a.ID, &a.CaseID, &a.FileName, &a.ContentType, &a.Size, &a.SHA256, &a.AddedByID, &a.AddedBy, &at}, extra...)
	if err := row.Scan(dest...); err != nil {
		return a, err
	}
	a.AddedAt = parseTime(at)
	return a, nil
}

// Attachments lists a case's attachments, oldest first.
func (db *DB) Attachments(ctx context.Context, caseID int64) ([]cases.Attachment, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT "+attachmentColumns+` FROM attachments WHERE case_id = $1 ORDER BY added_at COLLATE "C", id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cases.Attachment
	for rows.Next() {
		a, err := scanAttachment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AttachmentData reads an attachment and its stored bytes as they are.
func (db *DB) AttachmentData(ctx context.Context, id int64) (cases.Attachment, []byte, error) {
	var data []byte
	a, err := scanAttachment(db.db.QueryRowContext(ctx, `SELECT a.id, a.case_id, a.file_name, a.content_type, a.size, a.sha256,
		a.added_by_id, a.added_by, a.added_at, b.data
		FROM attachments a LEFT JOIN blobs b ON b.sha256 = a.sha256 WHERE a.id = $1`, id), &data)
	if errors.Is(err, sql.ErrNoRows) {
		return a, nil, cases.ErrNotFound
	}
	if err != nil {
		return a, nil, err
	}
	if data == nil {
		return a, nil, &cases.DamagedAttachmentError{FileName: a.FileName, Want: a.SHA256}
	}
	return a, data, nil
}

// CheckAttachments re-reads every stored file and compares it with its
// fingerprint; it returns one sentence per damaged file. Backups run it on
// the copy before they report success.
func (db *DB) CheckAttachments(ctx context.Context) ([]string, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT sha256, size, data FROM blobs ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var sum string
		var size int64
		var data []byte
		if err := rows.Scan(&sum, &size, &data); err != nil {
			return nil, err
		}
		if cases.Fingerprint(data) != sum || int64(len(data)) != size {
			problems = append(problems, fmt.Sprintf("a stored attachment (fingerprint %.12s…) is damaged: its bytes no longer match", sum))
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var missing int
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FROM attachments a
		WHERE NOT EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = a.sha256)`).Scan(&missing); err != nil {
		return nil, err
	}
	if missing > 0 {
		problems = append(problems, fmt.Sprintf("%d attachment(s) have lost their stored bytes", missing))
	}
	return problems, nil
}
