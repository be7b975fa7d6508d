package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// Reference numbers restart at 0001 on 1 January, and a number once
// handed out is never handed out again, even when the newest case is
// deleted from the file behind the program's back.
func TestReferencesRestartEachYearAndAreNeverReused(t *testing.T) {
	db, path := openTemp(t)
	ctx := context.Background()
	now := time.Date(2026, 12, 31, 12, 0, 0, 0, time.Local)
	svc := cases.NewService(db, func() time.Time { return now })
	create := func() cases.Case {
		t.Helper()
		c, err := svc.CreateCase(ctx, secretary, draft())
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	create()
	last := create()
	if last.Reference != "EC-2026-0002" {
		t.Fatalf("second case of 2026: %s", last.Reference)
	}
	raw := rawWriter(t, path)
	for _, q := range []string{"DELETE FROM status_changes WHERE case_id = ?", "DELETE FROM cases WHERE id = ?"} {
		if _, err := raw.Exec(q, last.ID); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if c := create(); c.Reference != "EC-2026-0003" {
		t.Fatalf("after the newest case was deleted the next is %s, want EC-2026-0003 (a number is never reused)", c.Reference)
	}
	now = time.Date(2027, 1, 1, 12, 0, 0, 0, time.Local)
	if c := create(); c.Reference != "EC-2027-0001" {
		t.Fatalf("first case of 2027: %s, want EC-2027-0001", c.Reference)
	}
	if c := create(); c.Reference != "EC-2027-0002" {
		t.Fatalf("second case of 2027: %s", c.Reference)
	}
	// A case of the old year still continues that year's count.
	now = time.Date(2026, 12, 31, 23, 0, 0, 0, time.Local)
	if c := create(); c.Reference != "EC-2026-0004" {
		t.Fatalf("a late 2026 case: %s, want EC-2026-0004", c.Reference)
	}
}

// An issued opinion is frozen in the file itself: another program's SQL
// can neither change nor delete it (the trigger, not only the service,
// refuses).
func TestIssuedOpinionIsFrozenInSQL(t *testing.T) {
	db, path := openTemp(t)
	ctx := context.Background()
	svc := cases.NewService(db, func() time.Time { return time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC) })
	c, err := svc.CreateCase(ctx, secretary, draft())
	if err != nil {
		t.Fatal(err)
	}
	op := cases.Opinion{CaseID: c.ID, State: cases.OpinionDraft, UpdatedAt: time.Now().UTC(), UpdatedBy: "test",
		Text: cases.OpinionText{Decision: cases.DecisionUpheld, Paragraphs: []cases.Paragraph{{Heading: cases.HeadDecision, Text: "Upheld."}}}}
	audit := cases.AuditEntry{Actor: secretary, Action: "test.opinion", Entity: "opinion"}
	if err := db.SaveOpinionVersion(ctx, &op, 0, audit); err != nil {
		t.Fatal(err)
	}
	layout := cases.SignatureLayout{Page: 1, Rects: [][4]float64{{0, 0, 1, 1}, {1, 1, 2, 2}}}
	sig := cases.OpinionSignature{UserID: 1, Name: "A", Role: cases.SignRapporteur, Meaning: cases.MeaningAuthor, SignedAt: time.Now().UTC()}
	if err := db.RecordOpinionSignature(ctx, op.ID, cases.OpinionDraft, cases.OpinionSignedRapporteur, []byte("%PDF one"), layout, sig, nil, audit); err != nil {
		t.Fatal(err)
	}
	sig.UserID, sig.Name, sig.Role, sig.Meaning = 2, "B", cases.SignChair, cases.MeaningApproval
	if err := db.RecordOpinionSignature(ctx, op.ID, cases.OpinionSignedRapporteur, cases.OpinionIssuedState, []byte("%PDF two"), layout, sig, nil, audit); err != nil {
		t.Fatal(err)
	}
	raw := rawWriter(t, path)
	for _, q := range []string{
		"UPDATE opinions SET pdf = X'00' WHERE id = ?",
		"UPDATE opinions SET body = '[]', decision = 'not_upheld' WHERE id = ?",
		"UPDATE opinions SET state = 'draft' WHERE id = ?",
		"DELETE FROM opinions WHERE id = ?",
	} {
		_, err := raw.Exec(q, op.ID)
		if err == nil || !strings.Contains(err.Error(), "an issued opinion cannot be") {
			t.Fatalf("%s on an issued opinion: %v", q, err)
		}
	}
	pdf, _, err := db.OpinionPDF(ctx, op.ID)
	if err != nil || string(pdf) != "%PDF two" {
		t.Fatalf("the issued PDF changed: %q %v", pdf, err)
	}
	got, err := db.CurrentOpinion(ctx, c.ID)
	if err != nil || got.State != cases.OpinionIssuedState || got.Text.Decision != cases.DecisionUpheld {
		t.Fatalf("the issued opinion changed: %+v %v", got, err)
	}
}
