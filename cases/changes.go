package cases

import (
	"context"
	"encoding/json"
	"time"
)

// Change is one recorded change to a case, as the change feed reports it
// to a user who may know of the case: the windows of colleagues refresh
// the case's row and say who changed it and when.
type Change struct {
	Seq       int64 // the audit entry's number
	At        time.Time
	CaseID    int64
	Reference string
	ByID      int64  // who made it
	By        string // their name as the audit log records it
	Kind      string // the audit action, e.g. "case.update", "note.add"
}

// ChangeBatch is what Changes returns: the changes, and the audit number
// to ask after next time (it moves past changes the actor may not see).
type ChangeBatch struct {
	Changes []Change
	Next    int64
	// Reset is true when more changed than one answer carries: reload
	// whatever is open instead of refreshing case by case.
	Reset bool
}

// Change feed limits: how long one call waits for a change at most, how
// often the log's head is looked at while waiting (it also sees changes
// other processes write to the same file) and how many entries one answer
// examines before it says Reset.
const (
	MaxChangeWait     = 30 * time.Second
	changePollEvery   = 200 * time.Millisecond
	maxChangesPerCall = 500
)

// Changes returns the changes to cases recorded after the audit entry
// numbered after that actor may know of, waiting up to wait (at most
// MaxChangeWait) for one when there is none yet. after < 0 asks only for
// the current number (no changes), where a window starts. Who: every
// role that views the register; confidential cases the actor may not
// see and other users' private notes are left out, as in the register.
func (s *Service) Changes(ctx context.Context, actor User, after int64, wait time.Duration) (ChangeBatch, error) {
	if err := require(actor, ActViewRegister); err != nil {
		return ChangeBatch{}, err
	}
	ar, err := s.auditRepo()
	if err != nil {
		return ChangeBatch{}, err
	}
	head, _, err := ar.AuditHead(ctx)
	if err != nil || after < 0 || after > head {
		return ChangeBatch{Next: head}, err
	}
	wait = min(max(wait, 0), MaxChangeWait)
	deadline := time.Now().Add(wait)
	for head == after && time.Now().Before(deadline) {
		select {
		case <-ctx.Done():
			return ChangeBatch{Next: after}, nil
		case <-time.After(changePollEvery):
		}
		if ctx.Err() != nil {
			return ChangeBatch{Next: after}, nil
		}
		if head, _, err = ar.AuditHead(ctx); err != nil {
			return ChangeBatch{Next: after}, err
		}
	}
	if head == after {
		return ChangeBatch{Next: after}, nil
	}
	if head-after > maxChangesPerCall {
		return ChangeBatch{Next: head, Reset: true}, nil
	}
	recs, err := auditAfter(ctx, ar, after, int(head-after))
	if err != nil {
		return ChangeBatch{Next: after}, err
	}
	batch := ChangeBatch{Next: head}
	known := map[int64]*Case{} // nil: the actor may not know of it
	for _, r := range recs {
		if r.Seq <= after || r.Seq > head {
			continue
		}
		caseID := changedCase(r)
		if caseID == 0 || (r.Entity == "note" && r.ActorID != actor.ID && privateNote(r.After)) {
			continue
		}
		c, seen := known[caseID]
		if !seen {
			c = s.caseKnownTo(ctx, actor, caseID)
			known[caseID] = c
		}
		if c == nil {
			continue
		}
		batch.Changes = append(batch.Changes, Change{Seq: r.Seq, At: r.At, CaseID: caseID, Reference: c.Reference,
			ByID: r.ActorID, By: r.Actor, Kind: r.Action})
	}
	return batch, nil
}

// AuditTail is what a storage may offer besides AuditRepository: the
// entries after a number, oldest first, read by the number alone (the
// page query of the audit view also counts the whole log).
type AuditTail interface {
	AuditAfter(ctx context.Context, seq int64, limit int) ([]AuditRecord, error)
}

// auditAfter is the entries numbered after seq (at most limit), oldest
// first: through AuditTail when the storage has it, else from the audit
// view's newest page (the limit newest hold every one after seq, since
// numbers only grow).
func auditAfter(ctx context.Context, ar AuditRepository, seq int64, limit int) ([]AuditRecord, error) {
	if t, ok := ar.(AuditTail); ok {
		return t.AuditAfter(ctx, seq, limit)
	}
	recs, _, err := ar.AuditQuery(ctx, AuditFilter{Limit: limit})
	if err != nil {
		return nil, err
	}
	out := make([]AuditRecord, 0, len(recs))
	for i := len(recs) - 1; i >= 0; i-- {
		if recs[i].Seq > seq {
			out = append(out, recs[i])
		}
	}
	return out, nil
}

// caseKnownTo is the case when actor may know of it (its row is in their
// register, declared or not), nil otherwise.
func (s *Service) caseKnownTo(ctx context.Context, actor User, caseID int64) *Case {
	c, err := s.repo.GetCase(ctx, caseID)
	if err != nil {
		return nil
	}
	if err := s.checkAccess(ctx, actor, c); err != nil {
		if _, undeclared := err.(*InterestError); !undeclared {
			return nil
		}
	}
	return &c
}

// changedCase is the case an audit entry is about (0 for none): the case
// itself, or the case_id its note, attachment or opinion records.
func changedCase(r AuditRecord) int64 {
	if r.Entity == "case" {
		return r.EntityID
	}
	var v struct {
		CaseID int64 `json:"case_id"`
	}
	if json.Unmarshal([]byte(r.After), &v) != nil {
		return 0
	}
	return v.CaseID
}
