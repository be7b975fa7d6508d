package pgstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"ethicsdesk/cases"
)

// CreateMeeting inserts a meeting.
func (db *DB) CreateMeeting(ctx context.Context, m *cases.Meeting, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(t *tx) error {
		err := t.QueryRowContext(ctx, "INSERT INTO meetings (held_on, title, created_at, created_by) VALUES ($1, $2, $3, $4) RETURNING id",
			m.HeldOn.String(), m.Title, formatTime(m.CreatedAt), m.CreatedBy).Scan(&m.ID)
		if err != nil {
			return err
		}
		audit.EntityID = m.ID
		return appendAudit(ctx, t, audit, m.CreatedAt)
	})
}

func scanMeeting(row interface{ Scan(...any) error }) (cases.Meeting, error) {
	var m cases.Meeting
	var held, created string
	if err := row.Scan(&m.ID, &held, &m.Title, &created, &m.CreatedBy); err != nil {
		return m, err
	}
	m.HeldOn, _ = cases.ParseDate(held)
	m.CreatedAt = parseTime(created)
	return m, nil
}

const meetingColumns = "id, held_on, title, created_at, created_by"

// Meetings lists meetings, newest first.
func (db *DB) Meetings(ctx context.Context) ([]cases.Meeting, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT "+meetingColumns+` FROM meetings ORDER BY held_on COLLATE "C" DESC, id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cases.Meeting
	for rows.Next() {
		m, err := scanMeeting(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Meeting reads a meeting with its agenda (in order) and attendance.
func (db *DB) Meeting(ctx context.Context, id int64) (cases.Meeting, error) {
	m, err := scanMeeting(db.db.QueryRowContext(ctx, "SELECT "+meetingColumns+" FROM meetings WHERE id = $1", id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, cases.ErrNotFound
	}
	if err != nil {
		return m, err
	}
	rows, err := db.db.QueryContext(ctx, `SELECT a.case_id, c.reference, c.title FROM meeting_agenda a JOIN cases c ON c.id = a.case_id
		WHERE a.meeting_id = $1 ORDER BY a.position, a.case_id`, id)
	if err != nil {
		return m, err
	}
	for rows.Next() {
		var item cases.AgendaItem
		if err := rows.Scan(&item.CaseID, &item.Reference, &item.Title); err != nil {
			rows.Close()
			return m, err
		}
		m.Agenda = append(m.Agenda, item)
	}
	rows.Close()
	att, err := db.db.QueryContext(ctx, `SELECT id, COALESCE(user_id, 0), name, capacity FROM meeting_attendance
		WHERE meeting_id = $1 ORDER BY capacity COLLATE "C" DESC, lower(name COLLATE "C")`, id)
	if err != nil {
		return m, err
	}
	defer att.Close()
	for att.Next() {
		var a cases.Attendee
		if err := att.Scan(&a.ID, &a.UserID, &a.Name, &a.Capacity); err != nil {
			return m, err
		}
		m.Attendance = append(m.Attendance, a)
	}
	return m, att.Err()
}

func addAgendaRow(ctx context.Context, t *tx, meetingID, caseID int64) error {
	_, err := t.ExecContext(ctx, `INSERT INTO meeting_agenda (meeting_id, case_id, position)
		VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM meeting_agenda WHERE meeting_id = $1))
		ON CONFLICT DO NOTHING`, meetingID, caseID)
	return err
}

// AddToAgenda appends a case to a meeting's agenda.
func (db *DB) AddToAgenda(ctx context.Context, meetingID, caseID int64, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(t *tx) error {
		if err := addAgendaRow(ctx, t, meetingID, caseID); err != nil {
			return err
		}
		return appendAudit(ctx, t, audit, time.Now())
	})
}

// RemoveFromAgenda takes a case off an agenda.
func (db *DB) RemoveFromAgenda(ctx context.Context, meetingID, caseID int64, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(t *tx) error {
		res, err := t.ExecContext(ctx, "DELETE FROM meeting_agenda WHERE meeting_id = $1 AND case_id = $2", meetingID, caseID)
		if err := affectedOne(res, err); err != nil {
			return err
		}
		return appendAudit(ctx, t, audit, time.Now())
	})
}

// AddAttendee records someone present.
func (db *DB) AddAttendee(ctx context.Context, meetingID int64, a *cases.Attendee, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(t *tx) error {
		err := t.QueryRowContext(ctx, "INSERT INTO meeting_attendance (meeting_id, user_id, name, capacity) VALUES ($1, NULLIF($2::bigint, 0), $3, $4) RETURNING id",
			meetingID, a.UserID, a.Name, a.Capacity).Scan(&a.ID)
		if err != nil {
			return err
		}
		return appendAudit(ctx, t, audit, time.Now())
	})
}

// RemoveAttendee deletes one attendance line.
func (db *DB) RemoveAttendee(ctx context.Context, meetingID, attendeeID int64, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(t *tx) error {
		res, err := t.ExecContext(ctx, "DELETE FROM meeting_attendance WHERE meeting_id = $1 AND id = $2", meetingID, attendeeID)
		if err := affectedOne(res, err); err != nil {
			return err
		}
		return appendAudit(ctx, t, audit, time.Now())
	})
}

// SaveVote records or replaces a vote.
func (db *DB) SaveVote(ctx context.Context, v cases.CastVote, audit cases.AuditEntry) error {
	return db.writeTx(ctx, func(t *tx) error {
		if _, err := t.ExecContext(ctx, `INSERT INTO votes (meeting_id, case_id, user_id, vote, at) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (meeting_id, case_id, user_id) DO UPDATE SET vote = $4, at = $5`,
			v.MeetingID, v.CaseID, v.UserID, v.Vote, formatTime(v.At)); err != nil {
			return err
		}
		return appendAudit(ctx, t, audit, v.At)
	})
}

// Votes lists the votes on a case at a meeting, by voter name.
func (db *DB) Votes(ctx context.Context, meetingID, caseID int64) ([]cases.CastVote, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT v.user_id, u.username, u.display_name, v.vote, v.at
		FROM votes v JOIN users u ON u.id = v.user_id WHERE v.meeting_id = $1 AND v.case_id = $2
		ORDER BY lower(u.display_name COLLATE "C"), u.username COLLATE "C"`, meetingID, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cases.CastVote
	for rows.Next() {
		v := cases.CastVote{MeetingID: meetingID, CaseID: caseID}
		var username, display, at string
		if err := rows.Scan(&v.UserID, &username, &display, &v.Vote, &at); err != nil {
			return nil, err
		}
		v.Name = cases.User{Username: username, DisplayName: display}.Name()
		v.At = parseTime(at)
		out = append(out, v)
	}
	return out, rows.Err()
}

// NextMeeting is the first meeting on or after day, with its agenda.
func (db *DB) NextMeeting(ctx context.Context, day cases.Date) (cases.Meeting, error) {
	var id int64
	err := db.db.QueryRowContext(ctx, `SELECT id FROM meetings WHERE held_on >= $1 ORDER BY held_on COLLATE "C", id LIMIT 1`, day.String()).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return cases.Meeting{}, cases.ErrNotFound
	}
	if err != nil {
		return cases.Meeting{}, err
	}
	return db.Meeting(ctx, id)
}
