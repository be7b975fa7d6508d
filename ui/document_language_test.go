package ui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"ethicsdesk/cases"
)

// The administrator sets the committee's documents to Chinese in Settings ›
// Letterhead; the rapporteur's editor then offers "the committee's language
// (中文)" and can print one opinion bilingually instead: the choice is saved
// with the draft and the preview's PDF prints 背景 Background.
func TestDocumentLanguageInSettingsAndInTheOpinionEditor(t *testing.T) {
	w := newOpinionWorld(t)
	ctx := context.Background()
	ad := w.deskFor(w.admin)
	s := ad.openSettings()
	w.settle()
	s.docLang.SetSelected("中文")
	w.settle()
	test.Tap(s.saveLH)
	w.settle()
	if got, _ := w.svc.DocumentLanguage(ctx); got != cases.DocumentsInChinese {
		t.Fatalf("after saving the letterhead tab the committee's documents are in %q (%q)", got, s.lhSaved.Text)
	}

	rd := w.deskFor(w.rapp)
	cw := rd.openCase(w.caseID)
	w.settle()
	w.settle() // the case's buttons come with the service's answers
	test.Tap(cw.opinion)
	w.settle()
	ed := rd.opinionWins[w.caseID]
	if ed.language.Selected != "The committee's language (中文)" {
		t.Fatalf("the editor's language chooser shows %q", ed.language.Selected)
	}
	ed.decision.set(string(cases.DecisionUpheld))
	test.Tap(buttonsIn(ed.win.Content(), "Add paragraph")[0])
	w.settle()
	test.Type(ed.rows[0].entry, "The submitter complained that the gates keep face images.")
	ed.language.SetSelected("中文 + English")
	w.settle()
	test.Tap(ed.save)
	w.settle()
	if ed.op.Text.Language != cases.DocumentsBilingual || ed.dirty {
		t.Fatalf("saved language %q, dirty %v (%s)", ed.op.Text.Language, ed.dirty, ed.problem.Text)
	}
	pdf, err := w.svc.PreviewOpinion(ctx, w.rapp, w.caseID)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "preview.pdf")
	os.WriteFile(path, pdf, 0o600)
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils; run scripts/install-deps.sh): %v", err)
	}
	if flat := strings.Join(strings.Fields(string(out)), ""); !strings.Contains(flat, "背景Background") {
		t.Errorf("the bilingual preview lacks 背景 Background:\n%s", out)
	}
}
