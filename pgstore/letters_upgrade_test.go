package pgstore_test

import (
	"context"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
	"ethicsdesk/issuing"
	"ethicsdesk/pgstore"
)

// A register that kept letters before PostgreSQL indexed them (schema
// before 0011) finds them by search once the server upgrades it: a letter
// kept without its text by the words of its file name, as on a file, one
// copied from a file by its own text; an uploaded file stays unsearched
// and check finds the register sound.
func TestLettersKeptBeforeTheUpgradeAreFoundAfterIt(t *testing.T) {
	ctx := context.Background()
	db, url := openPG(t)
	passwordcost.Cheap()
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	svc := cases.NewService(db, func() time.Time { return now })
	svc.SetPorts(cases.Ports{Documents: issuing.Renderer{Letterhead: db}})
	const pw = "a long enough test password"
	admin, err := svc.Bootstrap(ctx, "admin", "Administrator", pw)
	if err != nil {
		t.Fatal(err)
	}
	sec, err := svc.CreateUser(ctx, admin, cases.NewAccount{Username: "sec", DisplayName: "Li Na", Role: cases.RoleSecretariat, Password: pw})
	if err != nil {
		t.Fatal(err)
	}
	c, err := svc.CreateCase(ctx, sec, cases.Draft{TypeCode: "privacy_complaint", Title: "Cameras in the lift", Summary: "Faces kept.",
		ReceivedOn: cases.DateOf(now), Channel: cases.ChannelEmail, Submitter: cases.Submitter{Kind: cases.SubmitterPerson, Name: "Zhang Wei", Contact: "zw@example.org"},
		Respondent: "Metro Ltd", Breach: "privacy", Sector: "transport", Risk: cases.RiskHigh, Priority: cases.PriorityNormal})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Letter(ctx, sec, cases.LetterRequest{Kind: cases.LetterAcknowledgement, Case: c, From: sec, Date: now}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Letter(ctx, sec, cases.LetterRequest{Kind: cases.LetterRequestInfo, Case: c, From: sec, Date: now, DueBy: now.AddDate(0, 0, 14),
		Items: []string{"The okapi telemetry export"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddAttachments(ctx, sec, c.ID, []cases.NewAttachment{{FileName: "acknowledgement scan.pdf", ContentType: "application/pdf",
		Data: []byte("%PDF-1.4 scan")}}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	// The register as a version before 0011 left it: no letter in the
	// search index; the letter kept on that server has no text, the one
	// copied from a file by migrate has its own.
	if err := rawExec(url)(`DELETE FROM search_docs WHERE doc & 3 = 3;
		UPDATE attachments SET letter_text = '' WHERE file_name LIKE '%acknowledgement%';
		DELETE FROM schema_migrations WHERE version = 11`); err != nil {
		t.Fatal(err)
	}
	again, err := pgstore.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	svc = cases.NewService(again, func() time.Time { return now })
	hits, err := svc.Search(ctx, sec, "acknowledgement "+c.Reference, cases.Query{}, 0, 10)
	if err != nil || len(hits) != 1 || hits[0].ID != c.ID || hits[0].Source != cases.SourceLetter {
		t.Fatalf("after the upgrade the letter kept before it is found as %+v (%v)", hits, err)
	}
	if hits, err := svc.Search(ctx, sec, "okapi telemetry", cases.Query{}, 0, 10); err != nil || len(hits) != 1 || hits[0].Source != cases.SourceLetter {
		t.Errorf("the letter copied with its text is found as %+v (%v)", hits, err)
	}
	if hits, err := svc.Search(ctx, sec, "scan", cases.Query{}, 0, 10); err != nil || len(hits) != 0 {
		t.Errorf("an uploaded file is found by its name: %+v (%v)", hits, err)
	}
	if problems, err := again.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("the upgraded register: %q, %v", problems, err)
	}
}
