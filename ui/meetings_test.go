package ui

import (
	"context"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ethicsdesk/cases"
)

// meetingWithFive creates, through the meetings window, a meeting with one
// case on its agenda and five members present; the members at the indexes
// given declare no conflict for it (all five when none are given).
func meetingWithFive(t *testing.T, p *people, declared ...int) (*meetingsWindow, cases.Case) {
	t.Helper()
	ctx := context.Background()
	c, err := p.svc.CreateCase(ctx, p.sec, validDraft(1))
	if err != nil {
		t.Fatal(err)
	}
	if len(declared) == 0 {
		declared = []int{0, 1, 2, 3, 4}
	}
	for _, i := range declared {
		if err := p.svc.DeclareInterest(ctx, p.members[i], c.ID, false, ""); err != nil {
			t.Fatal(err)
		}
	}
	p.as(p.sec)
	mw := p.d.openMeetings()
	p.settle()
	test.Tap(mw.create)
	p.settle()
	f := mw.lastForm
	entries := formEntries(f.form)
	entries[0].SetText("10 March")
	test.Tap(f.confirm)
	p.settle()
	if msgs := f.form.messages(); !containsPart(msgs, "YYYY-MM-DD") {
		t.Fatalf("a bad meeting date: %v", msgs)
	}
	entries[0].SetText("2026-03-10")
	entries[1].SetText("March plenary session")
	test.Tap(f.confirm)
	p.settle()
	if len(mw.meetings) != 1 || mw.detail.m.Title != "March plenary session" {
		t.Fatalf("the new meeting is not shown: %+v %v", mw.meetings, f.form.messages())
	}
	md := mw.detail
	md.reference.SetText("EC-2099-9999")
	md.addToAgenda()
	p.settle()
	if msgs := md.agendaForm.messages(); !containsPart(msgs, "There is no case EC-2099-9999") {
		t.Fatalf("an unknown reference: %v", msgs)
	}
	md.reference.SetText(c.Reference)
	md.addToAgenda()
	p.settle()
	for i := 0; i < 5; i++ {
		md.member.SetSelected(p.members[i].Name())
		p.settle()
		test.Tap(findButton(md.box, "Mark present"))
		p.settle()
	}
	md.consultant.SetText("Ms. Expert Consultant")
	test.Tap(findButton(md.box, "Add consultant"))
	p.settle()
	return mw, c
}

func TestAMeetingWithFiveMembersRecordsVotesAndShowsTheOutcome(t *testing.T) {
	p := newPeople(t)
	mw, c := meetingWithFive(t, p)
	md := mw.detail
	if md.quorum.Text != "Quorum met: 5 members present, at least 5 required." {
		t.Fatalf("quorum: %q", md.quorum.Text)
	}
	votes := []string{"Approve", "Approve", "Approve", "Reject", "Approve with modifications"}
	for i, v := range votes {
		md.votes[c.ID][p.members[i].ID].SetSelected(v)
		p.settle()
		if i == 2 && !strings.HasPrefix(md.outcomes[c.ID].Text, "Outcome: Voting not finished") {
			t.Fatalf("after three votes: %q", md.outcomes[c.ID].Text)
		}
	}
	if got := md.outcomes[c.ID].Text; got != "Outcome: Approved with modifications" {
		t.Fatalf("outcome: %q (%s)", got, md.problem.Text)
	}
	want := "Carries with at least 2/3 of the 5 non-recused members present (4 needed): 4 in favour, 1 against, 0 abstaining — Approved with modifications."
	if md.rules[c.ID].Text != want {
		t.Fatalf("rule in words:\n%q\nwant\n%q", md.rules[c.ID].Text, want)
	}
	// The vote stays as recorded when the meeting is shown again.
	md.load(md.m.ID)
	if md.votes[c.ID][p.members[3].ID].Selected != "Reject" {
		t.Fatal("a recorded vote is not shown again")
	}
}

func TestMinutesPDFHasTheTitleTheOutcomeAndTheAuditHead(t *testing.T) {
	p := newPeople(t)
	mw, c := meetingWithFive(t, p)
	md := mw.detail
	for i := 0; i < 5; i++ {
		md.votes[c.ID][p.members[i].ID].SetSelected("Approve")
		p.settle()
	}
	path := filepath.Join(t.TempDir(), "minutes.pdf")
	if err := md.writeMinutes(path, md.m.ID, p.d.saveOptions()); err != nil {
		t.Fatal(err)
	}
	seq, hash, err := p.svc.AuditHead(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is not installed: run scripts/install-deps.sh (poppler-utils)")
	}
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"March plenary session", "Outcome: Approved", "Dr. Chen Jie", "Ms. Expert Consultant",
		"entry " + strconv.FormatInt(seq, 10), hash[:20]} {
		if !strings.Contains(text, want) {
			t.Errorf("the minutes do not say %q:\n%s", want, text)
		}
	}
}

// A vote the register refuses is never shown as cast: the control goes back
// to the stored vote, the reason shows next to it, the outcome counts only
// what is stored, and the pane keeps its scroll position.
func TestARefusedVoteIsResetBesideItsControlAndNotCounted(t *testing.T) {
	p := newPeople(t)
	ctx := context.Background()
	mw, c := meetingWithFive(t, p, 1, 2, 3, 4)
	md := mw.detail
	undeclared := p.members[0]
	mw.win.Resize(fyne.NewSize(900, 400))
	md.scroll.ScrollToOffset(fyne.NewPos(0, 120))
	before := md.scroll.Offset
	if before.Y == 0 {
		t.Fatal("the meeting pane does not scroll at this size; the test cannot see it jump")
	}

	md.votes[c.ID][p.members[1].ID].SetSelected("Approve")
	p.settle()
	md.votes[c.ID][undeclared.ID].SetSelected("Approve")
	p.settle()

	if got := md.votes[c.ID][undeclared.ID].Selected; got != "" {
		t.Errorf("the refused vote still shows %q in its control", got)
	}
	e := md.voteErrors[c.ID][undeclared.ID]
	if !e.Visible() || !strings.Contains(e.Text, "must first declare their interests") {
		t.Errorf("the refusal is not next to the control: %q (visible %v)", e.Text, e.Visible())
	}
	if !strings.Contains(md.rules[c.ID].Text, ": 1 in favour") {
		t.Errorf("the outcome counts a vote that was not stored: %q", md.rules[c.ID].Text)
	}
	tally, cast, err := p.svc.Tally(ctx, p.sec, md.m.ID, c.ID)
	if err != nil || len(cast) != 1 || tally.InFavour() != 1 {
		t.Errorf("stored votes: %+v %+v %v", cast, tally, err)
	}
	if md.scroll.Offset != before {
		t.Errorf("the pane moved from %v to %v after a vote", before, md.scroll.Offset)
	}
	// Once the member declares, the same choice is stored and the line clears.
	if err := p.svc.DeclareInterest(ctx, undeclared, c.ID, false, ""); err != nil {
		t.Fatal(err)
	}
	md.votes[c.ID][undeclared.ID].SetSelected("Approve")
	p.settle()
	if e.Visible() || md.votes[c.ID][undeclared.ID].Selected != "Approve" || !strings.Contains(md.rules[c.ID].Text, ": 2 in favour") {
		t.Errorf("after declaring: %q %q %q", e.Text, md.votes[c.ID][undeclared.ID].Selected, md.rules[c.ID].Text)
	}
}
