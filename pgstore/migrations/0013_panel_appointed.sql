-- Readers' declarations apart from the appointed panel, as on a file
-- (store/migrations/0023_panel_appointed.sql): appointed is 1 for the panel
-- the secretariat formed (added, made rapporteur, designated for the
-- simplified procedure), 0 for a member or the chair who declared only to
-- read an open case, who must not see it once it is confidential.
ALTER TABLE case_panel ADD COLUMN appointed integer NOT NULL DEFAULT 1 CHECK (appointed IN (0, 1));

-- An existing row is the panel's when the user is the case's rapporteur or
-- a designated member of its simplified procedure, or when the audit log
-- holds their appointment after their latest removal from the panel; any
-- other row was written by a reader's declaration. The log is only read.
UPDATE case_panel p SET appointed = 0
WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = p.case_id AND c.rapporteur_id = p.user_id)
  AND NOT EXISTS (SELECT 1 FROM simplified_views s WHERE s.case_id = p.case_id AND s.user_id = p.user_id)
  AND NOT EXISTS (
    SELECT 1 FROM audit_log a
    WHERE a.entity = 'case' AND a.entity_id = p.case_id
      AND ((a.action = 'case.panel_add' AND a.after::jsonb -> 'user_id' = to_jsonb(p.user_id))
        OR (a.action = 'case.assign_rapporteur' AND a.after::jsonb -> 'rapporteur_id' = to_jsonb(p.user_id))
        OR (a.action = 'case.simplified_designate' AND jsonb_typeof(a.after::jsonb -> 'members') = 'array'
            AND a.after::jsonb -> 'members' @> to_jsonb(p.user_id)))
      AND a.seq > COALESCE((
        SELECT MAX(r.seq) FROM audit_log r
        WHERE r.entity = 'case' AND r.entity_id = p.case_id AND r.action = 'case.panel_remove'
          AND r.before::jsonb -> 'user_id' = to_jsonb(p.user_id)), 0));
