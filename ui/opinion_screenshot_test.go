package ui

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"ethicsdesk/cases"
)

// TestOpinionScreenshots writes the opinion editor (draft and issued) and
// the verify screen to PNG files so a person can look at them:
//
//	UI_SCREENSHOTS=/tmp LANG=en_US.UTF-8 go test -tags "sqlite_fts5 migrated_fynedo" -run OpinionScreenshots ./ui/
func TestOpinionScreenshots(t *testing.T) {
	dir := os.Getenv("UI_SCREENSHOTS")
	if dir == "" {
		t.Skip("set UI_SCREENSHOTS=DIR to write screenshots")
	}
	w := newOpinionWorld(t)
	w.app.Settings().SetTheme(theme.DefaultTheme())
	ctx := context.Background()
	text := cases.OpinionText{Decision: cases.DecisionPartlyUpheld, Paragraphs: []cases.Paragraph{
		{Heading: cases.HeadBackground, Text: "On 3 February 2026 the submitter complained that the ticket gates of the metro keep images of travellers' faces for longer than the journey requires, and that no notice tells travellers so."},
		{Heading: cases.HeadBackground, Text: "Metro Co. replied that the images are kept for thirty days to investigate fare evasion."},
		{Heading: cases.HeadQuestions, Text: "Whether travellers were informed, and whether keeping the images for thirty days is necessary for the stated purpose."},
		{Heading: cases.HeadFindings, Text: findingsZH + " The notices at the gates do not mention the images."},
		{Heading: cases.HeadReasoning, Text: "Consent must be informed and specific; a purpose that can be met by keeping a ticket record does not justify keeping a face."},
	}}
	if _, err := w.svc.SaveOpinionDraft(ctx, w.rapp, w.caseID, 0, text); err != nil {
		t.Fatal(err)
	}
	rd := w.deskFor(w.rapp)
	ed := rd.openOpinion(w.caseID)
	w.settle()
	ed.win.Resize(fyne.NewSize(980, 760))
	capture(t, ed.win, filepath.Join(dir, "ethicsdesk-opinion-editor.png"))

	if _, err := w.svc.SignOpinion(ctx, w.rapp, w.caseID, rappPassword); err != nil {
		t.Fatal(err)
	}
	ed.reload()
	w.settle()
	ed.askSign() // not offered to the rapporteur now: shows nothing
	w.settle()
	cd := w.deskFor(w.chair)
	ced := cd.openOpinion(w.caseID)
	w.settle()
	ced.askSign()
	w.settle()
	ced.win.Resize(fyne.NewSize(980, 760))
	capture(t, ced.win, filepath.Join(dir, "ethicsdesk-opinion-countersign.png"))
	if _, err := w.svc.SignOpinion(ctx, w.chair, w.caseID, chairPassword); err != nil {
		t.Fatal(err)
	}
	ed.reload()
	w.settle()
	capture(t, ed.win, filepath.Join(dir, "ethicsdesk-opinion-issued.png"))

	pdf, _, err := w.svc.IssuedOpinionPDF(ctx, w.chair, w.caseID)
	if err != nil {
		t.Fatal(err)
	}
	v := cd.openVerify()
	w.settle()
	v.check("EC-opinion.pdf", pdf)
	w.settle()
	v.win.Resize(fyne.NewSize(760, 900))
	capture(t, v.win, filepath.Join(dir, "ethicsdesk-verify.png"))

	k := w.deskFor(w.admin).openKeys()
	capture(t, k.win, filepath.Join(dir, "ethicsdesk-keys.png"))
}
