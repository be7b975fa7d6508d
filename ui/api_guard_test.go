package ui

import (
	"bytes"
	"context"
	"crypto/x509"
	"runtime"
	"strconv"
	"sync"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/signing"
)

// guardedAPI wraps the register a window talks to and notes every call
// made on the window's goroutine (the test goroutine, which drains the
// runner's queue as fyne.Do would): over a committee server each call is
// a request, and one made there freezes the window. While held, calls
// made elsewhere wait until released, as on a slow link, so a test sees
// what the window shows before its data arrives. While down, calls made
// elsewhere fail as the committee server's client fails when the server
// cannot be reached, until up.
//
// It wraps every method of cases.API (the compiler checks that none is
// missing); Now and Today are exempt because the committee server's client
// answers them itself (remote/client.go).
type guardedAPI struct {
	api   cases.API
	ui    int64 // the id of the window's goroutine
	mu    sync.Mutex
	onUI  []string      // methods called on the window's goroutine
	gate  chan struct{} // closed when calls may go on; nil: never held
	down  error         // what calls off the window's goroutine fail with; nil: they go through
	asked int           // calls made off the window's goroutine so far
}

var _ cases.API = (*guardedAPI)(nil)

// guard wraps api for windows driven from the calling goroutine.
func guard(api cases.API) *guardedAPI {
	return &guardedAPI{api: api, ui: goroutineID()}
}

// hold makes calls off the window's goroutine wait until release.
func (g *guardedAPI) hold() {
	g.mu.Lock()
	g.gate = make(chan struct{})
	g.mu.Unlock()
}

// unreachable makes calls off the window's goroutine fail with the
// error of a committee server at server that cannot be reached, until
// reachable.
func (g *guardedAPI) unreachable(server string) {
	g.mu.Lock()
	g.down = serverDown{server}
	g.mu.Unlock()
}

func (g *guardedAPI) reachable() {
	g.mu.Lock()
	g.down = nil
	g.mu.Unlock()
}

// askedSoFar is how many calls were made off the window's goroutine.
func (g *guardedAPI) askedSoFar() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.asked
}

func (g *guardedAPI) release() {
	g.mu.Lock()
	if g.gate != nil {
		close(g.gate)
		g.gate = nil
	}
	g.mu.Unlock()
}

// calledOnUI lists the methods called on the window's goroutine so far
// and forgets them.
func (g *guardedAPI) calledOnUI() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := g.onUI
	g.onUI = nil
	return out
}

// enter notes a call of method, holds it while held, and says whether it
// fails because the register is down (methods that return no error
// cannot fail so and go through).
func (g *guardedAPI) enter(method string) error {
	if method == "Now" || method == "Today" {
		return nil
	}
	g.mu.Lock()
	gate, down := g.gate, g.down
	if goroutineID() == g.ui {
		g.onUI = append(g.onUI, method)
		g.mu.Unlock()
		return nil // waiting here would freeze the test as it would the window
	}
	g.asked++
	g.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-time.After(time.Minute): // a test that forgot to release fails on its own
		}
	}
	return down
}

// goroutineID is the running goroutine's number, read from its stack
// header ("goroutine 42 [running]:").
func goroutineID() int64 {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	buf = bytes.TrimPrefix(buf, []byte("goroutine "))
	if i := bytes.IndexByte(buf, ' '); i > 0 {
		buf = buf[:i]
	}
	id, _ := strconv.ParseInt(string(buf), 10, 64)
	return id
}

var (
	_ context.Context
	_ *x509.Certificate
	_ *signing.Report
)

// The wrapped methods, one per method of cases.API in its order.

func (g *guardedAPI) Now() time.Time {
	_ = g.enter("Now")
	return g.api.Now()
}

func (g *guardedAPI) Today() cases.Date {
	_ = g.enter("Today")
	return g.api.Today()
}

func (g *guardedAPI) Reference(a0 context.Context) (r0 cases.Reference, err error) {
	if err = g.enter("Reference"); err != nil {
		return
	}
	return g.api.Reference(a0)
}

func (g *guardedAPI) CaseTypes(a0 context.Context) (r0 []cases.CaseType, err error) {
	if err = g.enter("CaseTypes"); err != nil {
		return
	}
	return g.api.CaseTypes(a0)
}

