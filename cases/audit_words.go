package cases

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// The audit log records codes and ids ("case.transition", case 1933,
// user 10, JSON before and after); the audit view reads like a record:
// who (by name), about what (a case by its reference, a person by name)
// and what happened, in a sentence. The sentences are English with values,
// so that the window and the commands put them into their language by the
// templates of assets/translations, like every sentence of the domain.

// auditRecordValues is what an entry recorded, read back from its JSON.
type auditRecordValues map[string]any

func readAuditValues(s string) auditRecordValues {
	var m map[string]any
	if json.Unmarshal([]byte(s), &m) != nil {
		return nil
	}
	return m
}

func (v auditRecordValues) str(k string) string {
	switch x := v[k].(type) {
	case string:
		return x
	case float64:
		return fmt.Sprint(int64(x))
	case bool:
		if x {
			return "true"
		}
		return "false"
	}
	return ""
}

func (v auditRecordValues) id(k string) int64 {
	if x, ok := v[k].(float64); ok {
		return int64(x)
	}
	return 0
}

func (v auditRecordValues) flag(k string) bool {
	b, _ := v[k].(bool)
	return b
}

// auditNames resolves the ids an entry names: cases to their reference,
// people to their name. It looks each up once per page.
type auditNames struct {
	s     *Service
	ctx   context.Context
	refs  map[int64]string
	users map[int64]User
}

func (s *Service) newAuditNames(ctx context.Context) *auditNames {
	n := &auditNames{s: s, ctx: ctx, refs: map[int64]string{}, users: map[int64]User{}}
	if us, err := s.repo.Users(ctx); err == nil {
		for _, u := range us {
			n.users[u.ID] = u
		}
	}
	return n
}

// reference is a case's reference, or "case N" for one no longer found.
func (n *auditNames) reference(id int64) string {
	if r, ok := n.refs[id]; ok {
		return r
	}
	r := fmt.Sprintf("case %d", id)
	if c, err := n.s.repo.GetCase(n.ctx, id); err == nil && c.Reference != "" {
		r = c.Reference
	}
	n.refs[id] = r
	return r
}

// person is a user's name, or "user N" for an id no account has.
func (n *auditNames) person(id int64) string {
	if u, ok := n.users[id]; ok {
		return u.Name()
	}
	return fmt.Sprintf("user %d", id)
}

// describeAudit fills About and Change of each entry. It runs after the
// entries were redacted, so it reads only what the reader may see.
func (s *Service) describeAudit(ctx context.Context, rs []AuditRecord) {
	names := s.newAuditNames(ctx)
	for i := range rs {
		r := &rs[i]
		r.About = names.about(*r)
		r.Change = names.change(*r)
	}
}

// about is what an entry is about, as people name it.
func (n *auditNames) about(r AuditRecord) string {
	if id := auditCaseID(r); id != 0 {
		return n.reference(id)
	}
	switch r.Entity {
	case "user", "user_key":
		if r.EntityID != 0 {
			return n.person(r.EntityID)
		}
		if u := readAuditValues(r.After).str("user"); u != "" {
			return u
		}
		return "Accounts"
	case "meeting":
		if r.EntityID != 0 {
			return fmt.Sprintf("Meeting %d", r.EntityID)
		}
		return "Meetings"
	case "settings":
		return "Settings"
	case "holiday":
		return "Holidays"
	case "register":
		return "The register"
	case "signing_root":
		return "Root certificate"
	case "case_type":
		return "Case types"
	}
	return r.Entity
}

// auditFieldWords names the fields of a case as the change sentence lists
// them.
var auditFieldWords = map[string]string{
	"reference": "reference", "type": "case type", "title": "title", "summary": "summary",
	"received_on": "received date", "channel": "channel", "submitter_kind": "submitter",
	"submitter_confidential": "identity confidential", "respondent": "respondent", "ai_system": "AI system",
	"sector": "sector", "catalogue_code": "classification", "risk": "risk tier", "breach": "alleged breach",
	"priority": "priority", "confidential": "confidential case", "status": "status", "due_on": "due date",
	"display_name": "name", "role": "role", "active": "active",
}

