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