func (g *guardedAPI) Catalogue(a0 context.Context) (r0 []cases.CatalogueEntry, err error) {
	if err = g.enter("Catalogue"); err != nil {
		return
	}
	return g.api.Catalogue(a0)
}

func (g *guardedAPI) Holidays(a0 context.Context) (r0 []cases.Holiday, err error) {
	if err = g.enter("Holidays"); err != nil {
		return
	}
	return g.api.Holidays(a0)
}

func (g *guardedAPI) Settings(a0 context.Context) (r0 cases.Settings, err error) {
	if err = g.enter("Settings"); err != nil {
		return
	}
	return g.api.Settings(a0)
}

func (g *guardedAPI) CommitteeLetterhead(a0 context.Context) (r0 string, r1 string, err error) {
	if err = g.enter("CommitteeLetterhead"); err != nil {
		return
	}
	return g.api.CommitteeLetterhead(a0)
}

func (g *guardedAPI) DocumentLanguage(a0 context.Context) (r0 cases.DocumentLanguage, err error) {
	if err = g.enter("DocumentLanguage"); err != nil {
		return
	}
	return g.api.DocumentLanguage(a0)
}

func (g *guardedAPI) AuditHead(a0 context.Context) (r0 int64, r1 string, err error) {
	if err = g.enter("AuditHead"); err != nil {
		return
	}
	return g.api.AuditHead(a0)
}

func (g *guardedAPI) HasUsers(a0 context.Context) (r0 bool, err error) {
	if err = g.enter("HasUsers"); err != nil {
		return
	}
	return g.api.HasUsers(a0)
}

func (g *guardedAPI) Bootstrap(a0 context.Context, a1 string, a2 string, a3 string) (r0 cases.User, err error) {
	if err = g.enter("Bootstrap"); err != nil {
		return
	}
	return g.api.Bootstrap(a0, a1, a2, a3)
}

func (g *guardedAPI) Login(a0 context.Context, a1 string, a2 string) (r0 cases.User, err error) {
	if err = g.enter("Login"); err != nil {
		return
	}
	return g.api.Login(a0, a1, a2)
}

func (g *guardedAPI) VerifyPassword(a0 context.Context, a1 cases.User, a2 string) (err error) {
	if err = g.enter("VerifyPassword"); err != nil {
		return
	}
	return g.api.VerifyPassword(a0, a1, a2)
}

func (g *guardedAPI) ChangePassword(a0 context.Context, a1 cases.User, a2 string, a3 string) (err error) {
	if err = g.enter("ChangePassword"); err != nil {
		return
	}
	return g.api.ChangePassword(a0, a1, a2, a3)
}

func (g *guardedAPI) ListCases(a0 context.Context, a1 cases.User, a2 cases.Query, a3 int, a4 int) (r0 []cases.Row, err error) {
	if err = g.enter("ListCases"); err != nil {
		return
	}
	return g.api.ListCases(a0, a1, a2, a3, a4)
}

func (g *guardedAPI) CountCases(a0 context.Context, a1 cases.User, a2 cases.Query) (r0 int, r1 int, err error) {
	if err = g.enter("CountCases"); err != nil {
		return
	}
	return g.api.CountCases(a0, a1, a2)
}

func (g *guardedAPI) Search(a0 context.Context, a1 cases.User, a2 string, a3 cases.Query, a4 int, a5 int) (r0 []cases.SearchHit, err error) {
	if err = g.enter("Search"); err != nil {
		return
	}
	return g.api.Search(a0, a1, a2, a3, a4, a5)
}

func (g *guardedAPI) GetCase(a0 context.Context, a1 cases.User, a2 int64) (r0 cases.Case, err error) {
	if err = g.enter("GetCase"); err != nil {
		return
	}
	return g.api.GetCase(a0, a1, a2)
}

func (g *guardedAPI) FindCase(a0 context.Context, a1 cases.User, a2 string) (r0 cases.Case, err error) {
	if err = g.enter("FindCase"); err != nil {
		return
	}
	return g.api.FindCase(a0, a1, a2)
}

