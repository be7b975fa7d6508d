package report_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ethicsdesk/app"
	"ethicsdesk/cases"
	"ethicsdesk/demo"
	"ethicsdesk/internal/passwordcost"
	"ethicsdesk/report"
	"ethicsdesk/store"
)

// pdfText is the text poppler's pdftotext reads in a PDF.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext (poppler-utils) is not installed: run scripts/install-deps.sh")
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// A committee that prints its documents in Chinese gets its annual report
// in Chinese through the service, as the window and the command ask for
// it: title, headings, figures, the breakdowns' names and values, the
// list's columns and decisions, and the dates as Chinese writes them;
// "zh-Hans+en" prints both, and an explicit language wins over the
// committee's.
func TestTheAnnualReportIsInTheCommitteesLanguage(t *testing.T) {
	passwordcost.Cheap()
	path := filepath.Join(t.TempDir(), "r.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	end := time.Date(2026, 11, 24, 12, 0, 0, 0, time.Local)
	if err := demo.Seed(ctx, db, demo.SeedOptions{Cases: 300, Notes: 10, Seed: 3, End: end}); err != nil {
		t.Fatal(err)
	}
	svc := app.NewService(db, nil)
	admin, err := db.UserByName(ctx, "admin")
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.SaveDocumentLanguage(ctx, admin, cases.DocumentsInChinese); err != nil {
		t.Fatal(err)
	}
	sec, err := db.UserByName(ctx, "secretary")
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := svc.AnnualReport(ctx, sec, 2025, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	zh := pdfText(t, pdf)
	for _, want := range []string{"2025年度报告", "委员会自 2025年1月1日 至 2025年12月31日 的工作", "年度数据", "收件数",
		"按案件类型", "伦理投诉", "按当前状态", "已结案", "按风险等级", "已出具的意见书", "出具日期", "第1页，共"} {
		if !strings.Contains(zh, want) {
			t.Errorf("the Chinese report lacks %q", want)
		}
	}
	for _, english := range []string{"Annual report", "The year in figures", "Cases received", "By case type", "Opinions issued",
		"Ethics complaint", "Closed", "Page 1 of", "January"} {
		if strings.Contains(zh, english) {
			t.Errorf("the Chinese report prints %q", english)
		}
	}

	both, err := svc.AnnualReport(ctx, sec, 2025, cases.DocumentsBilingual, nil)
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, both); !strings.Contains(text, "2025年度报告 Annual report 2025") || !strings.Contains(text, "1 January 2025") ||
		!strings.Contains(text, "年度数据 The year in figures") {
		t.Errorf("the bilingual report:\n%.600s", text)
	}
	en, err := svc.AnnualReport(ctx, sec, 2025, cases.DocumentsInEnglish, nil)
	if err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, en); !strings.Contains(text, "Annual report 2025") || strings.Contains(text, "年度") {
		t.Errorf("the English report asked for over the committee's Chinese:\n%.600s", text)
	}
	if _, err := svc.AnnualReport(ctx, sec, 2025, "fr", nil); err == nil {
		t.Error("a report in an unknown language was made")
	}
}

// The chart draws Chinese labels with a font that has them: two labels
// that differ in one character give different pictures (a font without
// Chinese draws both as the same boxes).
func TestTheChartDrawsChineseLabels(t *testing.T) {
	draw := func(label string) []byte {
		png, err := report.BarChartPNG(cases.StatTable{Rows: []cases.StatCount{{Code: "x", Label: label, Received: 3, Decided: 1}}}, [2]string{"期内收件", "期内决定"})
		if err != nil {
			t.Fatal(err)
		}
		return png
	}
	if bytes.Equal(draw("审查中"), draw("审查申")) {
		t.Error("the chart draws 审查中 and 审查申 alike: its font has no Chinese")
	}
}
