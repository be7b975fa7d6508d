package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/store"
)

// opinionDraft saves a first draft of an opinion on a new case.
func opinionDraft(t *testing.T, db *store.DB) (cases.Case, cases.Opinion) {
	t.Helper()
	ctx := context.Background()
	c, err := newService(db).CreateCase(ctx, secretary, draft())
	if err != nil {
		t.Fatal(err)
	}
	op := cases.Opinion{CaseID: c.ID, State: cases.OpinionDraft, UpdatedAt: time.Now().UTC(), UpdatedBy: "Li Na",
		Text: cases.OpinionText{Decision: cases.DecisionUpheld, Paragraphs: []cases.Paragraph{{Heading: cases.HeadDecision, Text: "Upheld."}}}}
	if err := db.SaveOpinionVersion(ctx, &op, 0, cases.AuditEntry{Actor: secretary, Action: "opinion.save", Entity: "opinion"}); err != nil {
		t.Fatal(err)
	}
	return c, op
}

// Each draft saved is a version, listed newest first; a save over a newer
// version than the one edited is refused naming who saved it and leaves
// nothing; once the rapporteur has signed, the draft cannot be saved; a
// draft has no PDF to give, with a sentence saying why.
func TestOpinionDraftsAreVersionedAndStaleSavesRefused(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	c, op := opinionDraft(t, db)
	first := op.Version
	op.Text.Decision, op.UpdatedBy = cases.DecisionNotUpheld, "Wang Fang"
	op.Text.Paragraphs = []cases.Paragraph{{Heading: cases.HeadDecision, Text: "Not upheld after all."}}
	saved, _, _ := db.AuditHead(ctx)
	if err := db.SaveOpinionVersion(ctx, &op, first, cases.AuditEntry{Actor: secretary, Action: "opinion.save", Entity: "opinion"}); err != nil {
		t.Fatal(err)
	}
	if after, _, _ := db.AuditHead(ctx); after != saved+1 {
		t.Fatalf("a saved draft left %d audit entries", after-saved)
	}
	versions, err := db.OpinionVersions(ctx, op.ID)
	if err != nil || len(versions) != 2 || versions[0].Version != first+1 || versions[0].SavedBy != "Wang Fang" ||
		versions[0].Text.Decision != cases.DecisionNotUpheld || versions[0].Text.Paragraphs[0].Text != "Not upheld after all." ||
		versions[1].Text.Decision != cases.DecisionUpheld {
		t.Fatalf("the versions: %+v %v", versions, err)
	}

	seq, _, _ := db.AuditHead(ctx)
	stale := op
	stale.Text.Decision, stale.UpdatedBy = cases.DecisionUpheld, "Li Na"
	err = db.SaveOpinionVersion(ctx, &stale, first, cases.AuditEntry{Actor: secretary, Action: "opinion.save", Entity: "opinion"})
	var se *cases.StaleError
	if !errors.As(err, &se) || se.By != "Wang Fang" {
		t.Fatalf("a save over a newer version: %v", err)
	}
	if got, _ := db.CurrentOpinion(ctx, c.ID); got.Text.Decision != cases.DecisionNotUpheld || got.Version != first+1 {
		t.Fatalf("the refused save changed the opinion: %+v", got)
	}
	if after, _, _ := db.AuditHead(ctx); after != seq {
		t.Fatal("the refused save was audited")
	}

	if _, _, err := db.OpinionPDF(ctx, op.ID); err == nil || !strings.Contains(err.Error(), "has not been signed yet") {
		t.Fatalf("the PDF of a draft: %v", err)
	}
	if _, _, err := db.OpinionPDF(ctx, op.ID+100); !errors.Is(err, cases.ErrNotFound) {
		t.Fatalf("the PDF of no opinion: %v", err)
	}

	sig := cases.OpinionSignature{UserID: 2, Name: "Wang Fang", Role: cases.SignRapporteur, Meaning: cases.MeaningAuthor, SignedAt: time.Now().UTC()}
	// The signature block's place is kept with the signed file: the
	// chair's countersignature goes in the second box of the same page.
	layout := cases.SignatureLayout{Page: 10, Rects: [][4]float64{{56, 120, 276, 180}, {300, 120, 520, 180}}}
	if err := db.RecordOpinionSignature(ctx, op.ID, cases.OpinionDraft, cases.OpinionSignedRapporteur, []byte("%PDF signed"), layout, sig, nil,
		cases.AuditEntry{Actor: secretary, Action: "opinion.sign", Entity: "opinion"}); err != nil {
		t.Fatal(err)
	}
	if got, err := db.CurrentOpinion(ctx, c.ID); err != nil || fmt.Sprint(got.Layout) != fmt.Sprint(layout) {
		t.Fatalf("the signature block's place read back: %+v %v", got.Layout, err)
	}
	err = db.SaveOpinionVersion(ctx, &op, op.Version, cases.AuditEntry{Actor: secretary, Action: "opinion.save", Entity: "opinion"})
	if !errors.As(err, &se) {
		t.Fatalf("a draft saved over the rapporteur's signature: %v", err)
	}
}