func (g *guardedAPI) Timeline(a0 context.Context, a1 cases.User, a2 int64) (r0 []cases.TimelineEntry, err error) {
	if err = g.enter("Timeline"); err != nil {
		return
	}
	return g.api.Timeline(a0, a1, a2)
}

func (g *guardedAPI) CaseHistory(a0 context.Context, a1 cases.User, a2 int64) (r0 []cases.AuditRecord, err error) {
	if err = g.enter("CaseHistory"); err != nil {
		return
	}
	return g.api.CaseHistory(a0, a1, a2)
}

func (g *guardedAPI) Changes(a0 context.Context, a1 cases.User, a2 int64, a3 time.Duration) (r0 cases.ChangeBatch, err error) {
	if err = g.enter("Changes"); err != nil {
		return
	}
	return g.api.Changes(a0, a1, a2, a3)
}

func (g *guardedAPI) Statistics(a0 context.Context, a1 cases.User, a2 cases.Period) (r0 cases.Statistics, err error) {
	if err = g.enter("Statistics"); err != nil {
		return
	}
	return g.api.Statistics(a0, a1, a2)
}

func (g *guardedAPI) CreateCase(a0 context.Context, a1 cases.User, a2 cases.Draft) (r0 cases.Case, err error) {
	if err = g.enter("CreateCase"); err != nil {
		return
	}
	return g.api.CreateCase(a0, a1, a2)
}

func (g *guardedAPI) CreateCaseWithAttachments(a0 context.Context, a1 cases.User, a2 cases.Draft, a3 []cases.NewAttachment) (r0 cases.Case, r1 []cases.Attachment, err error) {
	if err = g.enter("CreateCaseWithAttachments"); err != nil {
		return
	}
	return g.api.CreateCaseWithAttachments(a0, a1, a2, a3)
}

func (g *guardedAPI) ValidateDraft(a0 context.Context, a1 cases.Draft) (r0 cases.Draft, r1 cases.FieldErrors, err error) {
	if err = g.enter("ValidateDraft"); err != nil {
		return
	}
	return g.api.ValidateDraft(a0, a1)
}

func (g *guardedAPI) UpdateCase(a0 context.Context, a1 cases.User, a2 int64, a3 int64, a4 cases.Draft) (r0 cases.Case, err error) {
	if err = g.enter("UpdateCase"); err != nil {
		return
	}
	return g.api.UpdateCase(a0, a1, a2, a3, a4)
}

func (g *guardedAPI) AllowedMoves(a0 cases.User, a1 cases.Case) []cases.Status {
	_ = g.enter("AllowedMoves")
	return g.api.AllowedMoves(a0, a1)
}

func (g *guardedAPI) Transition(a0 context.Context, a1 cases.User, a2 int64, a3 int64, a4 cases.Status, a5 string) (r0 cases.Case, err error) {
	if err = g.enter("Transition"); err != nil {
		return
	}
	return g.api.Transition(a0, a1, a2, a3, a4, a5)
}

func (g *guardedAPI) AddNote(a0 context.Context, a1 cases.User, a2 int64, a3 string, a4 bool) (r0 cases.Note, err error) {
	if err = g.enter("AddNote"); err != nil {
		return
	}
	return g.api.AddNote(a0, a1, a2, a3, a4)
}

func (g *guardedAPI) Attachments(a0 context.Context, a1 cases.User, a2 int64) (r0 []cases.Attachment, err error) {
	if err = g.enter("Attachments"); err != nil {
		return
	}
	return g.api.Attachments(a0, a1, a2)
}

func (g *guardedAPI) OpenAttachment(a0 context.Context, a1 cases.User, a2 int64) (r0 []byte, r1 cases.Attachment, err error) {
	if err = g.enter("OpenAttachment"); err != nil {
		return
	}
	return g.api.OpenAttachment(a0, a1, a2)
}

func (g *guardedAPI) AddAttachments(a0 context.Context, a1 cases.User, a2 int64, a3 []cases.NewAttachment) (r0 []cases.Attachment, err error) {
	if err = g.enter("AddAttachments"); err != nil {
		return
	}
	return g.api.AddAttachments(a0, a1, a2, a3)
}

