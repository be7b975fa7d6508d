package pgstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ethicsdesk/cases"
)

const caseColumns = `c.id, c.reference, c.type_code, c.title, c.summary, c.received_on, c.channel,
	c.submitter_kind, c.submitter_name, c.submitter_contact, c.submitter_confidential,
	c.respondent, c.ai_system, c.sector, c.catalogue_code, c.risk, c.breach, c.priority, c.confidential,
	c.status, c.accepted_on, c.due_on, COALESCE(c.rapporteur_id, 0), c.rapporteur_name,
	c.created_at, c.created_by, c.updated_at, c.updated_by, c.version, c.anonymised_at`

func scanCase(row interface{ Scan(...any) error }) (cases.Case, error) {
	var c cases.Case
	var received, accepted, due, created, updated, anonymised string
	err := row.Scan(&c.ID, &c.Reference, &c.TypeCode, &c.Title, &c.Summary, &received, &c.Channel,
		&c.Submitter.Kind, &c.Submitter.Name, &c.Submitter.Contact, &c.Submitter.Confidential,
		&c.Respondent, &c.AISystem, &c.Sector, &c.CatalogueCode, &c.Risk, &c.Breach, &c.Priority, &c.Confidential,
		&c.Status, &accepted, &due, &c.RapporteurID, &c.Rapporteur,
		&created, &c.CreatedBy, &updated, &c.UpdatedBy, &c.Version, &anonymised)
	if err != nil {
		return c, err
	}
	c.ReceivedOn, _ = cases.ParseDate(received)
	c.AcceptedOn, _ = cases.ParseDate(accepted)
	c.DueOn, _ = cases.ParseDate(due)
	c.CreatedAt, c.UpdatedAt = parseTime(created), parseTime(updated)
	if anonymised != "" {
		c.AnonymisedAt = parseTime(anonymised)
	}
	return c, nil
}

// GetCase reads one case by id.
func (db *DB) GetCase(ctx context.Context, id int64) (cases.Case, error) {
	c, err := scanCase(db.db.QueryRowContext(ctx, "SELECT "+caseColumns+" FROM cases c WHERE c.id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, cases.ErrNotFound
	}
	return c, err
}

// CaseIDByReference finds a case's id from its reference.
func (db *DB) CaseIDByReference(ctx context.Context, ref string) (int64, error) {
	var id int64
	err := db.db.QueryRowContext(ctx, "SELECT id FROM cases WHERE reference = $1", ref).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, cases.ErrNotFound
	}
	return id, err
}

// nextReference hands out the next EC-YYYY-NNNN inside t: the counter's
// row stays locked until t ends, and a rolled-back case gives its number
// back, so numbers have no gaps.
func nextReference(ctx context.Context, t *tx, year int) (string, error) {
	var n int
	err := t.QueryRowContext(ctx, `INSERT INTO reference_counters (year, last) VALUES ($1, 1)
		ON CONFLICT (year) DO UPDATE SET last = reference_counters.last + 1 RETURNING last`, year).Scan(&n)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("EC-%04d-%04d", year, n), nil
}

// CreateCase inserts c with the next reference of its creation year.
func (db *DB) CreateCase(ctx context.Context, c *cases.Case, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(t *tx) error {
		return insertCase(ctx, t, c, audit)
	})
}

func insertCase(ctx context.Context, t *tx, c *cases.Case, audit cases.AuditEntry) error {
	if err := insertCaseRow(ctx, t, c); err != nil {
		return err
	}
	audit.EntityID = c.ID
	if m, ok := audit.After.(map[string]any); ok {
		m["reference"] = c.Reference
	}
	return appendAudit(ctx, t, audit, c.CreatedAt)
}

