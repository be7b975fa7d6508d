package storetest

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
)

// peopleFixture is a register with the secretariat, three members and a
// case, built through the Service.
type peopleFixture struct {
	svc     *cases.Service
	admin   cases.User
	sec     cases.User
	members []cases.User
	caseID  int64
}

func newPeopleFixture(t *testing.T, e Engine) *peopleFixture {
	t.Helper()
	passwordcost.Cheap()
	const pw = "a long enough test password"
	f := &peopleFixture{svc: cases.NewService(e.Store, func() time.Time { return Pinned })}
	admin, err := f.svc.Bootstrap(ctx, "admin", "Administrator", pw)
	if err != nil {
		t.Fatal(err)
	}
	f.admin = admin
	add := func(name, display string, role cases.Role) cases.User {
		u, err := f.svc.CreateUser(ctx, admin, cases.NewAccount{Username: name, DisplayName: display, Role: role, Password: pw})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	f.sec = add("sec", "Li Na", cases.RoleSecretariat)
	f.members = []cases.User{add("zhou", "Zhou Ming", cases.RoleMember), add("an", "An Qi", cases.RoleMember), add("bo", "bo Wen", cases.RoleMember)}
	c, err := f.svc.CreateCase(ctx, f.sec, searchDraft("Emotion recognition in class", "Cameras read pupils' faces.", false))
	if err != nil {
		t.Fatal(err)
	}
	f.caseID = c.ID
	return f
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Meetings keep their agenda, attendance and votes; a member not present
// does not vote, one who voted stays on the record, and the tally counts
// what was recorded.
func testMeetingsAndVotes(t *testing.T, e Engine) {
	f := newPeopleFixture(t, e)
	a, b, absent := f.members[0], f.members[1], f.members[2]
	m, err := f.svc.CreateMeeting(ctx, f.sec, cases.NewDate(2026, 3, 20), "March sitting 三月")
	must(t, err)
	must(t, f.svc.AddToAgenda(ctx, f.sec, m.ID, f.caseID))
	if err := f.svc.AddToAgenda(ctx, f.sec, m.ID, f.caseID); err == nil || !strings.Contains(err.Error(), "already on the agenda") {
		t.Errorf("a case put on the agenda twice: %v", err)
	}
	must(t, f.svc.AddMemberAttendance(ctx, f.sec, m.ID, a.ID))
	must(t, f.svc.AddMemberAttendance(ctx, f.sec, m.ID, b.ID))
	must(t, f.svc.AddConsultant(ctx, f.sec, m.ID, "Prof. Outside Expert"))
	if err := f.svc.AddMemberAttendance(ctx, f.sec, m.ID, a.ID); err == nil {
		t.Error("a member was recorded present twice")
	}
	m, err = f.svc.Meeting(ctx, f.sec, m.ID)
	must(t, err)
	if len(m.Agenda) != 1 || m.MembersPresent() != 2 || len(m.Attendance) != 3 || m.Title != "March sitting 三月" {
		t.Fatalf("meeting %+v", m)
	}
	if err := f.svc.RecordVote(ctx, absent, m.ID, f.caseID, absent.ID, cases.VoteApprove); err == nil || !strings.Contains(err.Error(), "not recorded as present") {
		t.Fatalf("a member not present voted: %v", err)
	}
	for _, u := range []cases.User{a, b} {
		must(t, f.svc.DeclareInterest(ctx, u, f.caseID, false, ""))
	}
	must(t, f.svc.RecordVote(ctx, a, m.ID, f.caseID, a.ID, cases.VoteApprove))
	must(t, f.svc.RecordVote(ctx, b, m.ID, f.caseID, b.ID, cases.VoteReject))
	must(t, f.svc.RecordVote(ctx, b, m.ID, f.caseID, b.ID, cases.VoteApproveModified)) // a vote changed: replaced
	tally, votes, err := f.svc.Tally(ctx, f.sec, m.ID, f.caseID)
	must(t, err)
	if tally.Approve != 1 || tally.ApproveModified != 1 || tally.Reject != 0 || len(votes) != 2 || votes[0].Name != "An Qi" {
		t.Errorf("tally %+v, votes %+v", tally, votes)
	}
	ids := map[int64]int64{}
	for _, at := range m.Attendance {
		ids[at.UserID] = at.ID
	}
	if err := f.svc.RemoveAttendee(ctx, f.sec, m.ID, ids[a.ID]); err == nil || !strings.Contains(err.Error(), "voted at this meeting") {
		t.Errorf("the attendance of a member who voted was removed: %v", err)
	}
	must(t, f.svc.RemoveAttendee(ctx, f.sec, m.ID, ids[0])) // the consultant
	if next, err := e.Store.NextMeeting(ctx, cases.NewDate(2026, 3, 1)); err != nil || next.ID != m.ID || len(next.Agenda) != 1 {
		t.Errorf("the next meeting after 1 March: %+v, %v", next, err)
	}
	if _, err := e.Store.NextMeeting(ctx, cases.NewDate(2026, 4, 1)); !errors.Is(err, cases.ErrNotFound) {
		t.Errorf("no meeting after 1 April, yet %v", err)
	}
	if problems, err := e.Store.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("the register after the meeting: %q, %v", problems, err)
	}
}

// The panel: members added and removed, the rapporteur first, a
// declaration of a conflict recusing the member (and ending their role as
// rapporteur), each member's view of their declarations.
func testPanelAndDeclarations(t *testing.T, e Engine) {
	f := newPeopleFixture(t, e)
	a, b, c := f.members[0], f.members[1], f.members[2]
	for _, u := range f.members {
		must(t, f.svc.AddPanelMember(ctx, f.sec, f.caseID, u.ID))
	}
	must(t, f.svc.RemovePanelMember(ctx, f.sec, f.caseID, c.ID))
	must(t, f.svc.DeclareInterest(ctx, a, f.caseID, false, ""))
	if err := e.Store.SetRapporteur(ctx, f.caseID, a, cases.AuditEntry{Actor: f.sec, Action: "case.rapporteur", Entity: "case", EntityID: f.caseID}); err != nil {
		t.Fatal(err)
	}
	panel, err := f.svc.Panel(ctx, f.sec, f.caseID)
	must(t, err)
	if len(panel) != 2 || panel[0].UserID != a.ID || !panel[0].Rapporteur || panel[1].UserID != b.ID || panel[0].Conflict != cases.NoConflict {
		t.Fatalf("panel %+v", panel)
	}
	must(t, f.svc.DeclareInterest(ctx, a, f.caseID, true, "I advised the school 学校."))
	panel, _ = f.svc.Panel(ctx, f.sec, f.caseID)
	got, _ := e.Store.GetCase(ctx, f.caseID)
	// No rapporteur now: the panel is by name, An Qi before Zhou Ming.
	if len(panel) != 2 || panel[1].UserID != a.ID || panel[1].Conflict != cases.ConflictDeclared || panel[1].Rapporteur ||
		panel[1].Reason != "I advised the school 学校." || got.RapporteurID != 0 || got.Rapporteur != "" {
		t.Errorf("after declaring a conflict: panel %+v, rapporteur %d %q", panel, got.RapporteurID, got.Rapporteur)
	}
	conflicts, err := e.Store.PanelConflicts(ctx, a.ID)
	if err != nil || conflicts[f.caseID] != cases.ConflictDeclared || len(conflicts) != 1 {
		t.Errorf("a's declarations %v, %v", conflicts, err)
	}
	if problems, err := e.Store.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("the register after the declarations: %q, %v", problems, err)
	}
}