func (g *guardedAPI) AssignRapporteur(a0 context.Context, a1 cases.User, a2 int64, a3 int64) (r0 cases.Case, err error) {
	if err = g.enter("AssignRapporteur"); err != nil {
		return
	}
	return g.api.AssignRapporteur(a0, a1, a2, a3)
}

func (g *guardedAPI) AddPanelMember(a0 context.Context, a1 cases.User, a2 int64, a3 int64) (err error) {
	if err = g.enter("AddPanelMember"); err != nil {
		return
	}
	return g.api.AddPanelMember(a0, a1, a2, a3)
}

func (g *guardedAPI) RemovePanelMember(a0 context.Context, a1 cases.User, a2 int64, a3 int64) (err error) {
	if err = g.enter("RemovePanelMember"); err != nil {
		return
	}
	return g.api.RemovePanelMember(a0, a1, a2, a3)
}

func (g *guardedAPI) DeclareInterest(a0 context.Context, a1 cases.User, a2 int64, a3 bool, a4 string) (err error) {
	if err = g.enter("DeclareInterest"); err != nil {
		return
	}
	return g.api.DeclareInterest(a0, a1, a2, a3, a4)
}

func (g *guardedAPI) Panel(a0 context.Context, a1 cases.User, a2 int64) (r0 []cases.PanelMember, err error) {
	if err = g.enter("Panel"); err != nil {
		return
	}
	return g.api.Panel(a0, a1, a2)
}

func (g *guardedAPI) OffPanelDeclarations(a0 context.Context, a1 cases.User, a2 int64) (r0 []cases.PanelMember, err error) {
	if err = g.enter("OffPanelDeclarations"); err != nil {
		return
	}
	return g.api.OffPanelDeclarations(a0, a1, a2)
}

func (g *guardedAPI) CaseDuties(a0 context.Context, a1 cases.User, a2 int64) (r0 []cases.DutyCheck, err error) {
	if err = g.enter("CaseDuties"); err != nil {
		return
	}
	return g.api.CaseDuties(a0, a1, a2)
}

func (g *guardedAPI) MayMarkDuties(a0 context.Context, a1 cases.User, a2 int64) bool {
	_ = g.enter("MayMarkDuties")
	return g.api.MayMarkDuties(a0, a1, a2)
}

func (g *guardedAPI) MarkDuty(a0 context.Context, a1 cases.User, a2 int64, a3 cases.Duty, a4 bool, a5 string) (r0 cases.DutyCheck, err error) {
	if err = g.enter("MarkDuty"); err != nil {
		return
	}
	return g.api.MarkDuty(a0, a1, a2, a3, a4, a5)
}

func (g *guardedAPI) Meetings(a0 context.Context, a1 cases.User) (r0 []cases.Meeting, err error) {
	if err = g.enter("Meetings"); err != nil {
		return
	}
	return g.api.Meetings(a0, a1)
}

func (g *guardedAPI) Meeting(a0 context.Context, a1 cases.User, a2 int64) (r0 cases.Meeting, err error) {
	if err = g.enter("Meeting"); err != nil {
		return
	}
	return g.api.Meeting(a0, a1, a2)
}

func (g *guardedAPI) CreateMeeting(a0 context.Context, a1 cases.User, a2 cases.Date, a3 string) (r0 cases.Meeting, err error) {
	if err = g.enter("CreateMeeting"); err != nil {
		return
	}
	return g.api.CreateMeeting(a0, a1, a2, a3)
}

func (g *guardedAPI) AddToAgenda(a0 context.Context, a1 cases.User, a2 int64, a3 int64) (err error) {
	if err = g.enter("AddToAgenda"); err != nil {
		return
	}
	return g.api.AddToAgenda(a0, a1, a2, a3)
}

func (g *guardedAPI) RemoveFromAgenda(a0 context.Context, a1 cases.User, a2 int64, a3 int64) (err error) {
	if err = g.enter("RemoveFromAgenda"); err != nil {
		return
	}
	return g.api.RemoveFromAgenda(a0, a1, a2, a3)
}

func (g *guardedAPI) AddMemberAttendance(a0 context.Context, a1 cases.User, a2 int64, a3 int64) (err error) {
	if err = g.enter("AddMemberAttendance"); err != nil {
		return
	}
	return g.api.AddMemberAttendance(a0, a1, a2, a3)
}

