package cases_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/signing"
)

// laptopPaper is paper with the server's half of laptop signing: a
// prepared document is the rendering with room for one name, the laptop's
// signature is "signature of NAME", and a key handed over is a line of
// text. It remembers which certificates' keys it was told to forget.
type laptopPaper struct {
	paper
	forgotten []string
}

func (*laptopPaper) PrepareSignature(_ context.Context, pdf []byte, req cases.SignRequest) (*signing.Prepared, error) {
	return &signing.Prepared{PDF: append(pdf, fmt.Sprintf("\n[room for %s (%s)]", req.Signer.Name(), req.Meaning)...), ByteRange: [4]int64{0, 1, 2, 3}}, nil
}

func (*laptopPaper) FinishSignature(_ context.Context, p *signing.Prepared, signer cases.User, signedBefore int, cms []byte) ([]byte, error) {
	if string(cms) != "signature of "+signer.Name() {
		return nil, fmt.Errorf("%w: the signature is not %s's.", cases.ErrSignatureRefused, signer.Name())
	}
	return append(p.PDF, fmt.Sprintf("\nsigned by %s after %d signatures", signer.Name(), signedBefore)...), nil
}

func (*laptopPaper) HandOverKey(_ context.Context, member cases.User) (cases.HandedKey, error) {
	return cases.HandedKey{Sealed: []byte("sealed key of " + member.Name())}, nil
}

func (l *laptopPaper) ForgetSealedKey(_ context.Context, member cases.User, certSHA256 string) error {
	l.forgotten = append(l.forgotten, member.Username+" "+certSHA256)
	return nil
}

// Signing on a laptop through the committee server: a copy of the
// program that cannot sign that way says so; the password is checked when
// the document is prepared; the signature completes only the document
// prepared for that signer on that case, once, within ten minutes, while
// the opinion is as it was; a signature that does not check out stores
// nothing. The rapporteur signs first, the chair after one signature.
func TestLaptopSignatureCompletesOnlyWhatWasPreparedForIt(t *testing.T) {
	k := newCommittee(t).withPaperSigning()
	ctx := context.Background()
	rapp := k.members[0]
	id := k.caseInOpinionDrafting(rapp)
	_, err := k.svc.SaveOpinionDraft(ctx, rapp, id, 0, opinionText())
	must(t, err)

	// Paper signing only: laptop signing is not available.
	if _, err := k.svc.PrepareSignature(ctx, rapp, id, pw); !errors.Is(err, cases.ErrNotAvailable) {
		t.Fatalf("preparing without laptop signing: %v", err)
	}
	if _, err := k.svc.CompleteSignature(ctx, rapp, id, "x", nil); !errors.Is(err, cases.ErrNotAvailable) {
		t.Fatalf("completing without laptop signing: %v", err)
	}
	if _, err := k.svc.HandOverSigningKey(ctx, rapp, pw); !errors.Is(err, cases.ErrNotAvailable) {
		t.Fatalf("handing a key over without laptop signing: %v", err)
	}
	if err := k.svc.ConfirmKeyMoved(ctx, rapp, "abc"); !errors.Is(err, cases.ErrNotAvailable) {
		t.Fatalf("confirming a key's move without laptop signing: %v", err)
	}

	lp := &laptopPaper{}
	k.svc.SetPorts(cases.Ports{Documents: paper{}, Keys: lp})
	if _, err := k.svc.PrepareSignature(ctx, rapp, id, "not the password"); !errors.Is(err, cases.ErrSignPassword) {
		t.Fatalf("a wrong password: %v", err)
	}
	if _, err := k.svc.PrepareSignature(ctx, k.chair, id, pw); !isForbidden(err) {
		t.Fatalf("the chair prepared a draft for their signature: %v", err)
	}
	prep, err := k.svc.PrepareSignature(ctx, rapp, id, pw)
	if err != nil || prep.ID == "" || prep.ByteRange != [4]int64{0, 1, 2, 3} || !strings.Contains(string(prep.PDF), "[room for "+rapp.Name()) {
		t.Fatalf("the prepared document: %+v %v", prep, err)
	}
	notWaiting := func(what string, op cases.Opinion, err error) {
		t.Helper()
		if !errors.Is(err, cases.ErrSignatureNotWaiting) {
			t.Fatalf("%s: %v (state %s)", what, err, op.State)
		}
	}
	op, err := k.svc.CompleteSignature(ctx, k.chair, id, prep.ID, []byte("signature of "+k.chair.Name()))
	notWaiting("the chair completed the rapporteur's document", op, err)
	op, err = k.svc.CompleteSignature(ctx, rapp, id+1, prep.ID, []byte("signature of "+rapp.Name()))
	if err == nil {
		t.Fatalf("the document was completed on another case (state %s)", op.State)
	}
	op, err = k.svc.CompleteSignature(ctx, rapp, id, "not an id", []byte("signature of "+rapp.Name()))
	notWaiting("an unknown document", op, err)
	// A signature that does not check out stores nothing, and the
	// prepared document is used up.
	if _, err := k.svc.CompleteSignature(ctx, rapp, id, prep.ID, []byte("signature of someone else")); !errors.Is(err, cases.ErrSignatureRefused) {
		t.Fatalf("a signature that is not the rapporteur's: %v", err)
	}
	if st := k.opinionState(id); st != cases.OpinionDraft {
		t.Fatalf("a refused signature left the opinion %s", st)
	}
	op, err = k.svc.CompleteSignature(ctx, rapp, id, prep.ID, []byte("signature of "+rapp.Name()))
	notWaiting("a document already used", op, err)

	// The draft changed after it was prepared: sign again.
	prep, err = k.svc.PrepareSignature(ctx, rapp, id, pw)
	must(t, err)
	cur, err := k.svc.Opinion(ctx, rapp, id)
	must(t, err)
	text := opinionText()
	text.Paragraphs[0].Text += " Since 2025."
	_, err = k.svc.SaveOpinionDraft(ctx, rapp, id, cur.Version, text)
	must(t, err)
	op, err = k.svc.CompleteSignature(ctx, rapp, id, prep.ID, []byte("signature of "+rapp.Name()))
	notWaiting("a document prepared before the draft changed", op, err)

	// Preparing again replaces the earlier document of the same signer.
	first, err := k.svc.PrepareSignature(ctx, rapp, id, pw)
	must(t, err)
	second, err := k.svc.PrepareSignature(ctx, rapp, id, pw)
	must(t, err)
	op, err = k.svc.CompleteSignature(ctx, rapp, id, first.ID, []byte("signature of "+rapp.Name()))
	notWaiting("a document prepared before the signer's last one", op, err)
	op, err = k.svc.CompleteSignature(ctx, rapp, id, second.ID, []byte("signature of "+rapp.Name()))
	if err != nil || op.State != cases.OpinionSignedRapporteur {
		t.Fatalf("the rapporteur's signature: %v (state %s)", err, op.State)
	}

	// The chair countersigns; ten minutes and a second later the prepared
	// document no longer waits.
	prep, err = k.svc.PrepareSignature(ctx, k.chair, id, pw)
	must(t, err)
	k.clock.advance(cases.PrepareWait + time.Second)
	op, err = k.svc.CompleteSignature(ctx, k.chair, id, prep.ID, []byte("signature of "+k.chair.Name()))
	notWaiting("a document prepared eleven minutes ago", op, err)
	prep, err = k.svc.PrepareSignature(ctx, k.chair, id, pw)
	must(t, err)
	k.clock.advance(cases.PrepareWait - time.Second)
	op, err = k.svc.CompleteSignature(ctx, k.chair, id, prep.ID, []byte("signature of "+k.chair.Name()))
	if err != nil || op.State != cases.OpinionIssuedState {
		t.Fatalf("the chair's countersignature: %v (state %s)", err, op.State)
	}
	pdf, _, err := k.svc.IssuedOpinionPDF(ctx, k.chair, id)
	must(t, err)
	if !strings.Contains(string(pdf), "signed by "+k.chair.Name()+" after 1 signatures") {
		t.Fatalf("the issued opinion: %q", pdf)
	}
}