// Two people signing the same opinion at once: the second is told it was
// signed meanwhile and adds no signature. The chair's signature that
// issues the opinion moves the case in the same transaction; if the case
// changed meanwhile, the opinion is not issued either.
func TestOpinionSignaturesAreRecordedOnceWithTheCaseMove(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	c, op := opinionDraft(t, db)
	audit := cases.AuditEntry{Actor: secretary, Action: "opinion.sign", Entity: "opinion"}
	now := time.Now().UTC().Truncate(time.Second) // a whole second, for the lookup by signing time
	rapporteur := cases.OpinionSignature{UserID: 2, Name: "Wang Fang", Role: cases.SignRapporteur, Meaning: cases.MeaningAuthor, SignedAt: now}
	if err := db.RecordOpinionSignature(ctx, op.ID, cases.OpinionDraft, cases.OpinionSignedRapporteur, []byte("%PDF one"), cases.SignatureLayout{}, rapporteur, nil, audit); err != nil {
		t.Fatal(err)
	}
	if recs, err := db.IssuedOpinionsSignedAt(ctx, now); err != nil || len(recs) != 0 {
		t.Fatalf("an opinion signed but not issued is found by its signing time: %+v %v", recs, err)
	}
	seq, _, _ := db.AuditHead(ctx)
	err := db.RecordOpinionSignature(ctx, op.ID, cases.OpinionDraft, cases.OpinionSignedRapporteur, []byte("%PDF other"), cases.SignatureLayout{}, rapporteur, nil, audit)
	if err == nil || !strings.Contains(err.Error(), "signed by someone else meanwhile") {
		t.Fatalf("a second signature from the draft: %v", err)
	}
	if got, _ := db.CurrentOpinion(ctx, c.ID); len(got.Signatures) != 1 || got.State != cases.OpinionSignedRapporteur {
		t.Fatalf("after the refused signature: %s with %d signatures", got.State, len(got.Signatures))
	}
	if after, _, _ := db.AuditHead(ctx); after != seq {
		t.Fatal("the refused signature was audited")
	}

	chair := cases.OpinionSignature{UserID: 3, Name: "Zhou Min", Role: cases.SignChair, Meaning: cases.MeaningApproval, SignedAt: now}
	issued := c
	issued.Status = cases.FollowUp // issued with a follow-up review
	issued.UpdatedBy = "Zhou Min"
	move := func(expected int64) *cases.CaseMove {
		moved := issued
		return &cases.CaseMove{Case: &moved, ExpectedVersion: expected,
			Change: &cases.StatusChange{CaseID: c.ID, At: now, ActorID: 3, Actor: "Zhou Min", From: c.Status, To: cases.OpinionIssued},
			Then:   &cases.StatusChange{CaseID: c.ID, At: now, ActorID: 3, Actor: "Zhou Min", From: cases.OpinionIssued, To: cases.FollowUp}}
	}
	err = db.RecordOpinionSignature(ctx, op.ID, cases.OpinionSignedRapporteur, cases.OpinionIssuedState, []byte("%PDF two"), cases.SignatureLayout{}, chair, move(c.Version+1), audit)
	var se *cases.StaleError
	if !errors.As(err, &se) {
		t.Fatalf("issuing over a case changed meanwhile: %v", err)
	}
	if got, _ := db.CurrentOpinion(ctx, c.ID); got.State != cases.OpinionSignedRapporteur || len(got.Signatures) != 1 {
		t.Fatalf("the opinion was issued although the case could not move: %s, %d signatures", got.State, len(got.Signatures))
	}
	seq, _, _ = db.AuditHead(ctx)
	if err := db.RecordOpinionSignature(ctx, op.ID, cases.OpinionSignedRapporteur, cases.OpinionIssuedState, []byte("%PDF two"), cases.SignatureLayout{}, chair, move(c.Version), audit); err != nil {
		t.Fatal(err)
	}
	if after, _, _ := db.AuditHead(ctx); after != seq+1 {
		t.Fatalf("issuing with the case's two moves left %d audit entries, want 1", after-seq)
	}
	got, _ := db.CurrentOpinion(ctx, c.ID)
	pdf, sum, err := db.OpinionPDF(ctx, op.ID)
	if got.State != cases.OpinionIssuedState || len(got.Signatures) != 2 || got.Signatures[1].Name != "Zhou Min" || got.IssuedAt.IsZero() ||
		err != nil || string(pdf) != "%PDF two" || sum != cases.Fingerprint(pdf) {
		t.Fatalf("the issued opinion: %+v; PDF %q %s %v", got, pdf, sum, err)
	}
	history, err := db.StatusHistory(ctx, c.ID)
	if err != nil || len(history) < 2 || history[len(history)-2].To != cases.OpinionIssued || history[len(history)-1].To != cases.FollowUp {
		t.Fatalf("the case's history: %+v %v", history, err)
	}
	if now, _ := db.GetCase(ctx, c.ID); now.Status != cases.FollowUp || now.Version != c.Version+1 {
		t.Fatalf("the case after issuing: %s version %d", now.Status, now.Version)
	}

	// A correction being drafted is not an issued opinion of the case.
	correction := cases.Opinion{CaseID: c.ID, CorrectsID: op.ID, State: cases.OpinionDraft, UpdatedAt: now, UpdatedBy: "Wang Fang"}
	if err := db.SaveOpinionVersion(ctx, &correction, 0, cases.AuditEntry{Actor: secretary, Action: "opinion.save", Entity: "opinion"}); err != nil {
		t.Fatal(err)
	}
	if list, err := db.IssuedOpinions(ctx, c.ID); err != nil || len(list) != 1 || list[0].ID != op.ID {
		t.Fatalf("the case's issued opinions with a correction in draft: %+v %v", list, err)
	}

	// verify finds the issued opinion by the second of its signatures
	// (PDF signing times have no fractions): that second, and no other.
	recs, err := db.IssuedOpinionsSignedAt(ctx, now.Add(300*time.Millisecond))
	if err != nil || len(recs) != 1 || recs[0].OpinionID != op.ID || recs[0].Reference != c.Reference || string(recs[0].PDF) != "%PDF two" || len(recs[0].Signatures) != 2 {
		t.Fatalf("the opinions signed at %s: %+v %v", now, recs, err)
	}
	for _, other := range []time.Time{now.Add(-500 * time.Millisecond), now.Add(time.Second)} {
		if recs, err := db.IssuedOpinionsSignedAt(ctx, other); err != nil || len(recs) != 0 {
			t.Fatalf("the opinions signed at %s: %+v %v", other, recs, err)
		}
	}
}