func (g *guardedAPI) AddConsultant(a0 context.Context, a1 cases.User, a2 int64, a3 string) (err error) {
	if err = g.enter("AddConsultant"); err != nil {
		return
	}
	return g.api.AddConsultant(a0, a1, a2, a3)
}

func (g *guardedAPI) RemoveAttendee(a0 context.Context, a1 cases.User, a2 int64, a3 int64) (err error) {
	if err = g.enter("RemoveAttendee"); err != nil {
		return
	}
	return g.api.RemoveAttendee(a0, a1, a2, a3)
}

func (g *guardedAPI) RecordVote(a0 context.Context, a1 cases.User, a2 int64, a3 int64, a4 int64, a5 cases.Vote) (err error) {
	if err = g.enter("RecordVote"); err != nil {
		return
	}
	return g.api.RecordVote(a0, a1, a2, a3, a4, a5)
}

func (g *guardedAPI) Tally(a0 context.Context, a1 cases.User, a2 int64, a3 int64) (r0 cases.Tally, r1 []cases.CastVote, err error) {
	if err = g.enter("Tally"); err != nil {
		return
	}
	return g.api.Tally(a0, a1, a2, a3)
}

func (g *guardedAPI) DesignateSimplified(a0 context.Context, a1 cases.User, a2 int64, a3 []int64) (err error) {
	if err = g.enter("DesignateSimplified"); err != nil {
		return
	}
	return g.api.DesignateSimplified(a0, a1, a2, a3)
}

func (g *guardedAPI) RecordView(a0 context.Context, a1 cases.User, a2 int64, a3 cases.Vote, a4 string) (r0 cases.Simplified, err error) {
	if err = g.enter("RecordView"); err != nil {
		return
	}
	return g.api.RecordView(a0, a1, a2, a3, a4)
}

func (g *guardedAPI) SimplifiedStatus(a0 context.Context, a1 cases.User, a2 int64) (r0 cases.Simplified, err error) {
	if err = g.enter("SimplifiedStatus"); err != nil {
		return
	}
	return g.api.SimplifiedStatus(a0, a1, a2)
}

func (g *guardedAPI) Opinion(a0 context.Context, a1 cases.User, a2 int64) (r0 cases.Opinion, err error) {
	if err = g.enter("Opinion"); err != nil {
		return
	}
	return g.api.Opinion(a0, a1, a2)
}

func (g *guardedAPI) OpinionVersions(a0 context.Context, a1 cases.User, a2 int64) (r0 []cases.OpinionVersion, err error) {
	if err = g.enter("OpinionVersions"); err != nil {
		return
	}
	return g.api.OpinionVersions(a0, a1, a2)
}

func (g *guardedAPI) CanDraftOpinion(a0 cases.User, a1 cases.Case, a2 cases.Opinion) bool {
	_ = g.enter("CanDraftOpinion")
	return g.api.CanDraftOpinion(a0, a1, a2)
}

func (g *guardedAPI) MayCountersign(a0 context.Context, a1 cases.User, a2 int64) (err error) {
	if err = g.enter("MayCountersign"); err != nil {
		return
	}
	return g.api.MayCountersign(a0, a1, a2)
}

func (g *guardedAPI) SaveOpinionDraft(a0 context.Context, a1 cases.User, a2 int64, a3 int, a4 cases.OpinionText) (r0 cases.Opinion, err error) {
	if err = g.enter("SaveOpinionDraft"); err != nil {
		return
	}
	return g.api.SaveOpinionDraft(a0, a1, a2, a3, a4)
}

func (g *guardedAPI) PreviewOpinion(a0 context.Context, a1 cases.User, a2 int64) (r0 []byte, err error) {
	if err = g.enter("PreviewOpinion"); err != nil {
		return
	}
	return g.api.PreviewOpinion(a0, a1, a2)
}

func (g *guardedAPI) SignOpinion(a0 context.Context, a1 cases.User, a2 int64, a3 string) (r0 cases.Opinion, err error) {
	if err = g.enter("SignOpinion"); err != nil {
		return
	}
	return g.api.SignOpinion(a0, a1, a2, a3)
}

