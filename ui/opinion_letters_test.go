package ui

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// TestLettersFromTheCaseWindow prints the three letters as the secretariat.
func TestLettersFromTheCaseWindow(t *testing.T) {
	w := newOpinionWorld(t)
	ctx := context.Background()
	sec, err := w.svc.CreateUser(ctx, w.admin, cases.NewAccount{Username: "sec", DisplayName: "Li Na", Role: cases.RoleSecretariat, Password: "secretary password 1"})
	if err != nil {
		t.Fatal(err)
	}
	secDesk := w.deskFor(sec)
	cw := secDesk.openCase(w.caseID)
	w.settle()
	if !askActions(secDesk, cw.c).letters {
		t.Fatal("the secretariat is not offered the letters")
	}
	rappDesk := w.deskFor(w.rapp)
	if askActions(rappDesk, rappDesk.openCase(w.caseID).c).letters {
		t.Fatal("a member who may not see the submitter is offered letters")
	}
	ack, err := cw.letterPDF(cases.LetterAcknowledgement, nil, time.Time{}, "")
	if err != nil || !bytes.HasPrefix(ack, []byte("%PDF-")) {
		t.Fatalf("acknowledgement: %v", err)
	}
	if _, err := cw.letterPDF(cases.LetterRequestInfo, []string{"The data protection impact assessment"}, time.Now().AddDate(0, 0, 14), ""); err != nil {
		t.Fatalf("request for information: %v", err)
	}
	if _, err := cw.letterPDF(cases.LetterDecisionNotice, nil, time.Time{}, ""); err == nil || !strings.Contains(err.Error(), "no issued opinion") {
		t.Fatalf("a notice of decision before issue: %v", err)
	}
	if cw.issued {
		t.Fatal("the notice of decision is offered before issue")
	}
	// The two letters issued are kept with the case: on its timeline, with
	// the declarations of interest.
	cw.reload()
	w.settle()
	lines := strings.Join(cw.timeline.lines, "\n")
	if strings.Count(lines, "Document added to the case: "+w.caseRef(t)+" letter") != 2 || !strings.Contains(lines, "Declared no conflict of interest.") {
		t.Fatalf("the timeline shows:\n%s", lines)
	}

	// A committee that writes in Chinese sends its acknowledgement in Chinese.
	if err := w.svc.SaveDocumentLanguage(context.Background(), w.admin, cases.DocumentsInChinese); err != nil {
		t.Fatal(err)
	}
	zh, err := cw.letterPDF(cases.LetterAcknowledgement, nil, time.Time{}, "")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ack.pdf")
	os.WriteFile(path, zh, 0o600)
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils; run scripts/install-deps.sh): %v", err)
	}
	flat := strings.Join(strings.Fields(string(out)), "")
	for _, want := range []string{"受理回执", "尊敬的", "此致", "秘书处"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the Chinese acknowledgement lacks %q:\n%s", want, out)
		}
	}
}

// caseRef is the reference of the world's case.
func (w *opinionWorld) caseRef(t *testing.T) string {
	c, err := w.svc.GetCase(context.Background(), w.admin, w.caseID)
	if err != nil {
		t.Fatal(err)
	}
	return c.Reference
}
