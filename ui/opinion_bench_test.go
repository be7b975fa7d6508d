package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ethicsdesk/cases"
)

// longOpinion is about 24,000 characters in 24 paragraphs over the six
// headings, English and Chinese.
func longOpinion() cases.OpinionText {
	t := cases.OpinionText{Decision: cases.DecisionPartlyUpheld}
	en := strings.Repeat("The committee considered the submissions of both parties with care. ", 12) // ~816
	zh := strings.Repeat("委员会认为该系统未充分保护个人信息。", 10)                                                   // 180 runes
	for i := 0; i < 24; i++ {
		t.Paragraphs = append(t.Paragraphs, cases.Paragraph{Heading: cases.AllHeadings[i%6], Text: en + zh})
	}
	return t
}

// BenchmarkOpinionEditorKeystroke measures one typed character in a
// paragraph of an editor holding 20,000+ characters, as laid out in a
// window (so the entry's wrapping and the page's layout are included).
//
//	LANG=en_US.UTF-8 go test -tags "sqlite_fts5 migrated_fynedo" -run XXX -bench OpinionEditorKeystroke ./ui/
func BenchmarkOpinionEditorKeystroke(b *testing.B) {
	w := newOpinionWorld(b)
	text := longOpinion()
	if _, err := w.svc.SaveOpinionDraft(context.Background(), w.rapp, w.caseID, 0, text); err != nil {
		b.Fatal(err)
	}
	ed := w.deskFor(w.rapp).openOpinion(w.caseID)
	w.settle()
	total := 0
	for _, r := range ed.rows {
		total += len([]rune(r.entry.Text))
	}
	if total < 20000 {
		b.Fatalf("the editor holds %d characters, want 20,000+", total)
	}
	ed.win.Resize(fyne.NewSize(980, 760))
	target := ed.rows[10].entry
	ed.win.Canvas().Focus(target)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		test.Type(target, "x")
	}
	b.StopTimer()
	b.ReportMetric(float64(total), "chars")
}
