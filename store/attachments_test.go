package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
	"ethicsdesk/mailintake"
	"ethicsdesk/store"
)

// registerWithAdmin is a temporary register, its service and its first
// administrator (password hashing made cheap for the tests).
func registerWithAdmin(t *testing.T) (*store.DB, *cases.Service, cases.User) {
	t.Helper()
	passwordcost.Cheap()
	db, _ := openTemp(t)
	svc := newService(db)
	admin, err := svc.Bootstrap(context.Background(), "admin", "Chen Jie", "the first long password")
	if err != nil {
		t.Fatal(err)
	}
	return db, svc, admin
}

func newService(db *store.DB) *cases.Service {
	return cases.NewService(db, func() time.Time { return time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local) })
}

func TestAttachmentRoundTripAndListing(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	svc := newService(db)
	c, err := svc.CreateCase(ctx, secretary, draft())
	if err != nil {
		t.Fatal(err)
	}
	pdf := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{0, 1, 2, 255}, 5000)...)
	a, err := svc.AddAttachment(ctx, secretary, c.ID, `C:\Users\li\Desktop\complaint.pdf`, "", pdf)
	if err != nil {
		t.Fatal(err)
	}
	if a.FileName != "complaint.pdf" || a.ContentType != "application/pdf" || a.Size != int64(len(pdf)) || a.AddedBy != "Li Na" {
		t.Fatalf("stored attachment %+v", a)
	}
	// The same bytes attached again (to another case) are stored once.
	c2, _ := svc.CreateCase(ctx, secretary, draft())
	if _, err := svc.AddAttachment(ctx, secretary, c2.ID, "copy.pdf", "application/pdf", pdf); err != nil {
		t.Fatal(err)
	}
	list, err := svc.Attachments(ctx, secretary, c.ID)
	if err != nil || len(list) != 1 || list[0].ID != a.ID || list[0].SHA256 != cases.Fingerprint(pdf) {
		t.Fatalf("listing: %+v %v", list, err)
	}
	data, meta, err := svc.OpenAttachment(ctx, secretary, a.ID)
	if err != nil || !bytes.Equal(data, pdf) || meta.FileName != "complaint.pdf" {
		t.Fatalf("open: %v, %d bytes, %+v", err, len(data), meta)
	}
	if n := countRows(t, db.Path, "SELECT count(*) FROM blobs"); n != 1 {
		t.Fatalf("%d blobs for one content", n)
	}
	if n := countRows(t, db.Path, "SELECT count(*) FROM audit_log WHERE action = 'attachment.add'"); n != 2 {
		t.Fatalf("%d audit entries for two attachments", n)
	}
	if problems, err := db.Check(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("check after attaching: %v %v", problems, err)
	}
}

func TestAttachmentDamageIsReportedNotShown(t *testing.T) {
	db, path := openTemp(t)
	ctx := context.Background()
	svc := newService(db)
	c, _ := svc.CreateCase(ctx, secretary, draft())
	a, err := svc.AddAttachment(ctx, secretary, c.ID, "evidence.png", "image/png", []byte("\x89PNG original bytes"))
	if err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, path)
	if _, err := raw.Exec("UPDATE blobs SET data = ?1", []byte("\x89PNG altered bytes!")); err != nil {
		t.Fatal(err)
	}
	data, _, err := svc.OpenAttachment(ctx, secretary, a.ID)
	var de *cases.DamagedAttachmentError
	if !errors.As(err, &de) || data != nil {
		t.Fatalf("altered bytes: err %v, %d bytes returned", err, len(data))
	}
	if !strings.Contains(err.Error(), `The stored copy of "evidence.png" is damaged`) {
		t.Fatalf("message: %s", err)
	}
	problems, err := db.CheckAttachments(ctx)
	if err != nil || len(problems) != 1 {
		t.Fatalf("CheckAttachments: %v %v", problems, err)
	}
}

