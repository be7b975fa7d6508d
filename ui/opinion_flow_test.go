package ui

import (
	"context"
	"os/exec"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"ethicsdesk/cases"
)

const findingsZH = "委员会认为该系统未充分保护个人信息。"

// TestOpinionFromDraftToIssueThroughTheWindows drives the whole opinion
// through the windows: the rapporteur drafts and saves twice, looks at the
// versions, fails to sign with a wrong password, signs; the chair
// countersigns; the case is issued, the opinion read-only, and the verify
// screen finds both signatures valid.
func TestOpinionFromDraftToIssueThroughTheWindows(t *testing.T) {
	w := newOpinionWorld(t)
	ctx := context.Background()
	rd := w.deskFor(w.rapp)

	cw := rd.openCase(w.caseID)
	w.settle()
	w.settle() // the case's buttons come with the service's answers
	if cw == nil || cw.opinion == nil {
		t.Fatal("the rapporteur's case window offers no Opinion button")
	}
	test.Tap(cw.opinion)
	w.settle()
	ed := rd.opinionWins[w.caseID]
	if ed == nil || !ed.editable || ed.save == nil {
		t.Fatal("the opinion editor did not open for editing")
	}
	if ed.sign != nil {
		t.Fatal("signing is offered before anything was saved")
	}

	// Draft: the decision and paragraphs under two headings.
	ed.decision.set(string(cases.DecisionUpheld))
	adds := buttonsIn(ed.win.Content(), "Add paragraph")
	if len(adds) != len(cases.AllHeadings) {
		t.Fatalf("%d Add paragraph buttons, want one per heading", len(adds))
	}
	test.Tap(adds[0]) // Background
	w.settle()
	test.Type(ed.rows[0].entry, "The submitter complained that the gates keep face images.")
	test.Tap(buttonsIn(ed.win.Content(), "Add paragraph")[2]) // Findings
	w.settle()
	test.Type(ed.rows[1].entry, findingsZH)
	test.Tap(buttonsIn(ed.win.Content(), "Add paragraph")[2])
	w.settle()
	test.Type(ed.rows[2].entry, "No consent was asked.")
	if ed.rows[2].number.Text != "3." || ed.rows[1].number.Text != "2." {
		t.Fatalf("paragraphs are numbered %q, %q; want 2., 3.", ed.rows[1].number.Text, ed.rows[2].number.Text)
	}
	// Reorder: the last finding moves above the first one.
	ed.move(ed.rows[2], -1)
	if ed.rows[1].entry.Text != "No consent was asked." || ed.rows[1].number.Text != "2." {
		t.Fatalf("moving up did not reorder: %q is no. %s", ed.rows[1].entry.Text, ed.rows[1].number.Text)
	}
	test.Tap(ed.save)
	w.settle()
	if ed.op.Version != 1 || ed.dirty {
		t.Fatalf("after the first save: version %d, dirty %v (%q)", ed.op.Version, ed.dirty, ed.problem.Text)
	}

	// Edit and save with Ctrl+S from inside a paragraph.
	test.Type(ed.rows[0].entry, " Revised.")
	if !ed.dirty || !strings.Contains(ed.state.Text, "Unsaved") {
		t.Fatalf("an edit is not marked unsaved: %q", ed.state.Text)
	}
	ed.rows[0].entry.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault})
	w.settle()
	if ed.op.Version != 2 || ed.dirty {
		t.Fatalf("Ctrl+S did not save version 2: version %d (%q)", ed.op.Version, ed.problem.Text)
	}

	// Both versions can be read; the older one without the revision.
	test.Tap(buttonsIn(ed.win.Content(), "Versions…")[0])
	w.settle()
	if ed.versions == nil || len(ed.versions.versions) != 2 {
		t.Fatal("the versions window does not list two versions")
	}
	ed.versions.list.Select(1)
	old := strings.Join(ed.versions.shownTexts(), "\n")
	if !strings.Contains(old, "Version 1") || strings.Contains(old, "Revised.") || !strings.Contains(old, findingsZH) {
		t.Fatalf("version 1 shows:\n%s", old)
	}

	// A draft without reasoning and decision cannot be signed: the dialog
	// lists what is missing instead of asking for the password.
	if ed.sign == nil || ed.sign.Text != "Sign as rapporteur" {
		t.Fatal("the rapporteur is not offered to sign the saved draft")
	}
	test.Tap(ed.sign)
	w.settle()
	if ed.pendingSign != nil || strings.Join(ed.missingShown, "|") != "a paragraph under “Reasoning”|a paragraph under “Decision”" {
		t.Fatalf("signing an incomplete draft: dialog %v, missing %q", ed.pendingSign != nil, ed.missingShown)
	}
	test.Tap(buttonsIn(ed.win.Content(), "Add paragraph")[3]) // Reasoning
	w.settle()
	test.Type(ed.rows[3].entry, "Consent must be informed and specific.")
	test.Tap(buttonsIn(ed.win.Content(), "Add paragraph")[4]) // Decision
	w.settle()
	test.Type(ed.rows[4].entry, "The complaint is upheld.")
	test.Tap(ed.save)
	w.settle()

	// A wrong password is refused at the field and changes nothing.
	test.Tap(ed.sign)
	w.settle()
	s := ed.pendingSign
	if s == nil || !containsPart(labelsIn(s.content), "Rapporteur — author") {
		t.Fatal("the signing dialog does not state the meaning of the signature")
	}
	test.Type(s.password, "not my password at all")
	test.Tap(s.confirm)
	w.settle()
	if s.err.Text != cases.ErrSignPassword.Error() || !s.err.Visible() {
		t.Fatalf("wrong password says %q", s.err.Text)
	}
	if op, _ := w.svc.Opinion(ctx, w.rapp, w.caseID); op.State != cases.OpinionDraft || len(op.Signatures) != 0 {
		t.Fatalf("a refused signature changed the opinion: %+v", op.State)
	}
	test.Type(s.password, rappPassword)
	test.Tap(s.confirm)
	w.settle()
	if ed.op.State != cases.OpinionSignedRapporteur || ed.editable || ed.sign != nil {
		t.Fatalf("after the rapporteur's signature: state %s, editable %v (%q)", ed.op.State, ed.editable, s.err.Text)
	}

	// The chair first returns it: the signature is void, a new version
	// opens, and the reason is on the case's timeline.
	cd := w.deskFor(w.chair)
	ced := cd.openOpinion(w.caseID)
	w.settle()
	if ced.returnBtn == nil {
		t.Fatal("the chair is not offered to return the signed draft")
	}
	test.Tap(ced.returnBtn)
	w.settle()
	r := ced.pendingReturn
	test.Tap(r.confirm)
	w.settle()
	if !r.err.Visible() || !strings.Contains(r.err.Text, "Say why") {
		t.Fatalf("a return without a reason: %q", r.err.Text)
	}
	test.Type(r.reason, "Say how consent was asked at the gates.")
	test.Tap(r.confirm)
	w.settle()
	if ced.op.State != cases.OpinionDraft || len(ced.op.Signatures) != 0 || ced.returnBtn != nil || ced.sign != nil {
		t.Fatalf("after the return the chair sees %s with %d signatures", ced.op.State, len(ced.op.Signatures))
	}
	ed.reload()
	w.settle()
	if !ed.editable || ed.op.Version != 4 {
		t.Fatalf("the returned draft is not editable as version 4: %v %d", ed.editable, ed.op.Version)
	}
	cw.reload()
	w.settle()
	if tl := labelTexts(cw.win.Content()); !containsPart(tl, "Say how consent was asked at the gates.") {
		t.Fatalf("the case's timeline does not show the return: %v", tl)
	}
	test.Tap(ed.sign)
	w.settle()
	test.Type(ed.pendingSign.password, rappPassword)
	test.Tap(ed.pendingSign.confirm)
	w.settle()
	ced.reload()
	w.settle()

	// The chair countersigns from their own program.
	if ced.sign == nil || ced.sign.Text != "Countersign as chair" {
		t.Fatal("the chair is not offered to countersign")
	}
	test.Tap(ced.sign)
	w.settle()
	if !containsPart(labelsIn(ced.pendingSign.content), "Chair — approval") {
		t.Fatal("the countersigning dialog does not state its meaning")
	}
	test.Type(ced.pendingSign.password, chairPassword)
	test.Tap(ced.pendingSign.confirm)
	w.settle()
	if ced.op.State != cases.OpinionIssuedState {
		t.Fatalf("the chair's signature did not issue the opinion: %s", ced.op.State)
	}
	ccw := cd.openCase(w.caseID)
	w.settle()
	if ccw.status.Text != "Opinion issued" {
		t.Fatalf("the case shows %q after issue", ccw.status.Text)
	}

	// The issued opinion is read-only, even for its rapporteur.
	ed.reload()
	w.settle()
	if ed.editable || ed.save != nil || len(buttonsIn(ed.win.Content(), "Add paragraph")) != 0 {
		t.Fatal("the issued opinion can still be edited")
	}
	if len(buttonsIn(ed.win.Content(), "Start correction")) != 1 || len(buttonsIn(ed.win.Content(), "Save issued PDF…")) != 1 {
		t.Fatal("the issued opinion offers no correction or PDF")
	}
	if !containsPart(labelsIn(ed.body), "Revised.") || !containsPart(labelsIn(ed.body), "Chair — approval") {
		t.Fatalf("the read-only opinion shows %v", labelsIn(ed.body))
	}

	// The verify screen finds two valid signatures that chain to the root.
	pdf, _, err := w.svc.IssuedOpinionPDF(ctx, w.chair, w.caseID)
	if err != nil {
		t.Fatal(err)
	}
	v := cd.openVerify()
	w.settle()
	v.check("opinion.pdf", pdf)
	w.settle()
	if !strings.HasPrefix(v.verdictText(), "Verified: 2 valid signatures") {
		t.Fatalf("verify says %q", v.verdictText())
	}
	shown := labelsIn(v.result)
	for _, want := range []string{"Signature 1 of 2", "Signature 2 of 2", "Rapporteur — author", "Chair — approval"} {
		if !contains(shown, want) {
			t.Errorf("the verify screen lacks %q: %v", want, shown)
		}
	}
	if n := strings.Count(strings.Join(shown, "|"), "|Valid|"); n != 2 {
		t.Errorf("%d signatures shown as valid, want 2: %v", n, shown)
	}
	tampered := []byte(string(pdf))
	i := strings.Index(string(tampered), "/Type /Page")
	tampered[i+2] ^= 1
	v.check("tampered.pdf", tampered)
	w.settle()
	if !strings.HasPrefix(v.verdictText(), "NOT VERIFIED") || !containsPart(labelsIn(v.result), "Not valid") {
		t.Fatalf("a changed byte: %q %v", v.verdictText(), labelsIn(v.result))
	}
	v.check("junk.pdf", []byte("this is not a pdf at all"))
	w.settle()
	if !strings.Contains(v.verdictText(), "could not be checked") {
		t.Fatalf("a file that is not a PDF: %q", v.verdictText())
	}
}

