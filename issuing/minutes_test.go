package issuing_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"ethicsdesk/cases"
	"ethicsdesk/issuing"
	"ethicsdesk/opinion"
	"ethicsdesk/store"
)

// A meeting with five members present, four approving and one rejecting:
// the minutes print the title, attendance, the outcome with its rule, and
// the audit head that was current when they were printed.
func TestMinutesPrintTheMeetingTheOutcomeAndTheAuditHead(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(filepath.Join(t.TempDir(), "register.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := cases.NewService(db, nil)
	mk := func(name string, role cases.Role) cases.User {
		u := cases.User{Username: name, DisplayName: name, Role: role, Active: true}
		if err := db.CreateUser(ctx, &u, "", cases.AuditEntry{Actor: cases.System, Action: "user.create", Entity: "user"}); err != nil {
			t.Fatal(err)
		}
		return u
	}
	sec := mk("Li Na", cases.RoleSecretariat)
	var voters []cases.User
	for i := 1; i <= 5; i++ {
		voters = append(voters, mk("Member "+strconv.Itoa(i), cases.RoleMember))
	}
	c, err := svc.CreateCase(ctx, sec, cases.Draft{TypeCode: "ethics_complaint", Title: "Credit scoring refuses gig workers",
		Summary: "Summary.", ReceivedOn: svc.Today(), Channel: cases.ChannelEmail,
		Submitter: cases.Submitter{Kind: cases.SubmitterAnonymous}, Respondent: "Bank", Sector: "finance",
		Risk: cases.RiskHigh, Breach: "discrimination", Priority: cases.PriorityNormal})
	if err != nil {
		t.Fatal(err)
	}
	m, err := svc.CreateMeeting(ctx, sec, svc.Today(), "March plenary session")
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(svc.AddToAgenda(ctx, sec, m.ID, c.ID))
	must(svc.AddConsultant(ctx, sec, m.ID, "Ms. Consultant Expert"))
	for i, v := range voters {
		must(svc.AddMemberAttendance(ctx, sec, m.ID, v.ID))
		must(svc.DeclareInterest(ctx, v, c.ID, false, ""))
		vote := cases.VoteApprove
		if i == 4 {
			vote = cases.VoteReject
		}
		must(svc.RecordVote(ctx, sec, m.ID, c.ID, v.ID, vote))
	}
	// A member off the panel who declared a conflict stood aside too.
	aside := mk("Member 6", cases.RoleMember)
	must(svc.DeclareInterest(ctx, aside, c.ID, true, "I advised the bank."))
	mi, err := issuing.CollectMinutes(ctx, svc, sec, m.ID)
	must(err)
	if len(mi.Items) != 1 || mi.Items[0].Tally.Outcome != cases.OutcomeApproved {
		t.Fatalf("minutes items: %+v", mi.Items)
	}
	if r := mi.Items[0].Recused; len(r) != 1 || r[0].UserID != aside.ID {
		t.Errorf("the minutes' recusals: %+v", r)
	}
	seq, hash, err := svc.AuditHead(ctx)
	must(err)
	if mi.AuditSeq != seq || mi.AuditHash != hash || hash == "" {
		t.Fatalf("audit head %d %s, minutes carry %d %s", seq, hash, mi.AuditSeq, mi.AuditHash)
	}
	pdf, err := issuing.RenderMinutes(opinion.Letterhead{Name: "AI Ethics Committee", Address: "Shenzhen"}, mi)
	must(err)
	if !strings.HasPrefix(string(pdf), "%PDF") {
		t.Fatal("not a PDF")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is not installed: run scripts/install-deps.sh (poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "minutes.pdf")
	must(os.WriteFile(path, pdf, 0o644))
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	must(err)
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"March plenary session", "AI Ethics Committee", "Members present", "Member 3",
		"Ms. Consultant Expert", "Quorum met: 5 members present", c.Reference, "Outcome: Approved",
		"at least 2/3 of the 5 non-recused members present (4 needed): 4 in favour, 1 against",
		"entry " + strconv.FormatInt(seq, 10) + ", hash " + hash[:16]} {
		if !strings.Contains(text, want) {
			t.Errorf("the minutes do not say %q:\n%s", want, text)
		}
	}

	// The same minutes for a committee that writes in Chinese.
	zh, err := issuing.RenderMinutes(opinion.Letterhead{Name: "人工智能伦理委员会", Language: opinion.Chinese}, mi)
	must(err)
	must(os.WriteFile(path, zh, 0o644))
	out, err = exec.Command("pdftotext", path, "-").Output()
	must(err)
	flat := strings.Join(strings.Fields(string(out)), "")
	for _, want := range []string{"会议纪要：Marchplenarysession", "出席情况", "出席委员", "已达法定人数：出席委员5名", "议程与决定",
		"结果：通过", "须获出席且未回避的5名委员中至少2/3同意（需4票）方为通过：同意4票，反对1票", "第1页，共"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the Chinese minutes do not say %q:\n%s", want, flat)
		}
	}
}
