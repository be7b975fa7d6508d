package store

import (
	"context"
	"database/sql"

	"ethicsdesk/cases"
)

// DeadlineCases lists the cases whose deadline may run: open ones and
// those in follow-up, with their status history.
func (db *DB) DeadlineCases(ctx context.Context) ([]cases.DeadlineCase, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, type_code, priority, status, due_on FROM cases
		WHERE status IN ('received', 'screening', 'under_review', 'awaiting_info', 'deliberation', 'opinion_drafting', 'follow_up')
		ORDER BY id`)
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
	hist, err := db.read.QueryContext(ctx, `SELECT s.id, s.case_id, s.at, s.actor_id, s.actor_name, s.from_status, s.to_status, s.reason
		FROM status_changes s JOIN cases c ON c.id = s.case_id
		WHERE c.status IN ('received', 'screening', 'under_review', 'awaiting_info', 'deliberation', 'opinion_drafting', 'follow_up')
		ORDER BY s.case_id, s.at, s.id`)
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

// SetDueDates writes recomputed due dates in one transaction. It does not
// bump versions: a recomputation is not an edit a colleague could overwrite.
func (db *DB) SetDueDates(ctx context.Context, due map[int64]cases.Date) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, "UPDATE cases SET due_on = ?2 WHERE id = ?1")
		if err != nil {
			return err
		}
		defer stmt.Close()
		for id, d := range due {
			if _, err := stmt.ExecContext(ctx, id, d.String()); err != nil {
				return err
			}
		}
		return nil
	})
}