func (g *guardedAPI) PrepareSignature(a0 context.Context, a1 cases.User, a2 int64, a3 string) (r0 cases.SignaturePrep, err error) {
	if err = g.enter("PrepareSignature"); err != nil {
		return
	}
	return g.api.PrepareSignature(a0, a1, a2, a3)
}

func (g *guardedAPI) CompleteSignature(a0 context.Context, a1 cases.User, a2 int64, a3 string, a4 []byte) (r0 cases.Opinion, err error) {
	if err = g.enter("CompleteSignature"); err != nil {
		return
	}
	return g.api.CompleteSignature(a0, a1, a2, a3, a4)
}

func (g *guardedAPI) HandOverSigningKey(a0 context.Context, a1 cases.User, a2 string) (r0 cases.HandedKey, err error) {
	if err = g.enter("HandOverSigningKey"); err != nil {
		return
	}
	return g.api.HandOverSigningKey(a0, a1, a2)
}

func (g *guardedAPI) ConfirmKeyMoved(a0 context.Context, a1 cases.User, a2 string) (err error) {
	if err = g.enter("ConfirmKeyMoved"); err != nil {
		return
	}
	return g.api.ConfirmKeyMoved(a0, a1, a2)
}

func (g *guardedAPI) ReturnOpinion(a0 context.Context, a1 cases.User, a2 int64, a3 string) (r0 cases.Opinion, err error) {
	if err = g.enter("ReturnOpinion"); err != nil {
		return
	}
	return g.api.ReturnOpinion(a0, a1, a2, a3)
}

func (g *guardedAPI) StartCorrection(a0 context.Context, a1 cases.User, a2 int64) (r0 cases.Opinion, err error) {
	if err = g.enter("StartCorrection"); err != nil {
		return
	}
	return g.api.StartCorrection(a0, a1, a2)
}

func (g *guardedAPI) IssuedOpinionPDF(a0 context.Context, a1 cases.User, a2 int64) (r0 []byte, r1 cases.Opinion, err error) {
	if err = g.enter("IssuedOpinionPDF"); err != nil {
		return
	}
	return g.api.IssuedOpinionPDF(a0, a1, a2)
}

func (g *guardedAPI) VerifyPDF(a0 context.Context, a1 cases.User, a2 []byte) (r0 *signing.Report, err error) {
	if err = g.enter("VerifyPDF"); err != nil {
		return
	}
	return g.api.VerifyPDF(a0, a1, a2)
}

func (g *guardedAPI) CommitteeRoot(a0 context.Context) (r0 *x509.Certificate, err error) {
	if err = g.enter("CommitteeRoot"); err != nil {
		return
	}
	return g.api.CommitteeRoot(a0)
}

func (g *guardedAPI) MayWriteLetters(a0 cases.User) bool {
	_ = g.enter("MayWriteLetters")
	return g.api.MayWriteLetters(a0)
}

func (g *guardedAPI) Letter(a0 context.Context, a1 cases.User, a2 cases.LetterRequest) (r0 []byte, err error) {
	if err = g.enter("Letter"); err != nil {
		return
	}
	return g.api.Letter(a0, a1, a2)
}

func (g *guardedAPI) ExportCases(a0 context.Context, a1 cases.User, a2 cases.ExportRequest, a3 func(cases.Case) error) (r0 int, err error) {
	if err = g.enter("ExportCases"); err != nil {
		return
	}
	return g.api.ExportCases(a0, a1, a2, a3)
}

func (g *guardedAPI) CalendarEvents(a0 context.Context, a1 cases.User, a2 cases.Query) (r0 []cases.CalendarEvent, err error) {
	if err = g.enter("CalendarEvents"); err != nil {
		return
	}
	return g.api.CalendarEvents(a0, a1, a2)
}

func (g *guardedAPI) AnnualReport(a0 context.Context, a1 cases.User, a2 int, a3 cases.DocumentLanguage, a4 func(done, total int)) (r0 []byte, err error) {
	if err = g.enter("AnnualReport"); err != nil {
		return
	}
	return g.api.AnnualReport(a0, a1, a2, a3, a4)
}