// changedFields lists, in words, the fields whose value differs.
func changedFields(before, after auditRecordValues) string {
	var out []string
	for k := range after {
		if w, ok := auditFieldWords[k]; ok && fmt.Sprint(before[k]) != fmt.Sprint(after[k]) {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// auditFixedWords are the actions whose sentence needs no value.
var auditFixedWords = map[string]string{
	"case.create": "Registered the case.", "case.import": "Imported the case.",
	"case.anonymise":            "Removed the submitter's name and contact details (retention period).",
	"case.simplified_designate": "Designated members for the simplified procedure.",
	"case.simplified_view":      "Read the case in the simplified procedure.",
	"opinion.save":              "Saved the opinion.", "opinion.sign": "Signed the opinion as its rapporteur.",
	"opinion.issue":            "Countersigned and issued the opinion.",
	"opinion.return":           "Returned the opinion to the rapporteur.",
	"opinion.start_correction": "Started a correction of the issued opinion.",
	"meeting.create":           "Arranged a meeting.", "settings.save": "Changed the committee's settings.",
	"settings.letterhead":         "Changed the letterhead.",
	"settings.document_language":  "Changed the language documents are printed in.",
	"register.mark_demonstration": "Marked the register as a demonstration register.",
	"holiday.save":                "Saved a day of the holiday calendar.", "holiday.delete": "Removed a day of the holiday calendar.",
	"case_type.save": "Saved a case type.", "user.login": "Signed in.", "user.login_failed": "Failed to sign in: wrong password.",
	"user.reauthenticate":        "Confirmed their password.",
	"user.reauthenticate_failed": "Failed to confirm their password.",
	"user.change_password":       "Changed their password.", "signing.create_root": "Created the committee's root certificate.",
	"signing.store_key": "Stored a signing key.", "register.export": "Exported the register.",
	"demo.seed": "Filled the register with demonstration cases.",
}

// change describes what an entry recorded, in one sentence.
func (n *auditNames) change(r AuditRecord) string {
	before, after := readAuditValues(r.Before), readAuditValues(r.After)
	if r.Redacted != "" {
		// The words may say what kind of thing happened, never its text.
		if w, ok := auditFixedWords[r.Action]; ok {
			return w
		}
	}
	switch r.Action {
	case "case.transition":
		return fmt.Sprintf("Moved the case from %s to %s.", StatusLabel(Status(before.str("status"))), StatusLabel(Status(after.str("status"))))
	case "case.update":
		if f := changedFields(before, after); f != "" {
			return fmt.Sprintf("Changed the %s.", f)
		}
		return "Saved the case without changes."
	case "case.assign_rapporteur":
		return fmt.Sprintf("Made %s the rapporteur.", n.person(after.id("rapporteur_id")))
	case "case.panel_add":
		return fmt.Sprintf("Added %s to the panel.", n.person(after.id("user_id")))
	case "case.panel_remove":
		return fmt.Sprintf("Removed %s from the panel.", n.person(before.id("user_id")))
	case "case.declare_interest":
		if Conflict(after.str("conflict")) == ConflictDeclared {
			return "Declared a conflict of interest."
		}
		return "Declared no conflict of interest."
	case "note.add":
		if after.flag("private") {
			return "Added a private note."
		}
		return "Added a note."
	case "attachment.add":
		return fmt.Sprintf("Attached the file %q.", after.str("file_name"))
	case "letter.issue":
		return fmt.Sprintf("Issued the letter %q.", after.str("file_name"))
	case "opinion.save_draft":
		return fmt.Sprintf("Saved version %s of the opinion's draft.", after.str("version"))
	case "meeting.agenda_add":
		return fmt.Sprintf("Put %s on the agenda of meeting %d.", n.reference(after.id("case_id")), r.EntityID)
	case "meeting.agenda_remove":
		return fmt.Sprintf("Took %s off the agenda of meeting %d.", n.reference(before.id("case_id")), r.EntityID)
	case "meeting.attend":
		return fmt.Sprintf("Recorded %s as present.", n.person(after.id("user_id")))
	case "meeting.attend_remove":
		return fmt.Sprintf("Removed %s from those present.", n.person(before.id("user_id")))
	case "meeting.vote":
		return fmt.Sprintf("Recorded the vote of %s at meeting %d.", n.person(after.id("voter_id")), after.id("meeting_id"))
	case "user.create", "user.bootstrap":
		if after.str("username") == "" || after.str("role") == "" {
			return "Created an account."
		}
		return fmt.Sprintf("Created the account %s (%s).", after.str("username"), after.str("role"))
	}
	if r.Entity == "user" && r.EntityID != 0 && after != nil && before != nil {
		if f := changedFields(before, after); f != "" {
			return fmt.Sprintf("Changed the account's %s.", f)
		}
	}
	if w, ok := auditFixedWords[r.Action]; ok {
		return w
	}
	return fmt.Sprintf("Recorded %s.", r.Action)
}
