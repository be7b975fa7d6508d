-- A member or the chair off a case's panel declares before reading an open
-- case, and the declaration is kept in case_panel; from then on nothing
-- told them from the panel the secretariat formed, so they kept seeing the
-- case once it was made confidential, and were listed on its panel.
-- appointed is 1 for the panel (added, made rapporteur, designated for the
-- simplified procedure) and 0 for a reader's declaration.
ALTER TABLE case_panel ADD COLUMN appointed INTEGER NOT NULL DEFAULT 1 CHECK (appointed IN (0, 1));

-- An existing row is the panel's when the user is the case's rapporteur or
-- a designated member of its simplified procedure, or when the audit log
-- holds their appointment (added to the panel, made rapporteur, designated)
-- after their latest removal from it; any other row was written by a
-- reader's declaration. The log is only read.
UPDATE case_panel SET appointed = 0
WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = case_panel.case_id AND c.rapporteur_id = case_panel.user_id)
  AND NOT EXISTS (SELECT 1 FROM simplified_views s WHERE s.case_id = case_panel.case_id AND s.user_id = case_panel.user_id)
  AND NOT EXISTS (
    SELECT 1 FROM audit_log a
    WHERE a.entity = 'case' AND a.entity_id = case_panel.case_id AND json_valid(a.after)
      AND ((a.action = 'case.panel_add' AND json_extract(a.after, '$.user_id') = case_panel.user_id)
        OR (a.action = 'case.assign_rapporteur' AND json_extract(a.after, '$.rapporteur_id') = case_panel.user_id)
        OR (a.action = 'case.simplified_designate'
            AND EXISTS (SELECT 1 FROM json_each(a.after, '$.members') m WHERE m.value = case_panel.user_id)))
      AND a.seq > COALESCE((
        SELECT MAX(r.seq) FROM audit_log r
        WHERE r.entity = 'case' AND r.entity_id = case_panel.case_id AND r.action = 'case.panel_remove'
          AND json_valid(r.before) AND json_extract(r.before, '$.user_id') = case_panel.user_id), 0));