func insertCaseRow(ctx context.Context, t *tx, c *cases.Case) error {
	ref, err := nextReference(ctx, t, c.CreatedAt.Year())
	if err != nil {
		return err
	}
	err = t.QueryRowContext(ctx, `INSERT INTO cases (reference, type_code, title, summary, received_on, received_year, channel,
		submitter_kind, submitter_name, submitter_contact, submitter_confidential, respondent, ai_system, sector,
		catalogue_code, risk, breach, priority, confidential, status, status_rank, accepted_on, due_on,
		rapporteur_id, rapporteur_name, created_at, created_by, updated_at, updated_by, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
		NULLIF($24::bigint, 0), $25, $26, $27, $28, $29, 1) RETURNING id`,
		ref, c.TypeCode, c.Title, c.Summary, c.ReceivedOn.String(), c.ReceivedOn.Year(), c.Channel,
		c.Submitter.Kind, c.Submitter.Name, c.Submitter.Contact, boolInt(c.Submitter.Confidential),
		c.Respondent, c.AISystem, c.Sector, c.CatalogueCode, c.Risk, c.Breach, c.Priority, boolInt(c.Confidential),
		c.Status, cases.StatusRank(c.Status), c.AcceptedOn.String(), c.DueOn.String(),
		c.RapporteurID, c.Rapporteur, formatTime(c.CreatedAt), c.CreatedBy, formatTime(c.UpdatedAt), c.UpdatedBy).Scan(&c.ID)
	if err != nil {
		return err
	}
	t.touch("case", c.ID)
	c.Reference, c.Version = ref, 1
	return indexCase(ctx, t, c)
}

// checkVersion returns *cases.StaleError unless the stored case is still
// at version expected; it locks the case's row until the transaction ends.
func checkVersion(ctx context.Context, t *tx, id, expected int64) error {
	var version int64
	var ref, by, at string
	err := t.QueryRowContext(ctx, "SELECT version, reference, updated_by, updated_at FROM cases WHERE id = $1 FOR UPDATE", id).Scan(&version, &ref, &by, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return cases.ErrNotFound
	}
	if err != nil {
		return err
	}
	if version != expected {
		return &cases.StaleError{Reference: ref, By: by, At: parseTime(at)}
	}
	return nil
}

// UpdateCase writes every editable field of c under the version guard.
func (db *DB) UpdateCase(ctx context.Context, c *cases.Case, expected int64, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(t *tx) error {
		if err := checkVersion(ctx, t, c.ID, expected); err != nil {
			return err
		}
		if err := writeCase(ctx, t, c); err != nil {
			return err
		}
		return appendAudit(ctx, t, audit, c.UpdatedAt)
	})
}

func writeCase(ctx context.Context, t *tx, c *cases.Case) error {
	_, err := t.ExecContext(ctx, `UPDATE cases SET type_code = $2, title = $3, summary = $4, received_on = $5, received_year = $6,
		channel = $7, submitter_kind = $8, submitter_name = $9, submitter_contact = $10, submitter_confidential = $11,
		respondent = $12, ai_system = $13, sector = $14, catalogue_code = $15, risk = $16, breach = $17, priority = $18,
		confidential = $19, status = $20, status_rank = $21, accepted_on = $22, due_on = $23,
		updated_at = $24, updated_by = $25, version = version + 1
		WHERE id = $1`,
		c.ID, c.TypeCode, c.Title, c.Summary, c.ReceivedOn.String(), c.ReceivedOn.Year(),
		c.Channel, c.Submitter.Kind, c.Submitter.Name, c.Submitter.Contact, boolInt(c.Submitter.Confidential),
		c.Respondent, c.AISystem, c.Sector, c.CatalogueCode, c.Risk, c.Breach, c.Priority,
		boolInt(c.Confidential), c.Status, cases.StatusRank(c.Status), c.AcceptedOn.String(), c.DueOn.String(),
		formatTime(c.UpdatedAt), c.UpdatedBy)
	if err != nil {
		return err
	}
	t.touch("case", c.ID)
	c.Version++
	return indexCase(ctx, t, c)
}

// RecordTransition stores a status change with the case's new state.
func (db *DB) RecordTransition(ctx context.Context, c *cases.Case, expected int64, ch *cases.StatusChange, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(t *tx) error {
		if err := checkVersion(ctx, t, c.ID, expected); err != nil {
			return err
		}
		if err := writeCase(ctx, t, c); err != nil {
			return err
		}
		if err := insertStatusChange(ctx, t, ch); err != nil {
			return err
		}
		return appendAudit(ctx, t, audit, ch.At)
	})
}

// StatusHistory lists a case's status changes, oldest first.
func (db *DB) StatusHistory(ctx context.Context, caseID int64) ([]cases.StatusChange, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, case_id, at, actor_id, actor_name, from_status, to_status, reason
		FROM status_changes WHERE case_id = $1 ORDER BY at COLLATE "C", id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanStatusChanges(rows)
}