func (g *guardedAPI) MayManageKeys(a0 cases.User) bool {
	_ = g.enter("MayManageKeys")
	return g.api.MayManageKeys(a0)
}

func (g *guardedAPI) SigningKeys(a0 context.Context, a1 cases.User) (r0 cases.SigningKeys, err error) {
	if err = g.enter("SigningKeys"); err != nil {
		return
	}
	return g.api.SigningKeys(a0, a1)
}

func (g *guardedAPI) CreateSigningRoot(a0 context.Context, a1 cases.User, a2 string) (err error) {
	if err = g.enter("CreateSigningRoot"); err != nil {
		return
	}
	return g.api.CreateSigningRoot(a0, a1, a2)
}

func (g *guardedAPI) IssueSigningKey(a0 context.Context, a1 cases.User, a2 string, a3 cases.User, a4 string) (err error) {
	if err = g.enter("IssueSigningKey"); err != nil {
		return
	}
	return g.api.IssueSigningKey(a0, a1, a2, a3, a4)
}

func (g *guardedAPI) ImportSigningKey(a0 context.Context, a1 cases.User, a2 cases.User, a3 []byte, a4 string, a5 string) (err error) {
	if err = g.enter("ImportSigningKey"); err != nil {
		return
	}
	return g.api.ImportSigningKey(a0, a1, a2, a3, a4, a5)
}

func (g *guardedAPI) MayBackup(a0 cases.User) bool {
	_ = g.enter("MayBackup")
	return g.api.MayBackup(a0)
}

func (g *guardedAPI) MayRestore(a0 cases.User) bool {
	_ = g.enter("MayRestore")
	return g.api.MayRestore(a0)
}

func (g *guardedAPI) Backup(a0 context.Context, a1 cases.User, a2 string) (r0 string, err error) {
	if err = g.enter("Backup"); err != nil {
		return
	}
	return g.api.Backup(a0, a1, a2)
}

func (g *guardedAPI) LatestBackup(a0 cases.User) (r0 string, err error) {
	if err = g.enter("LatestBackup"); err != nil {
		return
	}
	return g.api.LatestBackup(a0)
}

func (g *guardedAPI) Restore(a0 context.Context, a1 cases.User, a2 string) (r0 string, err error) {
	if err = g.enter("Restore"); err != nil {
		return
	}
	return g.api.Restore(a0, a1, a2)
}

func (g *guardedAPI) Users(a0 context.Context, a1 cases.User) (r0 []cases.User, err error) {
	if err = g.enter("Users"); err != nil {
		return
	}
	return g.api.Users(a0, a1)
}

func (g *guardedAPI) CreateUser(a0 context.Context, a1 cases.User, a2 cases.NewAccount) (r0 cases.User, err error) {
	if err = g.enter("CreateUser"); err != nil {
		return
	}
	return g.api.CreateUser(a0, a1, a2)
}

func (g *guardedAPI) SetRole(a0 context.Context, a1 cases.User, a2 int64, a3 cases.Role) (err error) {
	if err = g.enter("SetRole"); err != nil {
		return
	}
	return g.api.SetRole(a0, a1, a2, a3)
}

func (g *guardedAPI) Deactivate(a0 context.Context, a1 cases.User, a2 int64) (err error) {
	if err = g.enter("Deactivate"); err != nil {
		return
	}
	return g.api.Deactivate(a0, a1, a2)
}

func (g *guardedAPI) Reactivate(a0 context.Context, a1 cases.User, a2 int64) (err error) {
	if err = g.enter("Reactivate"); err != nil {
		return
	}
	return g.api.Reactivate(a0, a1, a2)
}

func (g *guardedAPI) ResetPassword(a0 context.Context, a1 cases.User, a2 int64, a3 string) (err error) {
	if err = g.enter("ResetPassword"); err != nil {
		return
	}
	return g.api.ResetPassword(a0, a1, a2, a3)
}

func (g *guardedAPI) LockedAccounts(a0 context.Context, a1 cases.User) (r0 map[int64]time.Time, err error) {
	if err = g.enter("LockedAccounts"); err != nil {
		return
	}
	return g.api.LockedAccounts(a0, a1)
}

