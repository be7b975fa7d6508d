package cases

import (
	"strings"
	"testing"
	"time"

	"ethicsdesk/mailintake"
)

// A message dated 1 January 1990 keeps its date; one dated the day before
// is taken as wrong (received today, with a warning).
func TestIntakeFromMailEarliestDate(t *testing.T) {
	today := MustDate("2026-03-10")
	for _, tc := range []struct {
		received time.Time
		want     string
		warn     bool
	}{
		{time.Date(EarliestYear, 1, 1, 12, 0, 0, 0, time.Local), "1990-01-01", false},
		{time.Date(EarliestYear-1, 12, 31, 12, 0, 0, 0, time.Local), "2026-03-10", true},
	} {
		in := IntakeFromMail(&mailintake.Message{Received: tc.received, FromAddress: "a@b.c", Subject: "s", Body: "b"}, nil, "", today)
		if in.Draft.ReceivedOn.String() != tc.want || (len(in.Warnings) > 0) != tc.warn {
			t.Errorf("received %v: got %s, warnings %v", tc.received, in.Draft.ReceivedOn, in.Warnings)
		}
	}
}

// The message's files come with the case, the .eml first; an empty file is
// left out with a warning that names it.
func TestIntakeFromMailLeavesEmptyAttachmentsOut(t *testing.T) {
	msg := &mailintake.Message{Received: time.Date(2026, 3, 2, 10, 0, 0, 0, time.Local), FromAddress: "a@b.c", Subject: "s", Body: "b",
		Attachments: []mailintake.Attachment{{FileName: "evidence.pdf", ContentType: "application/pdf", Data: []byte("%PDF")}, {FileName: "blank.txt", ContentType: "text/plain"}}}
	in := IntakeFromMail(msg, []byte("From: a@b.c"), "complaint.EML", MustDate("2026-03-10"))
	if len(in.Files) != 2 || in.Files[0].FileName != "complaint.EML" || in.Files[1].FileName != "evidence.pdf" {
		t.Fatalf("files %+v", in.Files)
	}
	if len(in.Warnings) != 1 || !strings.Contains(in.Warnings[0], `"blank.txt" is empty`) {
		t.Fatalf("warnings %v", in.Warnings)
	}
}

// A message text of exactly the summary's length is kept whole without a
// warning; one character more is cut with a warning saying so.
func TestIntakeFromMailSummaryAtItsLimit(t *testing.T) {
	for _, tc := range []struct {
		body string
		warn bool
	}{
		{strings.Repeat("文", MaxSummary), false},
		{strings.Repeat("文", MaxSummary) + "x", true},
	} {
		in := IntakeFromMail(&mailintake.Message{Received: time.Date(2026, 3, 2, 10, 0, 0, 0, time.Local), FromAddress: "a@b.c", Subject: "s", Body: tc.body}, nil, "", MustDate("2026-03-10"))
		if len([]rune(in.Draft.Summary)) != MaxSummary || (len(in.Warnings) > 0) != tc.warn {
			t.Errorf("a text of %d characters: summary of %d, warnings %v", len([]rune(tc.body)), len([]rune(in.Draft.Summary)), in.Warnings)
		}
	}
}
