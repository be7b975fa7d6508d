package pgstore

import (
	"context"
	"sort"
	"time"

	"ethicsdesk/cases"
)

// RetentionDue lists the closed cases, closed (in local time) on or
// before day, not anonymised yet. The local day of the last closure is
// worked out here, as SQLite's date(…, 'localtime') does in the SQLite
// store: the server's time zone is not necessarily the database's.
func (db *DB) RetentionDue(ctx context.Context, closedOnOrBefore cases.Date) ([]cases.RetentionCase, error) {
	rows, err := db.db.QueryContext(ctx, `
		SELECT c.id, c.reference, c.title, MAX(sc.at COLLATE "C")
		FROM cases c JOIN status_changes sc ON sc.case_id = c.id AND sc.to_status = 'closed'
		WHERE c.status = 'closed' AND c.anonymised_at = ''
		GROUP BY c.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cases.RetentionCase
	for rows.Next() {
		var rc cases.RetentionCase
		var closed string
		if err := rows.Scan(&rc.ID, &rc.Reference, &rc.Title, &closed); err != nil {
			return nil, err
		}
		rc.ClosedOn = cases.DateOf(parseTime(closed).In(time.Local))
		if !closedOnOrBefore.Before(rc.ClosedOn) {
			out = append(out, rc)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].ClosedOn.Equal(out[j].ClosedOn) {
			return out[i].ClosedOn.Before(out[j].ClosedOn)
		}
		return out[i].ID < out[j].ID
	})
	return out, rows.Err()
}

// AnonymiseSubmitters removes the submitter's name and contact of each
// case in ids. Each case changes version, so a window still holding the
// old details cannot save them back. (The old text stays in PostgreSQL's
// dead row versions until VACUUM and in the write-ahead log and backups;
// the README's "PostgreSQL" section says so.)
func (db *DB) AnonymiseSubmitters(ctx context.Context, ids []int64, at time.Time, audit cases.AuditEntry) (int, error) {
	n := 0
	err := db.writeTx(ctx, func(t *tx) error {
		stamp := formatTime(at)
		for _, id := range ids {
			res, err := t.ExecContext(ctx, `UPDATE cases SET submitter_name = '', submitter_contact = '', anonymised_at = $2,
				updated_at = $2, updated_by = $3, version = version + 1
				WHERE id = $1 AND anonymised_at = ''`, id, stamp, audit.Actor.Name())
			if err != nil {
				return err
			}
			if changed, _ := res.RowsAffected(); changed == 0 {
				continue // done by someone else meanwhile
			}
			t.touch("case", id)
			e := audit
			e.EntityID = id
			if err := appendAudit(ctx, t, e, at); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}
