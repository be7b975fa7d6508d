package cases_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// importClosed adds a case that was closed on the given day, with the
// history the statistics read.
func (k *committee) importClosed(title, closed string) cases.Case {
	k.t.Helper()
	day := cases.MustDate(closed).Time().Add(10 * time.Hour)
	c := cases.Case{Draft: cases.Draft{TypeCode: "privacy_complaint", Title: title, Summary: "Cameras in the lobby.",
		ReceivedOn: cases.DateOf(day.AddDate(0, -2, 0)), Channel: cases.ChannelEmail,
		Submitter:  cases.Submitter{Kind: cases.SubmitterPerson, Name: "Zhang Wei", Contact: "zhang.wei@example.org"},
		Respondent: "Lobby Ltd", AISystem: "DoorCam", Sector: "transport", Risk: cases.RiskMedium, Breach: "privacy",
		Priority: cases.PriorityNormal},
		Status: cases.Closed, CreatedAt: day.AddDate(0, -2, 0), CreatedBy: "import", UpdatedAt: day, UpdatedBy: "import"}
	batch := []cases.ImportedCase{{Case: c, History: []cases.StatusChange{
		{At: day.AddDate(0, -2, 1), Actor: "import", From: cases.Received, To: cases.Screening},
		{At: day.AddDate(0, -1, 0), Actor: "import", From: cases.Screening, To: cases.Inadmissible, Reason: "Out of scope."},
		{At: day, Actor: "import", From: cases.Inadmissible, To: cases.Closed}}}}
	must(k.t, k.db.ImportCases(context.Background(), batch, cases.AuditEntry{Actor: cases.System, Action: "test.import", Entity: "register"}))
	return batch[0].Case
}

func TestRetentionAnonymisesClosedCasesPastThePeriod(t *testing.T) {
	k := newCommittee(t) // today is 10 Mar 2026; the default period is 5 years
	ctx := context.Background()
	old := k.importClosed("Closed long ago", "2021-03-09")
	edge := k.importClosed("Closed five years ago today", "2021-03-10")
	recent := k.importClosed("Closed last year", "2025-06-01")
	open := k.newCase(false, cases.RiskLow)

	if _, err := k.svc.RetentionDue(ctx, k.sec); err == nil {
		t.Fatal("the secretariat may list the cases past retention")
	}
	due, err := k.svc.RetentionDue(ctx, k.admin)
	must(t, err)
	var refs []string
	for _, c := range due.Cases {
		refs = append(refs, c.Reference)
	}
	if due.Years != 5 || due.ClosedBefore.String() != "2021-03-10" || fmt.Sprint(refs) != fmt.Sprint([]string{old.Reference, edge.Reference}) {
		t.Fatalf("due: %d years, closed before %s, %v", due.Years, due.ClosedBefore, refs)
	}

	year := cases.YearPeriod(2021)
	statsBefore, err := k.svc.Statistics(ctx, k.sec, year)
	must(t, err)
	before := k.head().Seq
	if _, err := k.svc.ApplyRetention(ctx, k.sec); err == nil {
		t.Fatal("the secretariat applied the retention period")
	}
	n, err := k.svc.ApplyRetention(ctx, k.admin)
	must(t, err)
	if n != 2 {
		t.Fatalf("anonymised %d cases, want 2", n)
	}
	for _, c := range []cases.Case{old, edge} {
		got, err := k.svc.GetCase(ctx, k.sec, c.ID)
		must(t, err)
		if got.Submitter.Name != "" || got.Submitter.Contact != "" || got.AnonymisedAt.IsZero() {
			t.Fatalf("%s still names its submitter: %+v", c.Reference, got.Submitter)
		}
		if got.Title != c.Title || got.Sector != c.Sector || got.Breach != c.Breach || got.Submitter.Kind != cases.SubmitterPerson {
			t.Fatalf("%s lost more than the submitter's details: %+v", c.Reference, got)
		}
	}
	for _, c := range []cases.Case{recent, open} {
		got, err := k.svc.GetCase(ctx, k.sec, c.ID)
		must(t, err)
		if got.Submitter.Name != "Zhang Wei" || !got.AnonymisedAt.IsZero() {
			t.Fatalf("%s was anonymised before its time: %+v", c.Reference, got.Submitter)
		}
	}
	statsAfter, err := k.svc.Statistics(ctx, k.sec, year)
	must(t, err)
	if !reflect.DeepEqual(statsBefore, statsAfter) {
		t.Fatalf("statistics changed:\nbefore %+v\nafter  %+v", statsBefore, statsAfter)
	}
	recs, _, err := k.svc.AuditLog(ctx, k.admin, cases.AuditFilter{Limit: 10})
	must(t, err)
	if h := recs[0]; h.Seq != before+2 || h.Action != "case.anonymise" || h.ActorID != k.admin.ID {
		t.Fatalf("audit after the retention run: newest %d %s by %d, before it %d", h.Seq, h.Action, h.ActorID, before)
	}
	if n, err := k.svc.ApplyRetention(ctx, k.admin); err != nil || n != 0 {
		t.Fatalf("a second run anonymised %d cases (%v)", n, err)
	}
	problems, err := k.db.Check(ctx)
	if err != nil || len(problems) > 0 {
		t.Fatalf("the register fails its check after anonymising: %v %v", problems, err)
	}

	// A longer period puts the remaining one out of reach, a shorter one in.
	st, _ := k.svc.Settings(ctx)
	st.RetentionYears = 1
	must(t, k.svc.SaveSettings(ctx, k.admin, st))
	if n, err := k.svc.ApplyRetention(ctx, k.admin); err != nil || n != 0 {
		t.Fatalf("one year after 1 Jun 2025 is not yet past on 10 Mar 2026, yet %d were anonymised (%v)", n, err)
	}
}
