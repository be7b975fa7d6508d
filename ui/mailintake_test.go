package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// TestNewCaseFromEmailAttachesItsFiles drops a real message into the
// intake: the form opens filled in, the secretariat completes it, and the
// saved case has the message and its attachments.
func TestNewCaseFromEmailAttachesItsFiles(t *testing.T) {
	h := newHarness(t, Options{})
	f := h.d.openIntakeFromMail("../mailintake/testdata/mixed_pdf.eml", nil)
	if f == nil {
		t.Fatal("the form did not open")
	}
	if f.title.Text != "Antrag: Fairness in der Kreditvergabe" || f.subName.Text != "Renée Fabre" ||
		f.received.Text != "2025-01-15" && f.received.Text != "2025-01-16" || f.channel.value() != string(cases.ChannelEmail) {
		t.Fatalf("pre-filled: title %q, name %q, received %q, channel %q", f.title.Text, f.subName.Text, f.received.Text, f.channel.value())
	}
	if !strings.Contains(f.summary.Text, "Fairness in der Kreditvergabe") {
		t.Fatalf("summary %q", f.summary.Text)
	}
	note, ok := f.body.Objects[0].(*widget.Label)
	if !ok || !strings.Contains(note.Text, "Antrag über KI.pdf") {
		t.Fatalf("the form does not say which files will be attached")
	}
	f.typ.set("guidance_request")
	f.sector.set("finance")
	f.risk.set(string(cases.RiskMedium))
	f.submit()
	h.settle()
	if !f.closed {
		t.Fatal("the form stayed open after saving")
	}
	rows, _ := h.svc.ListCases(context.Background(), secretary, cases.Query{}, 0, 10)
	if len(rows) != 1 {
		t.Fatalf("%d cases", len(rows))
	}
	list, err := h.svc.Attachments(context.Background(), secretary, rows[0].ID)
	if err != nil || len(list) != 3 || list[0].FileName != "mixed_pdf.eml" || list[1].FileName != "Antrag über KI.pdf" {
		t.Fatalf("attachments %+v %v", list, err)
	}

	// The case window lists them; a file dropped on it is attached too.
	cw := h.d.openCase(rows[0].ID)
	h.settle()
	if got := len(cw.attachments.list.Objects); got != 3 {
		t.Fatalf("case window lists %d attachments", got)
	}
	extra := filepath.Join(t.TempDir(), "minutes.txt")
	os.WriteFile(extra, []byte("minutes of the hearing"), 0o600)
	cw.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(extra)})
	h.settle()
	if got := len(cw.attachments.list.Objects); got != 4 {
		t.Fatalf("after the drop the case window lists %d attachments", got)
	}
}

func TestUnreadableEmailIsExplained(t *testing.T) {
	h := newHarness(t, Options{})
	if f := h.d.openIntakeFromMail("../mailintake/testdata/empty.eml", h.app.NewWindow("x")); f != nil {
		t.Fatal("an intake form opened for an empty file")
	}
}