// The chair returning a signed draft voids the rapporteur's signature and
// its PDF, starts the next version and puts a note on the timeline, with
// one audit entry; a second return of the same draft (or one naming
// another case) is refused and adds nothing.
func TestReturningASignedDraftStartsTheNextVersion(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	c, op := opinionDraft(t, db)
	sig := cases.OpinionSignature{UserID: 2, Name: "Wang Fang", Role: cases.SignRapporteur, Meaning: cases.MeaningAuthor, SignedAt: time.Now().UTC()}
	// The signature block's place is kept with the signed file: the
	// chair's countersignature goes in the second box of the same page.
	layout := cases.SignatureLayout{Page: 10, Rects: [][4]float64{{56, 120, 276, 180}, {300, 120, 520, 180}}}
	if err := db.RecordOpinionSignature(ctx, op.ID, cases.OpinionDraft, cases.OpinionSignedRapporteur, []byte("%PDF signed"), layout, sig, nil,
		cases.AuditEntry{Actor: secretary, Action: "opinion.sign", Entity: "opinion"}); err != nil {
		t.Fatal(err)
	}
	if got, err := db.CurrentOpinion(ctx, c.ID); err != nil || fmt.Sprint(got.Layout) != fmt.Sprint(layout) {
		t.Fatalf("the signature block's place read back: %+v %v", got.Layout, err)
	}
	signed, _ := db.CurrentOpinion(ctx, c.ID)
	ret := func(caseID int64) error {
		return db.ReturnOpinion(ctx, cases.OpinionReturn{OpinionID: op.ID, CaseID: caseID, Reason: "The facts are wrong.",
			Note: &cases.Note{CaseID: c.ID, At: time.Now().UTC(), Author: "Zhou Min", AuthorID: 3, Body: "Returned to the rapporteur: the facts are wrong."}},
			cases.AuditEntry{Actor: secretary, Action: "opinion.return", Entity: "opinion", EntityID: op.ID})
	}
	seq, _, _ := db.AuditHead(ctx)
	if err := ret(c.ID + 1); err == nil || !strings.Contains(err.Error(), "changed meanwhile") {
		t.Fatalf("a return naming another case: %v", err)
	}
	if err := ret(c.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := db.CurrentOpinion(ctx, c.ID)
	if got.State != cases.OpinionDraft || got.Version != signed.Version+1 || len(got.Signatures) != 0 || got.PDFSHA256 != "" || got.UpdatedBy != "Zhou Min" {
		t.Fatalf("the returned draft: %+v", got)
	}
	if _, _, err := db.OpinionPDF(ctx, op.ID); err == nil {
		t.Fatal("the voided PDF is still given out")
	}
	versions, _ := db.OpinionVersions(ctx, op.ID)
	if len(versions) != 2 || versions[0].Version != got.Version || versions[0].SavedBy != "Zhou Min" {
		t.Fatalf("the versions after the return: %+v", versions)
	}
	notes, _ := db.Notes(ctx, c.ID, 3)
	if len(notes) != 1 || notes[0].Body != "Returned to the rapporteur: the facts are wrong." || notes[0].Private {
		t.Fatalf("the timeline's notes: %+v", notes)
	}
	if after, _, _ := db.AuditHead(ctx); after != seq+1 {
		t.Fatalf("%d audit entries for one return", after-seq)
	}
	if err := ret(c.ID); err == nil || !strings.Contains(err.Error(), "changed meanwhile") {
		t.Fatalf("a second return: %v", err)
	}
	if notes, _ := db.Notes(ctx, c.ID, 3); len(notes) != 1 {
		t.Fatalf("the refused return added a note: %d notes", len(notes))
	}
}
