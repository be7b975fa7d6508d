package cases_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// Free-text limits at their edges, on a real register: a meeting's title
// holds 200 characters and a note 20000; one more is refused at the
// field, with the sentence, and nothing is saved.
func TestMeetingTitlesAndNotesAtTheirLengthLimits(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskLow)
	title := strings.Repeat("会", cases.MaxTitle)
	m, err := k.svc.CreateMeeting(ctx, k.sec, cases.MustDate("2026-03-20"), title)
	if err != nil || m.Title != title {
		t.Fatalf("a 200-character title: %v", err)
	}
	var fe cases.FieldErrors
	if _, err := k.svc.CreateMeeting(ctx, k.sec, cases.MustDate("2026-03-21"), title+"x"); !errors.As(err, &fe) || fe["title"] != "Too long: at most 200 characters." {
		t.Fatalf("a 201-character title: %v", err)
	}
	if ms, err := k.svc.Meetings(ctx, k.sec); err != nil || len(ms) != 1 {
		t.Fatalf("after a refused meeting there are %d meetings (%v)", len(ms), err)
	}

	body := strings.Repeat("记", cases.MaxNote)
	n, err := k.svc.AddNote(ctx, k.sec, c.ID, body, false)
	if err != nil || n.Body != body {
		t.Fatalf("a note of 20000 characters: %v", err)
	}
	if _, err := k.svc.AddNote(ctx, k.sec, c.ID, body+"x", false); !errors.As(err, &fe) || fe[cases.FieldNote] != "Too long: 20001 characters, at most 20000." {
		t.Fatalf("a note of 20001 characters: %v", err)
	}
}
