package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ethicsdesk/cases"
)

// statusRank orders statuses as the workflow does, for sorting: the
// domain's fixed rank, stored with each case.
func statusRank(s cases.Status) int { return cases.StatusRank(s) }

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
	c, err := scanCase(db.read.QueryRowContext(ctx, "SELECT "+caseColumns+" FROM cases c WHERE c.id = ?1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, cases.ErrNotFound
	}
	return c, err
}

// CaseIDByReference finds a case's id from its reference.
func (db *DB) CaseIDByReference(ctx context.Context, ref string) (int64, error) {
	var id int64
	err := db.read.QueryRowContext(ctx, "SELECT id FROM cases WHERE reference = ?1", ref).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, cases.ErrNotFound
	}
	return id, err
}

// nextReference hands out the next EC-YYYY-NNNN inside tx.
func nextReference(ctx context.Context, tx *sql.Tx, year int) (string, error) {
	var n int
	err := tx.QueryRowContext(ctx, `INSERT INTO reference_counters (year, last) VALUES (?1, 1)
		ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last`, year).Scan(&n)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("EC-%04d-%04d", year, n), nil
}

// CreateCase inserts c with the next reference of its creation year.
func (db *DB) CreateCase(ctx context.Context, c *cases.Case, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		return insertCase(ctx, tx, c, audit)
	})
}

func insertCase(ctx context.Context, tx *sql.Tx, c *cases.Case, audit cases.AuditEntry) error {
	if err := insertCaseRow(ctx, tx, c); err != nil {
		return err
	}
	audit.EntityID = c.ID
	if m, ok := audit.After.(map[string]any); ok {
		m["reference"] = c.Reference
	}
	return appendAudit(ctx, tx, audit, c.CreatedAt)
}

// insertCaseRow inserts c with the next reference of its creation year.
func insertCaseRow(ctx context.Context, tx *sql.Tx, c *cases.Case) error {
	ref, err := nextReference(ctx, tx, c.CreatedAt.Year())
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO cases (reference, type_code, title, summary, received_on, received_year, channel,
		submitter_kind, submitter_name, submitter_contact, submitter_confidential, respondent, ai_system, sector,
		catalogue_code, risk, breach, priority, confidential, status, status_rank, accepted_on, due_on,
		rapporteur_id, rapporteur_name, created_at, created_by, updated_at, updated_by, version)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23,
		NULLIF(?24, 0), ?25, ?26, ?27, ?28, ?29, 1)`,
		ref, c.TypeCode, c.Title, c.Summary, c.ReceivedOn.String(), c.ReceivedOn.Year(), c.Channel,
		c.Submitter.Kind, c.Submitter.Name, c.Submitter.Contact, boolInt(c.Submitter.Confidential),
		c.Respondent, c.AISystem, c.Sector, c.CatalogueCode, c.Risk, c.Breach, c.Priority, boolInt(c.Confidential),
		c.Status, statusRank(c.Status), c.AcceptedOn.String(), c.DueOn.String(),
		c.RapporteurID, c.Rapporteur, formatTime(c.CreatedAt), c.CreatedBy, formatTime(c.UpdatedAt), c.UpdatedBy)
	if err != nil {
		return err
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	c.Reference, c.Version = ref, 1
	return nil
}

// checkVersion returns *cases.StaleError unless the stored case is still at
// version expected.
func checkVersion(ctx context.Context, tx *sql.Tx, id, expected int64) error {
	var version int64
	var ref, by, at string
	err := tx.QueryRowContext(ctx, "SELECT version, reference, updated_by, updated_at FROM cases WHERE id = ?1", id).Scan(&version, &ref, &by, &at)
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
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		if err := checkVersion(ctx, tx, c.ID, expected); err != nil {
			return err
		}
		if err := writeCase(ctx, tx, c); err != nil {
			return err
		}
		return appendAudit(ctx, tx, audit, c.UpdatedAt)
	})
}

func writeCase(ctx context.Context, tx *sql.Tx, c *cases.Case) error {
	_, err := tx.ExecContext(ctx, `UPDATE cases SET type_code = ?2, title = ?3, summary = ?4, received_on = ?5, received_year = ?6,
		channel = ?7, submitter_kind = ?8, submitter_name = ?9, submitter_contact = ?10, submitter_confidential = ?11,
		respondent = ?12, ai_system = ?13, sector = ?14, catalogue_code = ?15, risk = ?16, breach = ?17, priority = ?18,
		confidential = ?19, status = ?20, status_rank = ?21, accepted_on = ?22, due_on = ?23,
		updated_at = ?24, updated_by = ?25, version = version + 1
		WHERE id = ?1`,
		c.ID, c.TypeCode, c.Title, c.Summary, c.ReceivedOn.String(), c.ReceivedOn.Year(),
		c.Channel, c.Submitter.Kind, c.Submitter.Name, c.Submitter.Contact, boolInt(c.Submitter.Confidential),
		c.Respondent, c.AISystem, c.Sector, c.CatalogueCode, c.Risk, c.Breach, c.Priority,
		boolInt(c.Confidential), c.Status, statusRank(c.Status), c.AcceptedOn.String(), c.DueOn.String(),
		formatTime(c.UpdatedAt), c.UpdatedBy)
	if err != nil {
		return err
	}
	c.Version++
	return nil
}

// RecordTransition stores a status change with the case's new state.
func (db *DB) RecordTransition(ctx context.Context, c *cases.Case, expected int64, ch *cases.StatusChange, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		if err := checkVersion(ctx, tx, c.ID, expected); err != nil {
			return err
		}
		if err := writeCase(ctx, tx, c); err != nil {
			return err
		}
		if err := insertStatusChange(ctx, tx, ch); err != nil {
			return err
		}
		return appendAudit(ctx, tx, audit, ch.At)
	})
}

// insertStatusChange records a move of a case's status. (No caller reads
// the change's new id: the case's history is read back by StatusHistory.)
func insertStatusChange(ctx context.Context, tx *sql.Tx, ch *cases.StatusChange) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO status_changes (case_id, at, actor_id, actor_name, from_status, to_status, reason)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`, ch.CaseID, formatTime(ch.At), ch.ActorID, ch.Actor, ch.From, ch.To, ch.Reason)
	return err
}

// StatusHistory lists a case's status changes, oldest first.
func (db *DB) StatusHistory(ctx context.Context, caseID int64) ([]cases.StatusChange, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, case_id, at, actor_id, actor_name, from_status, to_status, reason
		FROM status_changes WHERE case_id = ?1 ORDER BY at, id`, caseID)
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
