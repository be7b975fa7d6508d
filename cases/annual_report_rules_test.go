package cases_test

import (
	"context"
	"errors"
	"testing"

	"ethicsdesk/cases"
)

// reportWriter stands in for the annual report's PDF writer: it records
// what it was asked to write.
type reportWriter struct {
	calls    int
	language cases.DocumentLanguage
}

func (w *reportWriter) AnnualReport(_ context.Context, _ *cases.Service, _ cases.User, _ int, _, _ string, language cases.DocumentLanguage, _ func(int, int)) ([]byte, error) {
	w.calls++
	w.language = language
	return []byte("%PDF report"), nil
}

// The annual report: refused to an account that may not view the register
// before anything is written; "not available" where the program has no
// report writer; an unknown language refused at its field; with no
// language given, the committee's language of documents.
func TestTheAnnualReportsRules(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	if _, err := k.svc.AnnualReport(ctx, k.sec, 2026, "", nil); !errors.Is(err, cases.ErrNotAvailable) {
		t.Fatalf("without a report writer: %v", err)
	}
	w := &reportWriter{}
	ports := paperPorts(paper{})
	ports.Reports = w
	k.svc.SetPorts(ports)

	var forbidden *cases.ForbiddenError
	if _, err := k.svc.AnnualReport(ctx, cases.User{ID: k.members[0].ID, Role: cases.RoleMember}, 2026, "", nil); !errors.As(err, &forbidden) || w.calls != 0 {
		t.Fatalf("a deactivated account asked for the report: %v (writer called %d times)", err, w.calls)
	}
	var fields cases.FieldErrors
	if _, err := k.svc.AnnualReport(ctx, k.sec, 2026, "klingon", nil); !errors.As(err, &fields) || w.calls != 0 {
		t.Fatalf("an unknown language: %v (writer called %d times)", err, w.calls)
	}
	pdf, err := k.svc.AnnualReport(ctx, k.sec, 2026, "", nil)
	want, _ := k.svc.DocumentLanguage(ctx)
	if err != nil || string(pdf) != "%PDF report" || w.calls != 1 || w.language != want || want == "" {
		t.Fatalf("the report: %q, %v; writer called %d times in %q, want the documents' language %q", pdf, err, w.calls, w.language, want)
	}
	if _, err := k.svc.AnnualReport(ctx, k.chair, 2026, cases.DocumentLanguage("zh-Hans"), nil); err != nil || w.language != "zh-Hans" {
		t.Fatalf("the report in Chinese: %v, written in %q", err, w.language)
	}
}