// TestUnsavedChangesAskBeforeClosing checks the editor keeps unsaved work.
func TestUnsavedChangesAskBeforeClosing(t *testing.T) {
	w := newOpinionWorld(t)
	rd := w.deskFor(w.rapp)
	ed := rd.openOpinion(w.caseID)
	w.settle()
	r := ed.addParagraph(cases.HeadReasoning)
	test.Type(r.entry, "Work in progress")
	ed.askClose()
	if rd.opinionWins[w.caseID] == nil {
		t.Fatal("the editor closed with unsaved changes without asking")
	}
	test.Tap(buttonsIn(ed.win.Canvas().Overlays().Top(), "Discard changes")[0])
	w.settle()
	if rd.opinionWins[w.caseID] != nil {
		t.Fatal("Discard changes did not close the editor")
	}
}

// TestPreviewRendersPages checks the preview draws the draft's pages.
func TestPreviewRendersPages(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Fatal("pdftoppm is not installed: run scripts/install-deps.sh (poppler-utils)")
	}
	w := newOpinionWorld(t)
	ctx := context.Background()
	if _, err := w.svc.SaveOpinionDraft(ctx, w.rapp, w.caseID, 0, cases.OpinionText{Decision: cases.DecisionUpheld,
		Paragraphs: []cases.Paragraph{{Heading: cases.HeadBackground, Text: "Background."}}}); err != nil {
		t.Fatal(err)
	}
	pdf, err := w.svc.PreviewOpinion(ctx, w.rapp, w.caseID)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := renderPages(pdf, 40)
	if err != nil || len(pages) == 0 || !strings.HasPrefix(string(pages[0]), "\x89PNG") {
		t.Fatalf("preview: %d pages, %v", len(pages), err)
	}
}
