package cases_test

import (
	"context"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// A refusal is read by a person, in a dialog or on a command's standard
// error: each sentence names what was refused and what to do, not only
// that something failed.
func TestRefusalsSayWhatWasRefusedAndWhy(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskLow)

	// Two people editing the same case: the later save names the case
	// and who changed it first.
	d := c.Draft
	d.Title = "First edit"
	if _, err := k.svc.UpdateCase(ctx, k.sec, c.ID, c.Version, d); err != nil {
		t.Fatal(err)
	}
	d.Title = "Second edit, from the old copy"
	_, err := k.svc.UpdateCase(ctx, k.add("clerk", "Zhao Min", cases.RoleSecretariat), c.ID, c.Version, d)
	if err == nil || !strings.Contains(err.Error(), "Case "+c.Reference+" was changed by Li Na") || !strings.Contains(err.Error(), "Reload it") {
		t.Fatalf("a save on an out-of-date copy says %v", err)
	}

	// A move the workflow does not draw names both states.
	cur, err := k.svc.GetCase(ctx, k.sec, c.ID)
	must(t, err)
	_, err = k.svc.Transition(ctx, k.sec, c.ID, cur.Version, cases.Deliberation, "")
	if err == nil || err.Error() != "A case that is Received cannot move to Deliberation." {
		t.Fatalf("a move from Received to Deliberation says %v", err)
	}

	// A role without the right is told what it may not do.
	_, err = k.svc.CreateCase(ctx, k.members[0], d)
	if err == nil || !strings.HasPrefix(err.Error(), "You are not allowed to ") || len(err.Error()) <= len("You are not allowed to .") {
		t.Fatalf("a member creating a case is told %v", err)
	}

	// An empty file names the file and the likely cause.
	_, err = k.svc.AddAttachment(ctx, k.sec, c.ID, "scan-2026.pdf", "application/pdf", nil)
	if err == nil || !strings.Contains(err.Error(), `"scan-2026.pdf" is empty`) || !strings.Contains(err.Error(), "saved completely") {
		t.Fatalf("an empty attachment says %v", err)
	}
}

// The meeting window's vote choices are the four votes as people say them;
// a vote the program does not know is shown as stored rather than blank.
func TestVotesAreShownAsPeopleSayThem(t *testing.T) {
	want := map[cases.Vote]string{cases.VoteApprove: "Approve", cases.VoteApproveModified: "Approve with modifications",
		cases.VoteReject: "Reject", cases.VoteAbstain: "Abstain", cases.Vote("veto"): "veto"}
	for v, label := range want {
		if got := cases.VoteLabel(v); got != label {
			t.Errorf("VoteLabel(%q) = %q, want %q", v, got, label)
		}
	}
}
