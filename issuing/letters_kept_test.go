package issuing_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// An issued letter is kept with its case: its bytes and SHA-256, who issued
// it and when, in the case's documents, on its timeline and in the audit
// log; declarations of interest show on the timeline too.
func TestAnIssuedLetterIsKeptWithTheCase(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	c, err := w.Service.GetCase(ctx, w.Chair, w.caseID)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := w.Service.Letter(ctx, w.Chair, cases.LetterRequest{Kind: cases.LetterRequestInfo, Case: c, From: w.Chair,
		Date: time.Now(), Items: []string{"The system's logs for March."}, DueBy: time.Now().AddDate(0, 0, 14)})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(pdf)
	docs, err := w.Service.Attachments(ctx, w.Chair, w.caseID)
	if err != nil || len(docs) != 1 {
		t.Fatalf("the case's documents: %+v %v", docs, err)
	}
	d := docs[0]
	if d.SHA256 != hex.EncodeToString(sum[:]) || d.AddedByID != w.Chair.ID || !strings.Contains(d.FileName, "request information") {
		t.Fatalf("the letter kept is %+v", d)
	}
	kept, _, err := w.Service.OpenAttachment(ctx, w.Chair, d.ID)
	if err != nil || string(kept) != string(pdf) {
		t.Fatalf("the kept bytes differ from the letter issued: %v", err)
	}
	tl, err := w.Service.Timeline(ctx, w.Chair, w.caseID)
	if err != nil {
		t.Fatal(err)
	}
	var letter, declared bool
	for _, e := range tl {
		letter = letter || (e.Document != nil && e.Document.ID == d.ID)
		declared = declared || (e.Declaration != nil && e.Declaration.UserID == w.Chair.ID)
	}
	if !letter || !declared {
		t.Fatalf("the timeline lacks the letter (%v) or the chair's declaration (%v)", letter, declared)
	}
	recs, _, err := w.Service.AuditLog(ctx, w.Admin, cases.AuditFilter{Limit: 1})
	if err != nil || len(recs) != 1 || recs[0].Action != "letter.issue" || !strings.Contains(recs[0].After, d.SHA256) {
		t.Fatalf("the audit log's newest entry: %+v %v", recs, err)
	}
	if problems, err := w.DB.Check(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("check after keeping a letter: %v %v", problems, err)
	}
}
