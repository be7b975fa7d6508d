-- People and the record: meetings with their agenda, attendance and votes,
-- the simplified procedure, and indexes for the administrator's audit view.
-- Accounts, the panel (case_panel) and the settings table exist since 0001.

CREATE TABLE meetings (
    id         INTEGER PRIMARY KEY,
    held_on    TEXT NOT NULL CHECK (held_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    title      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
) STRICT;

CREATE INDEX meetings_held_on ON meetings (held_on, id);

CREATE TABLE meeting_agenda (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    case_id    INTEGER NOT NULL REFERENCES cases (id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, case_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX meeting_agenda_case ON meeting_agenda (case_id, meeting_id);

-- Members attend with their account; consultants (who may have none) by
-- name. Only capacity 'member' counts toward the quorum and may vote.
CREATE TABLE meeting_attendance (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    user_id    INTEGER REFERENCES users (id),
    name       TEXT NOT NULL,
    capacity   TEXT NOT NULL CHECK (capacity IN ('member', 'consultant'))
) STRICT;

CREATE UNIQUE INDEX meeting_attendance_user ON meeting_attendance (meeting_id, user_id) WHERE user_id IS NOT NULL;

CREATE TABLE votes (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    case_id    INTEGER NOT NULL REFERENCES cases (id),
    user_id    INTEGER NOT NULL REFERENCES users (id),
    vote       TEXT NOT NULL CHECK (vote IN ('approve', 'approve_modified', 'reject', 'abstain')),
    at         TEXT NOT NULL,
    PRIMARY KEY (meeting_id, case_id, user_id)
) STRICT, WITHOUT ROWID;

-- Simplified procedure: the designated members of a minimal-risk case and
-- the view each recorded ('' until recorded).
CREATE TABLE simplified_views (
    case_id  INTEGER NOT NULL REFERENCES cases (id),
    user_id  INTEGER NOT NULL REFERENCES users (id),
    view     TEXT NOT NULL DEFAULT '' CHECK (view IN ('', 'approve', 'approve_modified', 'reject')),
    comment  TEXT NOT NULL DEFAULT '',
    at       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (case_id, user_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX audit_actor ON audit_log (actor_id, seq);
CREATE INDEX audit_action ON audit_log (action, seq);
CREATE INDEX audit_at ON audit_log (at);
