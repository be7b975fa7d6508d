package ui

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"ethicsdesk/cases"
)

// previewText is the draft opinion's text as pdftotext reads it, with the
// spaces and line breaks taken out.
func previewText(t *testing.T, w *opinionWorld) string {
	t.Helper()
	pdf, err := w.svc.PreviewOpinion(context.Background(), w.rapp, w.caseID)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "preview.pdf")
	os.WriteFile(path, pdf, 0o600)
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils; run scripts/install-deps.sh): %v", err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}

// TestArticle66DutiesAreCheckedAndPrinted: the case of a high-risk system
// shows the rapporteur the duties of its tier (prior assessment and risk
// warning); a duty is met only with evidence, said at the field; the
// secretariat cannot mark; a duty of another tier is refused; each mark is
// in the audit log; the opinion's findings print the checklist, in English
// and in Chinese; a medium-risk case has disclosure and follow-up instead.
func TestArticle66DutiesAreCheckedAndPrinted(t *testing.T) {
	w := newOpinionWorld(t)
	ctx := context.Background()
	cw := w.deskFor(w.rapp).openCase(w.caseID)
	w.settle()
	if len(cw.duties.rows) != 2 || cw.duties.rows[cases.DutyPriorAssessment] == nil || cw.duties.rows[cases.DutyRiskWarning] == nil {
		t.Fatalf("the high-risk case shows the duties %v", cw.duties.rows)
	}
	row := cw.duties.rows[cases.DutyPriorAssessment]
	if !contains(labelTexts(cw.duties.box), "Not checked yet.") {
		t.Fatalf("an unchecked duty reads %v", labelTexts(cw.duties.box))
	}
	row.met.SetChecked(true)
	test.Tap(row.record)
	w.settle()
	if !row.err.Visible() || row.err.Text != "Say what shows that the duty is met: a document, its date, what it says." {
		t.Fatalf("a duty marked met without evidence: %q", row.err.Text)
	}
	if checks, _ := w.svc.CaseDuties(ctx, w.rapp, w.caseID); checks[0].Marked() {
		t.Fatal("the refused mark was stored")
	}
	test.Type(row.evidence, "DPIA of 3 March 2026, approved by the operator's board")
	test.Tap(row.record)
	w.settle()
	row = cw.duties.rows[cases.DutyPriorAssessment]
	if !row.met.Checked || !containsPart(labelTexts(cw.duties.box), "Met — checked by") {
		t.Fatalf("after recording, the duty reads %v", labelTexts(cw.duties.box))
	}
	warn := cw.duties.rows[cases.DutyRiskWarning]
	test.Type(warn.evidence, "No warning is shown to passengers at the gates.")
	test.Tap(warn.record)
	w.settle()

	checks, err := w.svc.CaseDuties(ctx, w.admin, w.caseID)
	if err != nil || len(checks) != 2 || !checks[0].Met || checks[0].MarkedBy != w.rapp.Name() || checks[1].Met || !checks[1].Marked() {
		t.Fatalf("the stored checklist: %+v %v", checks, err)
	}
	sec, err := w.svc.CreateUser(ctx, w.admin, cases.NewAccount{Username: "sec", DisplayName: "Li Na", Role: cases.RoleSecretariat, Password: "secretary password 1"})
	if err != nil {
		t.Fatal(err)
	}
	var forbidden *cases.ForbiddenError
	if _, err := w.svc.MarkDuty(ctx, sec, w.caseID, cases.DutyRiskWarning, true, "A sign"); !errors.As(err, &forbidden) {
		t.Fatalf("the secretariat marked a duty: %v", err)
	}
	if w.svc.MayMarkDuties(ctx, sec, w.caseID) {
		t.Fatal("the secretariat is offered the checklist")
	}
	sc := w.deskFor(sec).openCase(w.caseID)
	w.settle()
	if sc.duties.rows[cases.DutyRiskWarning] == nil || !sc.duties.rows[cases.DutyRiskWarning].evidence.Disabled() {
		t.Fatal("the secretariat does not see the checklist read-only")
	}
	if _, err := w.svc.MarkDuty(ctx, w.rapp, w.caseID, cases.DutyDisclosure, true, "A notice"); err == nil {
		t.Fatal("a medium-risk duty was marked on a high-risk case")
	}
	records, _, err := w.svc.AuditLog(ctx, w.admin, cases.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	marks := 0
	for _, r := range records {
		if r.Action == "case.duty" && r.EntityID == w.caseID {
			marks++
		}
	}
	if marks != 2 {
		t.Fatalf("%d duty marks in the audit log, want 2", marks)
	}

	if _, err := w.svc.SaveOpinionDraft(ctx, w.rapp, w.caseID, 0, cases.OpinionText{Decision: cases.DecisionUpheld,
		Paragraphs: []cases.Paragraph{{Heading: cases.HeadFindings, Text: "The gates keep face images."}}}); err != nil {
		t.Fatal(err)
	}
	en := previewText(t, w)
	for _, want := range []string{"Article66dutiesforasystemofhighrisk", "Priorassessment:met.Evidence:DPIAof3March2026", "Riskwarning:notmet.Nowarningisshown"} {
		if !strings.Contains(en, want) {
			t.Errorf("the opinion's findings lack %q:\n%s", want, en)
		}
	}
	if i, j := strings.Index(en, "Thegateskeepfaceimages"), strings.Index(en, "Priorassessment:met"); i < 0 || j < i {
		t.Errorf("the checklist is not printed after the findings' own paragraphs")
	}
	if err := w.svc.SaveDocumentLanguage(ctx, w.admin, cases.DocumentsInChinese); err != nil {
		t.Fatal(err)
	}
	zh := previewText(t, w)
	for _, want := range []string{"第六十六条", "事前评估：已履行。证明材料：", "风险提示：未履行。"} {
		if !strings.Contains(zh, want) {
			t.Errorf("the Chinese opinion's findings lack %q:\n%s", want, zh)
		}
	}

	medium := w.tw.AddCaseInOpinionDrafting(t, func(d *cases.Draft) { d.Risk = cases.RiskMedium })
	got, err := w.svc.CaseDuties(ctx, w.rapp, medium)
	if err != nil || len(got) != 2 || got[0].Duty != cases.DutyDisclosure || got[1].Duty != cases.DutyFollowUp {
		t.Fatalf("a medium-risk case's duties: %+v %v", got, err)
	}
}