func TestAttachmentSizeLimitAndEmptyFile(t *testing.T) {
	db, path := openTemp(t)
	ctx := context.Background()
	svc := newService(db)
	c, _ := svc.CreateCase(ctx, secretary, draft())
	if max, _ := db.AttachmentMaxBytes(ctx); max != 50<<20 {
		t.Fatalf("default limit %d", max)
	}
	if _, err := rawDB(t, path).Exec("UPDATE settings SET value = '1000' WHERE key = 'attachment_max_bytes'"); err != nil {
		t.Fatal(err)
	}
	_, err := svc.AddAttachment(ctx, secretary, c.ID, "scan.tiff", "image/tiff", make([]byte, 1001))
	var tl *cases.TooLargeError
	if !errors.As(err, &tl) || !strings.Contains(err.Error(), `"scan.tiff" is 1001 bytes; attachments can be at most 1000 bytes`) {
		t.Fatalf("over the limit: %v", err)
	}
	if _, err := svc.AddAttachment(ctx, secretary, c.ID, "ok.txt", "text/plain", make([]byte, 1000)); err != nil {
		t.Fatalf("at the limit: %v", err)
	}
	var ee *cases.EmptyFileError
	if _, err := svc.AddAttachment(ctx, secretary, c.ID, "nothing.doc", "", nil); !errors.As(err, &ee) {
		t.Fatalf("empty file: %v", err)
	}
	// A batch with one refused file saves none of them.
	_, err = svc.AddAttachments(ctx, secretary, c.ID, []cases.NewAttachment{
		{FileName: "a.txt", Data: []byte("fine")}, {FileName: "b.bin", Data: make([]byte, 5000)}})
	if !errors.As(err, &tl) {
		t.Fatalf("batch: %v", err)
	}
	if list, _ := svc.Attachments(ctx, secretary, c.ID); len(list) != 1 {
		t.Fatalf("after a refused batch the case has %d attachments, want 1", len(list))
	}
}

func TestAttachmentsFollowCasePermissions(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	svc := newService(db)
	c, _ := svc.CreateCase(ctx, secretary, draft())
	a, _ := svc.AddAttachment(ctx, secretary, c.ID, "x.txt", "text/plain", []byte("x"))
	member := cases.User{ID: 5, Username: "m", Role: cases.RoleMember, Active: true}
	if _, err := svc.AddAttachment(ctx, member, c.ID, "y.txt", "", []byte("y")); err == nil {
		t.Fatal("a member attached a file")
	}
	gone := cases.User{ID: 6, Username: "gone", Role: cases.RoleSecretariat, Active: false}
	if _, _, err := svc.OpenAttachment(ctx, gone, a.ID); err == nil {
		t.Fatal("a deactivated account opened an attachment")
	}
	if _, err := svc.Attachments(ctx, gone, c.ID); err == nil {
		t.Fatal("a deactivated account listed attachments")
	}
	if _, err := svc.AddAttachment(ctx, secretary, 99999, "z.txt", "", []byte("z")); !errors.Is(err, cases.ErrNotFound) {
		t.Fatalf("attaching to a missing case: %v", err)
	}
}

