package cases_test

import (
	"context"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// The name and type an attachment is listed under, as the secretariat
// attaches it: folders are cut off even at the start of the name, an
// over-long name keeps its extension when the extension is at most 20
// characters, and a content type the sender gave is kept when it is a
// plausible type of at most 100 characters, otherwise guessed from the
// name.
func TestAttachmentIsListedUnderACleanNameAndType(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskLow)
	ext20 := ".abcdefghijklmnopqrs" // the dot and 19 letters
	ext21 := ext20 + "t"
	type100 := "application/" + strings.Repeat("x", 88)
	for _, tc := range []struct {
		name, contentType  string
		wantName, wantType string
	}{
		{"/report.pdf", "", "report.pdf", "application/pdf"},
		{`\minutes.txt`, "", "minutes.txt", "text/plain"},
		{strings.Repeat("a", 300) + ext20, "", strings.Repeat("a", cases.MaxFileName-20) + ext20, "application/octet-stream"},
		{strings.Repeat("a", 300) + ext21, "", strings.Repeat("a", cases.MaxFileName), "application/octet-stream"},
		{"scan.pdf", "text/plain", "scan.pdf", "text/plain"},
		{"scan.pdf", type100, "scan.pdf", type100},
		{"scan.pdf", type100 + "x", "scan.pdf", "application/pdf"},
	} {
		att, err := k.svc.AddAttachment(ctx, k.sec, c.ID, tc.name, tc.contentType, []byte("content"))
		if err != nil {
			t.Errorf("attaching %q: %v", tc.name, err)
			continue
		}
		if att.FileName != tc.wantName || att.ContentType != tc.wantType {
			t.Errorf("%q sent as %q is listed as %q (%s), want %q (%s)", tc.name, tc.contentType, att.FileName, att.ContentType, tc.wantName, tc.wantType)
		}
	}
}
