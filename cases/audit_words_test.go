package cases_test

import (
	"context"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// The audit log reads like a record: the administrator filtering by a case
// sees the case's own entries and those of what belongs to it — its
// attachments and its members' declarations — each about the case's
// reference and saying what happened in words, people by name; the
// recorded values stay behind them.
func TestTheAuditLogReadsLikeARecord(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskLow)
	other := k.newCase(false, cases.RiskLow)
	_, err := k.svc.AddAttachments(ctx, k.sec, c.ID, []cases.NewAttachment{{FileName: "complaint.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4 test")}})
	must(t, err)
	_, err = k.svc.AddAttachments(ctx, k.sec, other.ID, []cases.NewAttachment{{FileName: "other.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4 other")}})
	must(t, err)
	member := k.members[0]
	must(t, k.svc.AddPanelMember(ctx, k.sec, c.ID, member.ID))
	must(t, k.svc.DeclareInterest(ctx, member, c.ID, false, ""))
	cur, err := k.svc.GetCase(ctx, k.sec, c.ID)
	must(t, err)
	_, err = k.svc.Transition(ctx, k.sec, c.ID, cur.Version, cases.Screening, "")
	must(t, err)

	recs, total, err := k.svc.AuditLog(ctx, k.admin, cases.AuditFilter{CaseID: c.ID, Limit: 100})
	must(t, err)
	if total != len(recs) {
		t.Fatalf("%d of %d entries", len(recs), total)
	}
	byAction := map[string]cases.AuditRecord{}
	for _, r := range recs {
		byAction[r.Action] = r
		if r.About != c.Reference {
			t.Errorf("%s is about %q, not %s", r.Action, r.About, c.Reference)
		}
		if strings.Contains(r.After, "other.pdf") {
			t.Errorf("the other case's attachment is listed under %s", c.Reference)
		}
	}
	for action, want := range map[string]string{
		"case.create":           "Registered the case.",
		"attachment.add":        `Attached the file "complaint.pdf".`,
		"case.panel_add":        "Added Dr. chen to the panel.",
		"case.declare_interest": "Declared no conflict of interest.",
		"case.transition":       "Moved the case from Received to Screening.",
	} {
		r, ok := byAction[action]
		if !ok {
			t.Errorf("filtering by %s leaves out %s", c.Reference, action)
			continue
		}
		if r.Change != want {
			t.Errorf("%s reads %q, want %q", action, r.Change, want)
		}
	}
	if r := byAction["case.declare_interest"]; r.Actor != member.Name() || !strings.Contains(r.After, `"conflict":"none"`) {
		t.Errorf("the declaration's record: by %q, %s", r.Actor, r.After)
	}

	// An account is named, not numbered.
	users, _, err := k.svc.AuditLog(ctx, k.admin, cases.AuditFilter{Action: "user.create", Limit: 100})
	must(t, err)
	found := false
	for _, r := range users {
		if r.EntityID == k.sec.ID {
			found = true
			if r.About != "Li Na" || r.Change != "Created the account sec (secretariat)." {
				t.Errorf("the account's entry: about %q, %q", r.About, r.Change)
			}
		}
	}
	if !found {
		t.Error("the creation of Li Na's account is not in the log")
	}

	// The case's history, which its readers see, is told the same way.
	hist, err := k.svc.CaseHistory(ctx, k.sec, c.ID)
	must(t, err)
	if len(hist) != len(recs) || hist[0].Change == "" || hist[0].About != c.Reference {
		t.Errorf("the history has %d entries (the log %d), newest %+v", len(hist), len(recs), hist[0])
	}
}
