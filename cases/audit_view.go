package cases

import (
	"context"
	"encoding/json"
	"time"
)

// AuditRecord is one entry of the audit log as the audit view shows it.
// Before and After are the JSON the entry recorded.
type AuditRecord struct {
	Seq      int64
	At       time.Time
	ActorID  int64
	Actor    string
	Action   string
	Entity   string
	EntityID int64
	Before   string
	After    string
	Hash     string
	// Redacted says why Before and After have text hidden (audit_redact.go);
	// "" when the entry is shown whole.
	Redacted string
	// About names what the entry is about: a case by its reference, a
	// person by name (audit_words.go). Change says what happened, in an
	// English sentence the window and the commands translate.
	About  string
	Change string
}

// AuditFilter narrows the audit view; zero fields do not filter. CaseID
// matches the entries about the case itself (its declarations of interest
// and votes included) and about what belongs to it: its notes,
// attachments, letters, opinions and places on meetings' agendas.
type AuditFilter struct {
	UserID int64
	CaseID int64
	Action string // exact action, e.g. "case.update", or a prefix ending in "." ("case.")
	From   Date   // first day included (local calendar day)
	To     Date   // last day included
	Offset int
	Limit  int
}

// AuditRepository reads the audit log.
type AuditRepository interface {
	// AuditQuery returns one page of matching entries, newest first, and
	// how many match in all.
	AuditQuery(ctx context.Context, f AuditFilter) ([]AuditRecord, int, error)
	// AuditActions lists the distinct actions recorded, for the filter.
	AuditActions(ctx context.Context) ([]string, error)
	AuditHead(ctx context.Context) (seq int64, hash string, err error)
}

func (s *Service) auditRepo() (AuditRepository, error) {
	return s.repo, nil
}

// AuditLog is the administrator's view of everything that was recorded.
func (s *Service) AuditLog(ctx context.Context, actor User, f AuditFilter) ([]AuditRecord, int, error) {
	if err := require(actor, ActViewAudit); err != nil {
		return nil, 0, err
	}
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = PageSize
	}
	if f.Offset < 0 {
		f.Offset = 0
	}
	f.Action = CleanLine(f.Action)
	ar, err := s.auditRepo()
	if err != nil {
		return nil, 0, err
	}
	rs, total, err := ar.AuditQuery(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	if err := s.redactAudit(ctx, actor, rs); err != nil {
		return nil, 0, err
	}
	s.describeAudit(ctx, rs)
	return rs, total, nil
}

// AuditActions lists the recorded actions, for the audit view's filter.
func (s *Service) AuditActions(ctx context.Context, actor User) ([]string, error) {
	if err := require(actor, ActViewAudit); err != nil {
		return nil, err
	}
	ar, err := s.auditRepo()
	if err != nil {
		return nil, err
	}
	return ar.AuditActions(ctx)
}

// CaseHistory is a case's full recorded history, newest first, for anyone
// who may read the case. Other users' private notes are left out.
func (s *Service) CaseHistory(ctx context.Context, actor User, caseID int64) ([]AuditRecord, error) {
	if err := s.CheckCaseAccess(ctx, actor, caseID); err != nil {
		return nil, err
	}
	ar, err := s.auditRepo()
	if err != nil {
		return nil, err
	}
	var out []AuditRecord
	for offset := 0; ; offset += 1000 {
		page, total, err := ar.AuditQuery(ctx, AuditFilter{CaseID: caseID, Offset: offset, Limit: 1000})
		if err != nil {
			return nil, err
		}
		for i, r := range page {
			if r.Entity == "note" && r.ActorID != actor.ID && privateNote(r.After) {
				continue
			}
			if err := s.redactAudit(ctx, actor, page[i:i+1]); err != nil {
				return nil, err
			}
			out = append(out, page[i])
		}
		if offset+len(page) >= total || len(page) == 0 {
			s.describeAudit(ctx, out)
			return out, nil
		}
	}
}

func privateNote(after string) bool {
	var v struct {
		Private bool `json:"private"`
	}
	return json.Unmarshal([]byte(after), &v) == nil && v.Private
}

// AuditHead is the newest audit entry's sequence number and hash, printed
// on opinions and minutes.
func (s *Service) AuditHead(ctx context.Context) (int64, string, error) {
	ar, err := s.auditRepo()
	if err != nil {
		return 0, "", err
	}
	return ar.AuditHead(ctx)
}
