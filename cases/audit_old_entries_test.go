package cases_test

import (
	"context"
	"testing"

	"ethicsdesk/cases"
	"ethicsdesk/store"
)

// oldAuditEntries is a register whose audit log holds entries as older
// versions (or another program writing to the same file) left them: a
// case's text stored as plain words rather than JSON, and account entries
// that recorded no account id.
type oldAuditEntries struct {
	*store.DB
	rewrite func(*cases.AuditRecord)
	extra   []cases.AuditRecord
}

func (o oldAuditEntries) AuditQuery(ctx context.Context, f cases.AuditFilter) ([]cases.AuditRecord, int, error) {
	rs, n, err := o.DB.AuditQuery(ctx, f)
	for i := range rs {
		o.rewrite(&rs[i])
	}
	return append(rs, o.extra...), n + len(o.extra), err
}

// An entry whose text is not JSON is still hidden from a reader who may
// not read its case, whole; an empty side stays empty. An account's entry
// that recorded no account id is about the account it names, or about the
// accounts in general.
func TestTheAuditViewReadsEntriesOlderVersionsWrote(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	secret := k.newCase(true, cases.RiskHigh)
	open := k.newCase(false, cases.RiskLow)
	const words = "Faces at the metro gates are stored without consent."
	repo := oldAuditEntries{DB: k.db,
		rewrite: func(r *cases.AuditRecord) {
			if r.Entity == "case" && r.Action == "case.create" {
				r.Before, r.After = "", words
			}
		},
		extra: []cases.AuditRecord{
			{Seq: 9001, Action: "signing.store_key", Entity: "user_key", After: `{"user":"chen","source":"pkcs12"}`},
			{Seq: 9002, Action: "user.update", Entity: "user", After: `{"note":"imported"}`},
		}}
	svc := cases.NewService(repo, k.clock.now)
	recs, _, err := svc.AuditLog(ctx, k.admin, cases.AuditFilter{Limit: 1000})
	must(t, err)
	var sawSecret, sawOpen bool
	about := map[int64]string{}
	for _, r := range recs {
		about[r.Seq] = r.About
		if r.Entity != "case" || r.Action != "case.create" {
			continue
		}
		switch r.EntityID {
		case secret.ID:
			sawSecret = true
			if r.After != `"(hidden)"` || r.Before != "" || r.Redacted != cases.RedactedCase {
				t.Errorf("the confidential case's old entry reads before %q, after %q (%q)", r.Before, r.After, r.Redacted)
			}
		case open.ID:
			sawOpen = true
			if r.After != words || r.Redacted != "" {
				t.Errorf("the open case's old entry reads %q (%q), want its words", r.After, r.Redacted)
			}
		}
	}
	if !sawSecret || !sawOpen {
		t.Errorf("the creations are not in the log: %v %v", sawSecret, sawOpen)
	}
	if about[9001] != "chen" || about[9002] != "Accounts" {
		t.Errorf("the account entries without an id are about %q and %q, want chen and Accounts", about[9001], about[9002])
	}
}