// TestMailIntakeEndToEnd parses real-world messages, pre-fills the intake,
// completes what the secretariat chooses, and saves case and files together.
func TestMailIntakeEndToEnd(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	svc := newService(db)
	today := svc.Today()
	for _, tc := range []struct {
		file, title, submitter string
		files                  int // including the original message
	}{
		{"chinese.eml", "关于人工智能伦理审查的申请", "张伟", 1},
		{"mixed_pdf.eml", "Antrag: Fairness in der Kreditvergabe", "Renée Fabre", 3},
		{"plain_utf8.eml", "", "", 1},
		{"alternative_html.eml", "", "", 1},
		{"outlook_forward.eml", "", "", 0},
		{"chinese_gbk_q.eml", "", "", 1},
		{"truncated.eml", "", "", 0},
		{"missing_boundary.eml", "", "", 0},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := "../mailintake/testdata/" + tc.file
			msg, err := mailintake.ParseFile(path)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			raw := readFile(t, path)
			in := cases.IntakeFromMail(msg, raw, tc.file, today)
			d := in.Draft
			if d.Channel != cases.ChannelEmail || d.Title == "" || d.Summary == "" || d.ReceivedOn.IsZero() || d.ReceivedOn.After(today) {
				t.Fatalf("pre-filled draft %+v (warnings %v)", d, in.Warnings)
			}
			if tc.submitter != "" && d.Submitter.Name != tc.submitter {
				t.Fatalf("submitter %q, want %q", d.Submitter.Name, tc.submitter)
			}
			if tc.title != "" && !strings.Contains(d.Title, tc.title) {
				t.Fatalf("title %q, want it to contain %q", d.Title, tc.title)
			}
			if in.Files[0].FileName != tc.file || in.Files[0].ContentType != "message/rfc822" {
				t.Fatalf("first file %q %q", in.Files[0].FileName, in.Files[0].ContentType)
			}
			if tc.files > 0 && len(in.Files) != tc.files {
				t.Fatalf("%d files, want %d", len(in.Files), tc.files)
			}
			if tc.file == "mixed_pdf.eml" && (in.Files[1].FileName != "Antrag über KI.pdf" || in.Files[1].ContentType != "application/pdf") {
				t.Fatalf("PDF attachment %q %q", in.Files[1].FileName, in.Files[1].ContentType)
			}
			// What the secretariat fills in by hand.
			d.TypeCode, d.Sector, d.Risk = "guidance_request", "transport", cases.RiskMedium
			if d.Submitter.Name == "" {
				d.Submitter.Kind = cases.SubmitterAnonymous
			}
			c, atts, err := svc.CreateCaseWithAttachments(ctx, secretary, d, in.Files)
			if err != nil {
				t.Fatalf("save: %v", err)
			}
			stored, err := svc.Attachments(ctx, secretary, c.ID)
			if err != nil || len(stored) != len(in.Files) || len(atts) != len(in.Files) {
				t.Fatalf("stored %d attachments (%v), want %d", len(stored), err, len(in.Files))
			}
			for i, a := range stored {
				data, _, err := svc.OpenAttachment(ctx, secretary, a.ID)
				if err != nil || !bytes.Equal(data, in.Files[i].Data) {
					t.Fatalf("attachment %s: %v", a.FileName, err)
				}
			}
			got, _ := svc.GetCase(ctx, secretary, c.ID)
			if got.Title != d.Title || got.Submitter.Contact != d.Submitter.Contact {
				t.Fatalf("saved case %q / %q, draft %q / %q", got.Title, got.Submitter.Contact, d.Title, d.Submitter.Contact)
			}
		})
	}
}

func TestMailIntakeWithRefusedAttachmentSavesNothing(t *testing.T) {
	db, path := openTemp(t)
	ctx := context.Background()
	svc := newService(db)
	if _, err := rawDB(t, path).Exec("UPDATE settings SET value = '100' WHERE key = 'attachment_max_bytes'"); err != nil {
		t.Fatal(err)
	}
	d := draft()
	_, _, err := svc.CreateCaseWithAttachments(ctx, secretary, d, []cases.NewAttachment{{FileName: "big.pdf", Data: make([]byte, 101)}})
	var tl *cases.TooLargeError
	if !errors.As(err, &tl) {
		t.Fatalf("err %v", err)
	}
	if n := countRows(t, path, "SELECT count(*) FROM cases"); n != 0 {
		t.Fatalf("%d cases saved although the attachment was refused", n)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

func countRows(t *testing.T, path, query string) int {
	t.Helper()
	var n int
	if err := rawDB(t, path).QueryRow(query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
