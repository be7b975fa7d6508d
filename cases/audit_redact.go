package cases

import (
	"context"
	"encoding/json"
	"errors"
)

// The audit log records what changed, text included; the audit view shows
// it under the register's own visibility rules, so the administrator does
// not read there what the register hides from them: other users' private
// notes and the text of cases they may not read (confidential, or recused).

// Why an entry's text was hidden; shown with the entry.
const (
	RedactedPrivateNote = "Text hidden: a private note of another user."
	RedactedCase        = "Text hidden: a case you may not read (confidential, or you are recused)."
)

// redactedValue replaces hidden text.
const redactedValue = "(hidden)"

// auditSafeKeys are fields whose values are codes, dates, numbers or
// people of the committee, never a case's or a note's text; every other
// string of a hidden entry is replaced.
var auditSafeKeys = map[string]bool{
	"reference": true, "type": true, "status": true, "received_on": true, "due_on": true, "accepted_on": true,
	"channel": true, "submitter_kind": true, "submitter_confidential": true, "sector": true, "catalogue_code": true,
	"risk": true, "priority": true, "confidential": true, "case_id": true, "private": true, "user_id": true,
	"meaning": true, "sha256": true, "notes": true, "from": true, "to": true, "role": true, "version": true,
	"cases": true, "first": true, "last": true, "capacity": true, "vote": true, "conflict": true,
}

// redactAudit hides, in place, the text of the entries actor may not read
// in the register, and says why in each.
func (s *Service) redactAudit(ctx context.Context, actor User, rs []AuditRecord) error {
	canRead := map[int64]bool{}
	for i := range rs {
		r := &rs[i]
		if r.Entity == "note" && r.ActorID != actor.ID && privateNote(r.After) {
			r.hide(RedactedPrivateNote)
			continue
		}
		id := auditCaseID(*r)
		if id == 0 {
			continue
		}
		ok, seen := canRead[id]
		if !seen {
			err := s.CheckCaseAccess(ctx, actor, id)
			var ie *InterestError
			switch {
			case err == nil:
				ok = true
			case errors.Is(err, ErrNotFound), errors.As(err, &ie):
				ok = false
			default:
				var fe *ForbiddenError
				if !errors.As(err, &fe) {
					return err
				}
			}
			canRead[id] = ok
		}
		if !ok {
			r.hide(RedactedCase)
		}
	}
	return nil
}

// auditCaseID is the case an entry is about: its own id for a case entry,
// else the case_id it recorded (notes, opinions, attachments).
func auditCaseID(r AuditRecord) int64 {
	if r.Entity == "case" {
		return r.EntityID
	}
	for _, s := range []string{r.After, r.Before} {
		var v struct {
			CaseID int64 `json:"case_id"`
		}
		if json.Unmarshal([]byte(s), &v) == nil && v.CaseID != 0 {
			return v.CaseID
		}
	}
	return 0
}

func (r *AuditRecord) hide(why string) {
	r.Before, r.After, r.Redacted = redactJSON(r.Before), redactJSON(r.After), why
}

// redactJSON replaces every string outside auditSafeKeys with "(hidden)".
func redactJSON(s string) string {
	var v any
	if s == "" || json.Unmarshal([]byte(s), &v) != nil {
		if s == "" || s == "null" {
			return s
		}
		return `"` + redactedValue + `"`
	}
	b, err := json.Marshal(redactValue(v, false))
	if err != nil {
		return `"` + redactedValue + `"`
	}
	return string(b)
}

func redactValue(v any, safe bool) any {
	switch t := v.(type) {
	case string:
		if safe {
			return t
		}
		return redactedValue
	case map[string]any:
		for k, x := range t {
			t[k] = redactValue(x, auditSafeKeys[k])
		}
		return t
	case []any:
		for i, x := range t {
			t[i] = redactValue(x, safe)
		}
		return t
	}
	return v
}
