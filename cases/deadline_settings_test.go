package cases_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// A case of a type the register does not know (an import from another
// system) is given the default 30 days.
func TestAnUnknownCaseTypeGetsThirtyDays(t *testing.T) {
	accepted := time.Date(2026, 3, 3, 10, 0, 0, 0, time.Local)
	history := []cases.StatusChange{{At: accepted, From: cases.Screening, To: cases.UnderReview}}
	ex := cases.CaseDeadline(cases.UnderReview, "not_a_type", cases.PriorityNormal, history, map[string]cases.CaseType{}, cases.NewCalendar(nil), cases.MustDate("2026-03-10"))
	if ex.Due != cases.MustDate("2026-04-02") {
		t.Fatalf("due %s, want 2026-04-02 (30 days from 3 March)", ex.Due)
	}
}

// A case type's day count runs from 1 to 365 and the attachment size
// limit from 1 MB to 500 MB; one beyond either end is refused at its
// field, and a limit of 0 keeps the one in force.
func TestDayCountsAndTheAttachmentLimitAtTheirEdges(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	for _, tc := range []struct {
		days int
		ok   bool
	}{{0, false}, {1, true}, {365, true}, {366, false}} {
		err := k.svc.SaveCaseType(ctx, k.admin, cases.CaseType{Code: "privacy_complaint", Name: "Privacy complaint", Complaint: true, DecisionDays: tc.days})
		var fe cases.FieldErrors
		if tc.ok && err != nil || !tc.ok && (!errors.As(err, &fe) || fe["decision_days"] != "The number of days must be between 1 and 365.") {
			t.Errorf("%d days: %v", tc.days, err)
		}
	}
	// The audit entry of the last change records the type as it was.
	if r := k.head(); r.Action != "case_type.save" || !strings.Contains(r.Before, `"Code":"privacy_complaint"`) || !strings.Contains(r.Before, `"DecisionDays":1,`) ||
		!strings.Contains(r.After, `"DecisionDays":365,`) {
		t.Errorf("the case type's audit entry: %s %s -> %s", r.Action, r.Before, r.After)
	}
	for _, tc := range []struct {
		limit, want int64
		ok          bool
	}{
		{1<<20 - 1, 0, false}, {1 << 20, 1 << 20, true}, {cases.MaxAttachmentLimit, cases.MaxAttachmentLimit, true},
		{cases.MaxAttachmentLimit + 1, 0, false}, {0, cases.MaxAttachmentLimit, true},
	} {
		st := cases.DefaultSettings
		st.AttachmentMaxBytes = tc.limit
		err := k.svc.SaveSettings(ctx, k.admin, st)
		var fe cases.FieldErrors
		if !tc.ok {
			if !errors.As(err, &fe) || fe["attachment_max_bytes"] != "The attachment size limit must be between 1 and 500 MB." {
				t.Errorf("a limit of %d bytes: %v", tc.limit, err)
			}
			continue
		}
		got, _ := k.svc.Settings(ctx)
		if err != nil || got.AttachmentMaxBytes != tc.want {
			t.Errorf("a limit of %d bytes: %v, in force %d, want %d", tc.limit, err, got.AttachmentMaxBytes, tc.want)
		}
	}
}

// A case in follow-up is due twelve months after its opinion was issued,
// also when the issue is the first move its history records (an import).
func TestFollowUpIsDueAYearAfterAnIssueFirstInTheHistory(t *testing.T) {
	history := []cases.StatusChange{{At: time.Date(2026, 3, 10, 15, 0, 0, 0, time.Local), From: cases.OpinionDrafting, To: cases.OpinionIssued},
		{At: time.Date(2026, 3, 12, 9, 0, 0, 0, time.Local), From: cases.OpinionIssued, To: cases.FollowUp}}
	ex := cases.CaseDeadline(cases.FollowUp, "privacy_complaint", cases.PriorityNormal, history, nil, cases.NewCalendar(nil), cases.MustDate("2026-04-01"))
	if ex.Due != cases.MustDate("2027-03-10") {
		t.Fatalf("follow-up due %s, want 2027-03-10", ex.Due)
	}
}