func scanStatusChanges(rows *sql.Rows) ([]cases.StatusChange, error) {
	var out []cases.StatusChange
	for rows.Next() {
		var ch cases.StatusChange
		var at string
		if err := rows.Scan(&ch.ID, &ch.CaseID, &at, &ch.ActorID, &ch.Actor, &ch.From, &ch.To, &ch.Reason); err != nil {
			return nil, err
		}
		ch.At = parseTime(at)
		out = append(out, ch)
	}
	return out, rows.Err()
}

// openStatuses are the statuses whose deadline may run.
const openStatuses = `('received', 'screening', 'under_review', 'awaiting_info', 'deliberation', 'opinion_drafting', 'follow_up')`

// DeadlineCases lists the cases whose deadline may run, with their status
// history.
func (db *DB) DeadlineCases(ctx context.Context) ([]cases.DeadlineCase, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, type_code, priority, status, due_on FROM cases
		WHERE status IN `+openStatuses+` ORDER BY id`)
	if err != nil {
		return nil, err
	}
	var list []cases.DeadlineCase
	index := map[int64]int{}
	for rows.Next() {
		var dc cases.DeadlineCase
		var due string
		if err := rows.Scan(&dc.ID, &dc.TypeCode, &dc.Priority, &dc.Status, &due); err != nil {
			rows.Close()
			return nil, err
		}
		dc.DueOn, _ = cases.ParseDate(due)
		index[dc.ID] = len(list)
		list = append(list, dc)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	hist, err := db.db.QueryContext(ctx, `SELECT s.id, s.case_id, s.at, s.actor_id, s.actor_name, s.from_status, s.to_status, s.reason
		FROM status_changes s JOIN cases c ON c.id = s.case_id
		WHERE c.status IN `+openStatuses+` ORDER BY s.case_id, s.at COLLATE "C", s.id`)
	if err != nil {
		return nil, err
	}
	defer hist.Close()
	changes, err := scanStatusChanges(hist)
	if err != nil {
		return nil, err
	}
	for _, ch := range changes {
		if i, ok := index[ch.CaseID]; ok {
			list[i].History = append(list[i].History, ch)
		}
	}
	return list, nil
}

// SetDueDates writes recomputed due dates in one transaction; not an edit,
// so versions stay.
func (db *DB) SetDueDates(ctx context.Context, due map[int64]cases.Date) error {
	return db.writeTx(ctx, func(t *tx) error {
		for id, d := range due {
			if _, err := t.ExecContext(ctx, "UPDATE cases SET due_on = $2 WHERE id = $1", id, d.String()); err != nil {
				return err
			}
		}
		return nil
	})
}

// AddNote stores a note on a case.
func (db *DB) AddNote(ctx context.Context, n *cases.Note, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(t *tx) error {
		err := t.QueryRowContext(ctx, `INSERT INTO notes (case_id, at, author_id, author_name, body, private)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, n.CaseID, formatTime(n.At), n.AuthorID, n.Author, n.Body, boolInt(n.Private)).Scan(&n.ID)
		if err != nil {
			return err
		}
		t.touch("note", n.ID)
		if err := indexNote(ctx, t, n); err != nil {
			return err
		}
		audit.EntityID = n.ID
		return appendAudit(ctx, t, audit, n.At)
	})
}

// Notes lists a case's notes, newest first, without other users' private notes.
func (db *DB) Notes(ctx context.Context, caseID, viewerID int64) ([]cases.Note, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, case_id, at, author_id, author_name, body, private FROM notes
		WHERE case_id = $1 AND (private = 0 OR author_id = $2) ORDER BY at COLLATE "C" DESC, id DESC`, caseID, viewerID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cases.Note
	for rows.Next() {
		var n cases.Note
		var at string
		if err := rows.Scan(&n.ID, &n.CaseID, &at, &n.AuthorID, &n.Author, &n.Body, &n.Private); err != nil {
			return nil, err
		}
		n.At = parseTime(at)
		out = append(out, n)
	}
	return out, rows.Err()
}

func insertStatusChange(ctx context.Context, t *tx, ch *cases.StatusChange) error {
	return t.QueryRowContext(ctx, `INSERT INTO status_changes (case_id, at, actor_id, actor_name, from_status, to_status, reason)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, ch.CaseID, formatTime(ch.At), ch.ActorID, ch.Actor, ch.From, ch.To, ch.Reason).Scan(&ch.ID)
}