func (g *guardedAPI) SaveSettings(a0 context.Context, a1 cases.User, a2 cases.Settings) (err error) {
	if err = g.enter("SaveSettings"); err != nil {
		return
	}
	return g.api.SaveSettings(a0, a1, a2)
}

func (g *guardedAPI) SaveCommitteeLetterhead(a0 context.Context, a1 cases.User, a2 string, a3 string) (err error) {
	if err = g.enter("SaveCommitteeLetterhead"); err != nil {
		return
	}
	return g.api.SaveCommitteeLetterhead(a0, a1, a2, a3)
}

func (g *guardedAPI) SaveDocumentLanguage(a0 context.Context, a1 cases.User, a2 cases.DocumentLanguage) (err error) {
	if err = g.enter("SaveDocumentLanguage"); err != nil {
		return
	}
	return g.api.SaveDocumentLanguage(a0, a1, a2)
}

func (g *guardedAPI) SaveHoliday(a0 context.Context, a1 cases.User, a2 cases.Holiday) (err error) {
	if err = g.enter("SaveHoliday"); err != nil {
		return
	}
	return g.api.SaveHoliday(a0, a1, a2)
}

func (g *guardedAPI) DeleteHoliday(a0 context.Context, a1 cases.User, a2 cases.Date) (err error) {
	if err = g.enter("DeleteHoliday"); err != nil {
		return
	}
	return g.api.DeleteHoliday(a0, a1, a2)
}

func (g *guardedAPI) ImportHolidays(a0 context.Context, a1 cases.User, a2 []cases.Holiday) (r0 int, err error) {
	if err = g.enter("ImportHolidays"); err != nil {
		return
	}
	return g.api.ImportHolidays(a0, a1, a2)
}

func (g *guardedAPI) SaveCaseType(a0 context.Context, a1 cases.User, a2 cases.CaseType) (err error) {
	if err = g.enter("SaveCaseType"); err != nil {
		return
	}
	return g.api.SaveCaseType(a0, a1, a2)
}

func (g *guardedAPI) AddCaseType(a0 context.Context, a1 cases.User, a2 cases.CaseType) (err error) {
	if err = g.enter("AddCaseType"); err != nil {
		return
	}
	return g.api.AddCaseType(a0, a1, a2)
}

func (g *guardedAPI) SaveCatalogueEntry(a0 context.Context, a1 cases.User, a2 cases.CatalogueEntry) (err error) {
	if err = g.enter("SaveCatalogueEntry"); err != nil {
		return
	}
	return g.api.SaveCatalogueEntry(a0, a1, a2)
}

func (g *guardedAPI) AddCatalogueEntry(a0 context.Context, a1 cases.User, a2 cases.CatalogueEntry) (err error) {
	if err = g.enter("AddCatalogueEntry"); err != nil {
		return
	}
	return g.api.AddCatalogueEntry(a0, a1, a2)
}

func (g *guardedAPI) RecomputeDeadlines(a0 context.Context) (r0 int, err error) {
	if err = g.enter("RecomputeDeadlines"); err != nil {
		return
	}
	return g.api.RecomputeDeadlines(a0)
}

func (g *guardedAPI) RetentionDue(a0 context.Context, a1 cases.User) (r0 cases.RetentionReport, err error) {
	if err = g.enter("RetentionDue"); err != nil {
		return
	}
	return g.api.RetentionDue(a0, a1)
}

func (g *guardedAPI) ApplyRetention(a0 context.Context, a1 cases.User) (r0 int, err error) {
	if err = g.enter("ApplyRetention"); err != nil {
		return
	}
	return g.api.ApplyRetention(a0, a1)
}

func (g *guardedAPI) AuditLog(a0 context.Context, a1 cases.User, a2 cases.AuditFilter) (r0 []cases.AuditRecord, r1 int, err error) {
	if err = g.enter("AuditLog"); err != nil {
		return
	}
	return g.api.AuditLog(a0, a1, a2)
}

func (g *guardedAPI) AuditActions(a0 context.Context, a1 cases.User) (r0 []string, err error) {
	if err = g.enter("AuditActions"); err != nil {
		return
	}
	return g.api.AuditActions(a0, a1)
}
