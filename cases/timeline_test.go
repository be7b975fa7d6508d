package cases_test

import (
	"context"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// A case's timeline tells its story newest first: declarations, files,
// notes and status moves; two moves made at the same instant show the
// later one first.
func TestTheTimelineTellsTheCaseNewestFirst(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskLow)
	c, err := k.svc.Transition(ctx, k.sec, c.ID, c.Version, cases.Screening, "")
	must(t, err)
	_, err = k.svc.Transition(ctx, k.sec, c.ID, c.Version, cases.UnderReview, "") // the same instant
	must(t, err)
	k.clock.advance(time.Hour)
	_, err = k.svc.AddNote(ctx, k.sec, c.ID, "Asked Metro Co. for its consent forms.", false)
	must(t, err)
	k.clock.advance(time.Hour)
	_, err = k.svc.AddAttachment(ctx, k.sec, c.ID, "consent.pdf", "", []byte("%PDF consent"))
	must(t, err)
	k.clock.advance(time.Hour)
	member := k.members[0]
	must(t, k.svc.DeclareInterest(ctx, member, c.ID, false, ""))

	tl, err := k.svc.Timeline(ctx, member, c.ID)
	must(t, err)
	var got []string
	for _, e := range tl {
		switch {
		case e.Declaration != nil:
			got = append(got, "declaration by "+e.Who)
		case e.Document != nil:
			got = append(got, "file "+e.Document.FileName)
		case e.Note != nil:
			got = append(got, "note")
		case e.Change != nil:
			got = append(got, "moved to "+string(e.Change.To))
		}
	}
	want := []string{"declaration by " + member.Name(), "file consent.pdf", "note", "moved to " + string(cases.UnderReview), "moved to " + string(cases.Screening)}
	if !sameLines(got, want) {
		t.Fatalf("the timeline reads %v, want %v", got, want)
	}
}
