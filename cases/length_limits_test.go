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

// The reason given for a status move holds 2000 characters, an opinion's
// paragraph 20000 and the reason for returning an opinion 2000; one more
// is refused at the field and nothing moves or is saved.
func TestReasonsAndParagraphsAtTheirLengthLimits(t *testing.T) {
	k := newCommittee(t).withPaperSigning()
	ctx := context.Background()
	var fe cases.FieldErrors

	c := k.newCase(false, cases.RiskLow)
	reason := strings.Repeat("因", cases.MaxReason)
	if _, err := k.svc.Transition(ctx, k.sec, c.ID, c.Version, cases.Withdrawn, reason+"x"); !errors.As(err, &fe) || fe[cases.FieldReason] != "Too long: at most 2000 characters." {
		t.Fatalf("a reason of 2001 characters: %v", err)
	}
	if moved, err := k.svc.Transition(ctx, k.sec, c.ID, c.Version, cases.Withdrawn, reason); err != nil || moved.Status != cases.Withdrawn {
		t.Fatalf("a reason of 2000 characters: %v", err)
	}

	rapp := k.members[0]
	id := k.caseInOpinionDrafting(rapp)
	text := opinionText()
	text.Paragraphs[0].Text = strings.Repeat("段", cases.MaxParagraph) + "x"
	if _, err := k.svc.SaveOpinionDraft(ctx, rapp, id, 0, text); !errors.As(err, &fe) || fe["paragraph.0"] != "Too long: 20001 characters, at most 20000." {
		t.Fatalf("a paragraph of 20001 characters: %v", err)
	}
	text.Paragraphs[0].Text = strings.Repeat("段", cases.MaxParagraph)
	if _, err := k.svc.SaveOpinionDraft(ctx, rapp, id, 0, text); err != nil {
		t.Fatalf("a paragraph of 20000 characters: %v", err)
	}
	if _, err := k.svc.SignOpinion(ctx, rapp, id, pw); err != nil {
		t.Fatal(err)
	}
	back := strings.Repeat("退", cases.MaxReturnReason)
	if _, err := k.svc.ReturnOpinion(ctx, k.chair, id, back+"x"); !errors.As(err, &fe) || fe["return_reason"] != "Too long: 2001 characters, at most 2000." {
		t.Fatalf("a return reason of 2001 characters: %v", err)
	}
	if st := k.opinionState(id); st != cases.OpinionSignedRapporteur {
		t.Fatalf("a refused return left the opinion %s", st)
	}
	if op, err := k.svc.ReturnOpinion(ctx, k.chair, id, back); err != nil || op.State != cases.OpinionDraft {
		t.Fatalf("a return reason of 2000 characters: %v", err)
	}
}
