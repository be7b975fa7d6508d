package issuing_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

func pdfText(t *testing.T, pdf []byte) (path, flat string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "opinion.pdf")
	os.WriteFile(path, pdf, 0o600)
	txt, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (poppler-utils; run scripts/install-deps.sh): %v", err)
	}
	return path, strings.Join(strings.Fields(string(txt)), "")
}

// A committee that issues in Chinese: the administrator sets the language of
// documents once, and the opinion the chair countersigns prints 背景, 认定,
// the decision 投诉成立, the signatories' roles and meanings and 第1页 in
// Chinese — and pdfsig still finds both signatures valid.
func TestAChineseCommitteeIssuesAChineseOpinion(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	if err := w.Service.SaveDocumentLanguage(ctx, w.Admin, cases.DocumentsInChinese); err != nil {
		t.Fatal(err)
	}
	if err := w.Service.SaveDocumentLanguage(ctx, w.Rapporteur, cases.DocumentsInEnglish); err == nil {
		t.Fatal("a member changed the committee's language for documents")
	}
	path, flat := pdfText(t, w.issue(t))
	for _, want := range []string{"背景", "审议的问题", "认定", "理由", "建议或条件", "投诉成立", "报告人—撰写", "主任委员—批准",
		"第1页，共", "签署时的审计记录", chineseSentence} {
		if !strings.Contains(flat, want) {
			t.Errorf("the Chinese opinion lacks %q", want)
		}
	}
	if strings.Contains(flat, "Questionsconsidered") || strings.Contains(flat, "Pageof") {
		t.Error("the Chinese opinion still has English headings")
	}
	out, _ := exec.Command("pdfsig", path).CombinedOutput()
	if strings.Count(string(out), "Signature is Valid.") != 2 {
		t.Fatalf("pdfsig on the Chinese opinion:\n%s", out)
	}
}

// One opinion may be printed in another language than the committee's.
func TestAnOpinionCanOverrideTheCommitteesLanguage(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	if err := w.Service.SaveDocumentLanguage(ctx, w.Admin, cases.DocumentsInChinese); err != nil {
		t.Fatal(err)
	}
	tx := text()
	tx.Language = cases.DocumentsBilingual
	if _, err := w.Service.SaveOpinionDraft(ctx, w.Rapporteur, w.caseID, 0, tx); err != nil {
		t.Fatal(err)
	}
	pdf, err := w.Service.PreviewOpinion(ctx, w.Rapporteur, w.caseID)
	if err != nil {
		t.Fatal(err)
	}
	_, flat := pdfText(t, pdf)
	for _, want := range []string{"背景Background", "认定Findings", "第1页，共", "Page1of"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the bilingual opinion lacks %q", want)
		}
	}
}