// Attachments keep their exact bytes, once per content, and a file over
// the size limit is refused whole.
func testAttachments(t *testing.T, e Engine) {
	f := newPeopleFixture(t, e)
	data := append([]byte("%PDF-1.7 scan \x00\x01\xfe\xff "), bytes.Repeat([]byte{0, 255, 7}, 50000)...)
	got, err := f.svc.AddAttachments(ctx, f.sec, f.caseID, []cases.NewAttachment{
		{FileName: "scan.pdf", ContentType: "application/pdf", Data: data},
		{FileName: "copy of scan.pdf", ContentType: "application/pdf", Data: data},
		{FileName: "说明.txt", ContentType: "text/plain", Data: []byte("说明")}})
	if err != nil || len(got) != 3 {
		t.Fatalf("attaching: %v", err)
	}
	list, err := f.svc.Attachments(ctx, f.sec, f.caseID)
	if err != nil || len(list) != 3 || list[2].FileName != "说明.txt" {
		t.Fatalf("attachments %+v, %v", list, err)
	}
	back, att, err := f.svc.OpenAttachment(ctx, f.sec, list[1].ID)
	if err != nil || !bytes.Equal(back, data) || att.Size != int64(len(data)) {
		t.Errorf("the attachment read back: %d bytes, %v", len(back), err)
	}
	must(t, e.Store.SaveSettings(ctx, map[string]string{"attachment_max_bytes": "1000"}, audit("settings.save", "settings", nil)))
	if _, err := f.svc.AddAttachments(ctx, f.sec, f.caseID, []cases.NewAttachment{
		{FileName: "small.txt", Data: []byte("small")}, {FileName: "big.bin", Data: data}}); err == nil {
		t.Error("a file over the size limit was accepted")
	}
	if list, _ := f.svc.Attachments(ctx, f.sec, f.caseID); len(list) != 3 {
		t.Errorf("a refused batch left %d attachments", len(list))
	}
	if problems, err := e.Store.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("the register after attachments: %q, %v", problems, err)
	}
}
