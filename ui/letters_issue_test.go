package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"ethicsdesk/cases"
)

// TestALetterIsKeptOnlyWhenSaved writes an acknowledgement from the case
// window: cancelling the save dialog issues nothing (no document, no audit
// entry); saving it writes the file and keeps the very same bytes with the
// case.
func TestALetterIsKeptOnlyWhenSaved(t *testing.T) {
	w := newOpinionWorld(t)
	ctx := context.Background()
	sec, err := w.svc.CreateUser(ctx, w.admin, cases.NewAccount{Username: "sec", DisplayName: "Li Na", Role: cases.RoleSecretariat, Password: "secretary password 1"})
	if err != nil {
		t.Fatal(err)
	}
	d := w.deskFor(sec)
	d.saveFolder = t.TempDir()
	cw := d.openCase(w.caseID)
	w.settle()
	letters := func() []cases.Attachment {
		t.Helper()
		all, err := w.svc.Attachments(ctx, sec, w.caseID)
		if err != nil {
			t.Fatal(err)
		}
		return all
	}
	before := len(letters())

	cw.letter(cases.LetterAcknowledgement, nil, time.Time{})
	dlg := cw.win.Canvas().Overlays().Top()
	if dlg == nil || len(buttonsIn(dlg, "Cancel")) != 1 {
		t.Fatal("no save dialog with a Cancel button opened for the letter")
	}
	test.Tap(buttonsIn(dlg, "Cancel")[0])
	w.settle()
	if n := len(letters()); n != before {
		t.Fatalf("cancelling the save dialog kept %d letter(s) with the case", n-before)
	}

	cw.letter(cases.LetterAcknowledgement, nil, time.Time{})
	dlg = cw.win.Canvas().Overlays().Top()
	save := buttonsIn(dlg, "Save")
	if len(save) != 1 {
		t.Fatal("the save dialog has no Save button")
	}
	test.Tap(save[0])
	w.settle()
	kept := letters()
	if len(kept) != before+1 {
		t.Fatalf("saving the letter kept %d document(s), want one", len(kept)-before)
	}
	saved, err := os.ReadFile(filepath.Join(d.saveFolder, safeFileName(cw.c.Reference)+"-acknowledgement.pdf"))
	if err != nil {
		t.Fatalf("the letter was not saved where chosen: %v", err)
	}
	data, _, err := w.svc.OpenAttachment(ctx, sec, kept[len(kept)-1].ID)
	if err != nil || !bytes.Equal(data, saved) {
		t.Fatalf("the kept letter is not the saved one (%d and %d bytes): %v", len(data), len(saved), err)
	}

	// The letter is found by search, by its title in either language, and
	// a request for information by what it asks for.
	for _, words := range []string{"acknowledgement", "受理回执"} {
		hits, err := w.svc.Search(ctx, sec, words, cases.Query{}, 0, 10)
		if err != nil || len(hits) != 1 || hits[0].ID != w.caseID || hits[0].Source != cases.SourceLetter {
			t.Fatalf("searching %q finds %+v (%v), want the case through its letter", words, hits, err)
		}
	}
	if hits, _ := w.svc.Search(ctx, sec, "tachograph calibration", cases.Query{}, 0, 10); len(hits) != 0 {
		t.Fatalf("words no letter holds yet find %d case(s)", len(hits))
	}
	if _, err := cw.letterPDF(cases.LetterRequestInfo, []string{"The tachograph calibration records"}, time.Now().AddDate(0, 0, 14), ""); err != nil {
		t.Fatal(err)
	}
	hits, err := w.svc.Search(ctx, sec, "tachograph calibration", cases.Query{}, 0, 10)
	if err != nil || len(hits) != 1 || hits[0].Source != cases.SourceLetter || len(hits[0].Snippet) == 0 {
		t.Fatalf("the request for information is not found by what it asks for: %+v %v", hits, err)
	}
	if problems, err := w.db.CheckSearchIndex(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("the search index check: %v %v", problems, err)
	}
}