// The chair may have documents prepared on two cases at once; each is
// completed on its own case.
func TestLaptopSignaturesPreparedOnTwoCasesBothComplete(t *testing.T) {
	k := newCommittee(t)
	lp := &laptopPaper{}
	k.svc.SetPorts(cases.Ports{Documents: paper{}, Keys: lp})
	ctx := context.Background()
	var ids []int64
	var preps []cases.SignaturePrep
	for _, rapp := range k.members[:2] {
		id := k.caseInOpinionDrafting(rapp)
		k.draftAndSign(rapp, id)
		ids = append(ids, id)
	}
	for _, id := range ids {
		prep, err := k.svc.PrepareSignature(ctx, k.chair, id, pw)
		must(t, err)
		preps = append(preps, prep)
	}
	for i, id := range ids {
		op, err := k.svc.CompleteSignature(ctx, k.chair, id, preps[i].ID, []byte("signature of "+k.chair.Name()))
		if err != nil || op.State != cases.OpinionIssuedState {
			t.Fatalf("case %d: %v (state %s)", i+1, err, op.State)
		}
	}
}

// A member takes their sealed key to their laptop after giving their
// password; confirming the move makes the register forget it, and a
// deactivated account confirms nothing.
func TestHandingASigningKeyToALaptop(t *testing.T) {
	k := newCommittee(t)
	lp := &laptopPaper{}
	k.svc.SetPorts(cases.Ports{Documents: paper{}, Keys: lp})
	ctx := context.Background()
	m := k.members[0]
	if _, err := k.svc.HandOverSigningKey(ctx, m, "not the password"); !errors.Is(err, cases.ErrSignPassword) {
		t.Fatalf("a wrong password: %v", err)
	}
	key, err := k.svc.HandOverSigningKey(ctx, m, pw)
	if err != nil || string(key.Sealed) != "sealed key of "+m.Name() {
		t.Fatalf("the key handed over: %q %v", key.Sealed, err)
	}
	must(t, k.svc.ConfirmKeyMoved(ctx, m, "c0ffee"))
	gone := k.members[1]
	must(t, k.svc.Deactivate(ctx, k.admin, gone.ID))
	gone.Active = false
	if err := k.svc.ConfirmKeyMoved(ctx, gone, "beef"); !isForbidden(err) {
		t.Fatalf("a deactivated account confirmed a key's move: %v", err)
	}
	if len(lp.forgotten) != 1 || lp.forgotten[0] != m.Username+" c0ffee" {
		t.Fatalf("keys forgotten: %v", lp.forgotten)
	}
}
