package cases_test

import (
	"context"
	"database/sql"
	"errors"
	"net/url"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// The attachment rules on a real register: files are checked (empty, too
// large, name and type cleaned) before anything is written, all or none;
// they are exactly as visible as their case; damaged bytes are reported
// and never handed out.
func TestAttachmentRules(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(true, cases.RiskHigh) // confidential
	must(t, k.db.SaveSettings(ctx, map[string]string{"attachment_max_bytes": "10"}, cases.AuditEntry{Actor: k.admin, Action: "test.settings", Entity: "settings"}))

	att, err := k.svc.AddAttachment(ctx, k.sec, c.ID, `C:\Users\li\..\report .pdf.`, "", []byte("0123456789"))
	must(t, err)
	if att.FileName != "report .pdf" || att.ContentType != "application/pdf" || att.Size != 10 || att.SHA256 != cases.Fingerprint([]byte("0123456789")) || att.AddedByID != k.sec.ID {
		t.Fatalf("attachment record: %+v", att)
	}
	var big *cases.TooLargeError
	_, err = k.svc.AddAttachments(ctx, k.sec, c.ID, []cases.NewAttachment{
		{FileName: "ok.txt", Data: []byte("fine")}, {FileName: "big.bin", Data: []byte("01234567890")}})
	if !errors.As(err, &big) || big.Max != 10 || big.Size != 11 || !strings.Contains(err.Error(), "11 bytes") {
		t.Fatalf("an 11-byte file over a 10-byte limit: %v", err)
	}
	var empty *cases.EmptyFileError
	if _, err := k.svc.AddAttachment(ctx, k.sec, c.ID, "blank.txt", "text/plain", nil); !errors.As(err, &empty) || empty.FileName != "blank.txt" {
		t.Fatalf("an empty file: %v", err)
	}
	list, err := k.svc.Attachments(ctx, k.sec, c.ID)
	must(t, err)
	if len(list) != 1 {
		t.Fatalf("a refused batch left %d attachments, want the first one only", len(list))
	}
	if _, err := k.svc.AddAttachments(ctx, k.sec, c.ID, nil); err != nil {
		t.Fatalf("attaching nothing: %v", err)
	}

	// As visible as the case: hidden from a member off the panel of a
	// confidential case, and nobody but editors may add.
	outsider := k.members[3]
	if _, err := k.svc.Attachments(ctx, outsider, c.ID); !errors.Is(err, cases.ErrNotFound) {
		t.Fatalf("a member off the panel lists a confidential case's files: %v", err)
	}
	if _, _, err := k.svc.OpenAttachment(ctx, outsider, att.ID); !errors.Is(err, cases.ErrNotFound) {
		t.Fatalf("a member off the panel opens a confidential case's file: %v", err)
	}
	if _, err := k.svc.AddAttachment(ctx, outsider, c.ID, "x.txt", "", []byte("x")); err == nil {
		t.Fatal("a member added a file to a case")
	}
	data, meta, err := k.svc.OpenAttachment(ctx, k.sec, att.ID)
	if err != nil || string(data) != "0123456789" || meta.ID != att.ID {
		t.Fatalf("opening the file: %q %v", data, err)
	}

	// Damaged bytes (same length, other content) are refused.
	raw, err := sql.Open("sqlite3_ethicsdesk", "file:"+(&url.URL{Path: k.path}).EscapedPath()+"?_busy_timeout=5000")
	must(t, err)
	defer raw.Close()
	if _, err := raw.Exec("UPDATE blobs SET data = CAST('9876543210' AS BLOB) WHERE sha256 = ?", att.SHA256); err != nil {
		t.Fatal(err)
	}
	var damaged *cases.DamagedAttachmentError
	if data, _, err := k.svc.OpenAttachment(ctx, k.sec, att.ID); !errors.As(err, &damaged) || data != nil || damaged.Want != att.SHA256 {
		t.Fatalf("damaged bytes: %q %v", data, err)
	}
}

// A submission with files is created with all of them or not at all.
func TestCaseWithAttachmentsIsAllOrNothing(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	d := k.newCase(false, cases.RiskLow).Draft
	n, _, _ := k.svc.CountCases(ctx, k.sec, cases.Query{})
	if _, _, err := k.svc.CreateCaseWithAttachments(ctx, k.sec, d, []cases.NewAttachment{{FileName: "a.txt", Data: []byte("a")}, {FileName: "b.txt"}}); err == nil {
		t.Fatal("a submission with an empty file was saved")
	}
	bad := d
	bad.Title = ""
	if _, _, err := k.svc.CreateCaseWithAttachments(ctx, k.sec, bad, []cases.NewAttachment{{FileName: "a.txt", Data: []byte("a")}}); err == nil {
		t.Fatal("a submission without a title was saved")
	}
	if _, _, err := k.svc.CreateCaseWithAttachments(ctx, k.members[0], d, []cases.NewAttachment{{FileName: "a.txt", Data: []byte("a")}}); err == nil {
		t.Fatal("a member registered a submission")
	}
	if after, _, _ := k.svc.CountCases(ctx, k.sec, cases.Query{}); after != n {
		t.Fatalf("refused submissions left %d cases, want %d", after, n)
	}
	c, atts, err := k.svc.CreateCaseWithAttachments(ctx, k.sec, d, []cases.NewAttachment{{FileName: "mail.eml", ContentType: "message/rfc822; charset=x", Data: []byte("From: a")}})
	must(t, err)
	if c.ID == 0 || len(atts) != 1 || atts[0].ContentType != "message/rfc822" {
		t.Fatalf("created %+v with %+v", c, atts)
	}
	list, err := k.svc.Attachments(ctx, k.sec, c.ID)
	if err != nil || len(list) != 1 || list[0].CaseID != c.ID {
		t.Fatalf("the new case's files: %+v %v", list, err)
	}
	c2, none, err := k.svc.CreateCaseWithAttachments(ctx, k.sec, d, nil)
	if err != nil || c2.ID == 0 || none != nil {
		t.Fatalf("a submission without files: %v", err)
	}
}

// Sizes read as a person would say them.
func TestHumanSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1023: "1023 bytes", 1024: "1.0 KB", 1536: "1.5 KB",
		1 << 20: "1.0 MB", 5<<20 + 1<<19: "5.5 MB", 1 << 30: "1.0 GB", 3 << 30: "3.0 GB"} {
		if got := cases.HumanSize(n); got != want {
			t.Errorf("HumanSize(%d) = %q, want %q", n, got, want)
		}
	}
}
