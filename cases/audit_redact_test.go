package cases_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// The administrator's audit view hides what the register hides from them:
// another user's private note and the text of a confidential case they may
// not read; each such entry says why, and the codes around the text stay
// (the reference, the case's id). A public note's text and the
// administrator's own private note stay readable.
func TestTheAuditViewHidesWhatTheRegisterHides(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	secret := k.newCase(true, cases.RiskHigh)
	open := k.newCase(false, cases.RiskLow)
	_, err := k.svc.AddNote(ctx, k.sec, open.ID, "My own reminder: call Kestrel Ltd back.", true)
	must(t, err)
	_, err = k.svc.AddNote(ctx, k.sec, open.ID, "Asked Metro Co. for its retention policy.", false)
	must(t, err)

	recs, _, err := k.svc.AuditLog(ctx, k.admin, cases.AuditFilter{Limit: 1000})
	must(t, err)
	var privateHidden, caseHidden, publicShown bool
	for _, r := range recs {
		text := r.Before + r.After
		if strings.Contains(text, "Kestrel") || (strings.Contains(text, "metro gates") && strings.Contains(text, `"case_id":`+itoa(secret.ID))) {
			t.Errorf("%s shows hidden text: %s", r.Action, text)
		}
		switch {
		case r.Entity == "note" && r.Redacted == cases.RedactedPrivateNote:
			privateHidden = true
			if !strings.Contains(r.After, `"case_id":`+itoa(open.ID)) {
				t.Errorf("a hidden note no longer says which case it is on: %s", r.After)
			}
		case r.Entity == "case" && r.EntityID == secret.ID && r.Action == "case.create":
			caseHidden = r.Redacted == cases.RedactedCase && strings.Contains(r.After, secret.Reference) && !strings.Contains(r.After, "Face recognition")
		case strings.Contains(r.After, "Asked Metro Co."):
			publicShown = r.Redacted == ""
		case r.Entity == "case" && r.EntityID == open.ID && r.Redacted != "":
			t.Errorf("a case the administrator may read is hidden: %+v", r)
		}
	}
	if !privateHidden || !caseHidden || !publicShown {
		t.Fatalf("private note hidden %v, confidential case hidden %v, public note shown %v", privateHidden, caseHidden, publicShown)
	}

	// The author still reads their own private note in the case's history.
	hist, err := k.svc.CaseHistory(ctx, k.sec, open.ID)
	must(t, err)
	found := false
	for _, r := range hist {
		if strings.Contains(r.After, "Kestrel") && r.Redacted == "" {
			found = true
		}
	}
	if !found {
		t.Error("the author's own private note is hidden from them in the case's history")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
