package cases_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// emptyLetterPaper is a renderer whose letters come out empty.
type emptyLetterPaper struct{ paper }

func (emptyLetterPaper) RenderLetter(cases.LetterRequest) ([]byte, error) { return nil, nil }

// A letter printed to a submitter is kept with the case, as one of its
// documents: the exact bytes, named by the case, the kind of letter and
// the day, with who sent it and one audit entry. A letter that came out
// empty is refused and nothing is kept.
func TestAnIssuedLetterIsKeptWithTheCase(t *testing.T) {
	k := newCommittee(t).withPaperSigning() // 10 Mar 2026
	ctx := context.Background()
	c := k.newCase(false, cases.RiskHigh)
	pdf, err := k.svc.Letter(ctx, k.sec, cases.LetterRequest{Kind: cases.LetterRequestInfo, Case: c, From: k.sec})
	must(t, err)
	atts, err := k.svc.Attachments(ctx, k.sec, c.ID)
	must(t, err)
	sum := sha256.Sum256(pdf)
	if len(atts) != 1 {
		t.Fatalf("%d documents after one letter", len(atts))
	}
	a := atts[0]
	if want := c.Reference + " letter request information 2026-03-10.pdf"; a.FileName != want {
		t.Errorf("the letter is kept as %q, want %q", a.FileName, want)
	}
	if a.ContentType != "application/pdf" || a.Size != int64(len(pdf)) || a.SHA256 != hex.EncodeToString(sum[:]) ||
		a.AddedByID != k.sec.ID || a.AddedBy != k.sec.Name() || !a.AddedAt.Equal(k.clock.now()) {
		t.Errorf("the kept letter: %+v", a)
	}
	h := k.head()
	if h.Action != "letter.issue" || h.ActorID != k.sec.ID || !strings.Contains(h.After, "request_information") || !strings.Contains(h.After, a.SHA256) {
		t.Errorf("the audit entry of the letter: %+v", h)
	}

	k.svc.SetPorts(paperPorts(emptyLetterPaper{}))
	if _, err := k.svc.Letter(ctx, k.sec, cases.LetterRequest{Kind: cases.LetterAcknowledgement, Case: c, From: k.sec}); err == nil || !strings.Contains(err.Error(), "came out empty") {
		t.Fatalf("an empty letter: %v", err)
	}
	if atts, err := k.svc.Attachments(ctx, k.sec, c.ID); err != nil || len(atts) != 1 {
		t.Fatalf("after an empty letter the case has %d documents (%v)", len(atts), err)
	}
}

// An issued letter is found by search through what it says: a notice of
// decision by its decision, a request for information by what it asks
// for (not by a decision it does not give).
func TestLettersAreFoundByWhatTheySay(t *testing.T) {
	k := newCommittee(t).withPaperSigning()
	ctx := context.Background()
	notice := k.newCase(false, cases.RiskHigh)
	request := k.newCase(false, cases.RiskHigh)
	_, err := k.svc.Letter(ctx, k.sec, cases.LetterRequest{Kind: cases.LetterDecisionNotice, Case: notice, From: k.sec, Decision: cases.DecisionPartlyUpheld})
	must(t, err)
	_, err = k.svc.Letter(ctx, k.sec, cases.LetterRequest{Kind: cases.LetterRequestInfo, Case: request, From: k.sec,
		Items: []string{"The camera vendor's retention schedule"}, Decision: cases.DecisionPartlyUpheld})
	must(t, err)
	for text, want := range map[string]string{"partly upheld": notice.Reference, "retention schedule": request.Reference} {
		hits, err := k.svc.Search(ctx, k.sec, text, cases.Query{}, 0, 10)
		must(t, err)
		if len(hits) != 1 || hits[0].Reference != want || hits[0].Source != cases.SourceLetter {
			t.Errorf("searching %q: %+v, want the letter of %s", text, hits, want)
		}
	}
}
