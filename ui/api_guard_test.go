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
// what the window shows before its data arrives.
//
// It wraps every method of cases.API (the compiler checks that none is
// missing); Now and Today are exempt because the committee server's client
// answers them itself (remote/client.go).
type guardedAPI struct {
	api  cases.API
	ui   int64 // the id of the window's goroutine
	mu   sync.Mutex
	onUI []string      // methods called on the window's goroutine
	gate chan struct{} // closed when calls may go on; nil: never held
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

func (g *guardedAPI) enter(method string) {
	if method == "Now" || method == "Today" {
		return
	}
	g.mu.Lock()
	gate := g.gate
	if goroutineID() == g.ui {
		g.onUI = append(g.onUI, method)
		g.mu.Unlock()
		return // waiting here would freeze the test as it would the window
	}
	g.mu.Unlock()
	if gate != nil {
		select {
		case <-gate:
		case <-time.After(time.Minute): // a test that forgot to release fails on its own
		}
	}
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
	g.enter("Now")
	return g.api.Now()
}

func (g *guardedAPI) Today() cases.Date {
	g.enter("Today")
	return g.api.Today()
}

func (g *guardedAPI) Reference(a0 context.Context) (cases.Reference, error) {
	g.enter("Reference")
	return g.api.Reference(a0)
}

func (g *guardedAPI) CaseTypes(a0 context.Context) ([]cases.CaseType, error) {
	g.enter("CaseTypes")
	return g.api.CaseTypes(a0)
}

func (g *guardedAPI) Catalogue(a0 context.Context) ([]cases.CatalogueEntry, error) {
	g.enter("Catalogue")
	return g.api.Catalogue(a0)
}

func (g *guardedAPI) Holidays(a0 context.Context) ([]cases.Holiday, error) {
	g.enter("Holidays")
	return g.api.Holidays(a0)
}

func (g *guardedAPI) Settings(a0 context.Context) (cases.Settings, error) {
	g.enter("Settings")
	return g.api.Settings(a0)
}

func (g *guardedAPI) CommitteeLetterhead(a0 context.Context) (string, string, error) {
	g.enter("CommitteeLetterhead")
	return g.api.CommitteeLetterhead(a0)
}

func (g *guardedAPI) DocumentLanguage(a0 context.Context) (cases.DocumentLanguage, error) {
	g.enter("DocumentLanguage")
	return g.api.DocumentLanguage(a0)
}

func (g *guardedAPI) AuditHead(a0 context.Context) (int64, string, error) {
	g.enter("AuditHead")
	return g.api.AuditHead(a0)
}

func (g *guardedAPI) HasUsers(a0 context.Context) (bool, error) {
	g.enter("HasUsers")
	return g.api.HasUsers(a0)
}

func (g *guardedAPI) Bootstrap(a0 context.Context, a1 string, a2 string, a3 string) (cases.User, error) {
	g.enter("Bootstrap")
	return g.api.Bootstrap(a0, a1, a2, a3)
}

func (g *guardedAPI) Login(a0 context.Context, a1 string, a2 string) (cases.User, error) {
	g.enter("Login")
	return g.api.Login(a0, a1, a2)
}

func (g *guardedAPI) VerifyPassword(a0 context.Context, a1 cases.User, a2 string) error {
	g.enter("VerifyPassword")
	return g.api.VerifyPassword(a0, a1, a2)
}

func (g *guardedAPI) ChangePassword(a0 context.Context, a1 cases.User, a2 string, a3 string) error {
	g.enter("ChangePassword")
	return g.api.ChangePassword(a0, a1, a2, a3)
}

func (g *guardedAPI) ListCases(a0 context.Context, a1 cases.User, a2 cases.Query, a3 int, a4 int) ([]cases.Row, error) {
	g.enter("ListCases")
	return g.api.ListCases(a0, a1, a2, a3, a4)
}

func (g *guardedAPI) CountCases(a0 context.Context, a1 cases.User, a2 cases.Query) (int, int, error) {
	g.enter("CountCases")
	return g.api.CountCases(a0, a1, a2)
}

func (g *guardedAPI) Search(a0 context.Context, a1 cases.User, a2 string, a3 cases.Query, a4 int, a5 int) ([]cases.SearchHit, error) {
	g.enter("Search")
	return g.api.Search(a0, a1, a2, a3, a4, a5)
}

func (g *guardedAPI) GetCase(a0 context.Context, a1 cases.User, a2 int64) (cases.Case, error) {
	g.enter("GetCase")
	return g.api.GetCase(a0, a1, a2)
}

func (g *guardedAPI) FindCase(a0 context.Context, a1 cases.User, a2 string) (cases.Case, error) {
	g.enter("FindCase")
	return g.api.FindCase(a0, a1, a2)
}

func (g *guardedAPI) Timeline(a0 context.Context, a1 cases.User, a2 int64) ([]cases.TimelineEntry, error) {
	g.enter("Timeline")
	return g.api.Timeline(a0, a1, a2)
}

func (g *guardedAPI) CaseHistory(a0 context.Context, a1 cases.User, a2 int64) ([]cases.AuditRecord, error) {
	g.enter("CaseHistory")
	return g.api.CaseHistory(a0, a1, a2)
}

func (g *guardedAPI) Changes(a0 context.Context, a1 cases.User, a2 int64, a3 time.Duration) (cases.ChangeBatch, error) {
	g.enter("Changes")
	return g.api.Changes(a0, a1, a2, a3)
}

func (g *guardedAPI) Statistics(a0 context.Context, a1 cases.User, a2 cases.Period) (cases.Statistics, error) {
	g.enter("Statistics")
	return g.api.Statistics(a0, a1, a2)
}

func (g *guardedAPI) CreateCase(a0 context.Context, a1 cases.User, a2 cases.Draft) (cases.Case, error) {
	g.enter("CreateCase")
	return g.api.CreateCase(a0, a1, a2)
}

func (g *guardedAPI) CreateCaseWithAttachments(a0 context.Context, a1 cases.User, a2 cases.Draft, a3 []cases.NewAttachment) (cases.Case, []cases.Attachment, error) {
	g.enter("CreateCaseWithAttachments")
	return g.api.CreateCaseWithAttachments(a0, a1, a2, a3)
}

func (g *guardedAPI) ValidateDraft(a0 context.Context, a1 cases.Draft) (cases.Draft, cases.FieldErrors, error) {
	g.enter("ValidateDraft")
	return g.api.ValidateDraft(a0, a1)
}

func (g *guardedAPI) UpdateCase(a0 context.Context, a1 cases.User, a2 int64, a3 int64, a4 cases.Draft) (cases.Case, error) {
	g.enter("UpdateCase")
	return g.api.UpdateCase(a0, a1, a2, a3, a4)
}

func (g *guardedAPI) AllowedMoves(a0 cases.User, a1 cases.Case) []cases.Status {
	g.enter("AllowedMoves")
	return g.api.AllowedMoves(a0, a1)
}

func (g *guardedAPI) Transition(a0 context.Context, a1 cases.User, a2 int64, a3 int64, a4 cases.Status, a5 string) (cases.Case, error) {
	g.enter("Transition")
	return g.api.Transition(a0, a1, a2, a3, a4, a5)
}

func (g *guardedAPI) AddNote(a0 context.Context, a1 cases.User, a2 int64, a3 string, a4 bool) (cases.Note, error) {
	g.enter("AddNote")
	return g.api.AddNote(a0, a1, a2, a3, a4)
}

func (g *guardedAPI) Attachments(a0 context.Context, a1 cases.User, a2 int64) ([]cases.Attachment, error) {
	g.enter("Attachments")
	return g.api.Attachments(a0, a1, a2)
}

func (g *guardedAPI) OpenAttachment(a0 context.Context, a1 cases.User, a2 int64) ([]byte, cases.Attachment, error) {
	g.enter("OpenAttachment")
	return g.api.OpenAttachment(a0, a1, a2)
}

func (g *guardedAPI) AddAttachments(a0 context.Context, a1 cases.User, a2 int64, a3 []cases.NewAttachment) ([]cases.Attachment, error) {
	g.enter("AddAttachments")
	return g.api.AddAttachments(a0, a1, a2, a3)
}

func (g *guardedAPI) AssignRapporteur(a0 context.Context, a1 cases.User, a2 int64, a3 int64) (cases.Case, error) {
	g.enter("AssignRapporteur")
	return g.api.AssignRapporteur(a0, a1, a2, a3)
}

func (g *guardedAPI) AddPanelMember(a0 context.Context, a1 cases.User, a2 int64, a3 int64) error {
	g.enter("AddPanelMember")
	return g.api.AddPanelMember(a0, a1, a2, a3)
}

func (g *guardedAPI) RemovePanelMember(a0 context.Context, a1 cases.User, a2 int64, a3 int64) error {
	g.enter("RemovePanelMember")
	return g.api.RemovePanelMember(a0, a1, a2, a3)
}

func (g *guardedAPI) DeclareInterest(a0 context.Context, a1 cases.User, a2 int64, a3 bool, a4 string) error {
	g.enter("DeclareInterest")
	return g.api.DeclareInterest(a0, a1, a2, a3, a4)
}

func (g *guardedAPI) Panel(a0 context.Context, a1 cases.User, a2 int64) ([]cases.PanelMember, error) {
	g.enter("Panel")
	return g.api.Panel(a0, a1, a2)
}

func (g *guardedAPI) CaseDuties(a0 context.Context, a1 cases.User, a2 int64) ([]cases.DutyCheck, error) {
	g.enter("CaseDuties")
	return g.api.CaseDuties(a0, a1, a2)
}

func (g *guardedAPI) MayMarkDuties(a0 context.Context, a1 cases.User, a2 int64) bool {
	g.enter("MayMarkDuties")
	return g.api.MayMarkDuties(a0, a1, a2)
}

func (g *guardedAPI) MarkDuty(a0 context.Context, a1 cases.User, a2 int64, a3 cases.Duty, a4 bool, a5 string) (cases.DutyCheck, error) {
	g.enter("MarkDuty")
	return g.api.MarkDuty(a0, a1, a2, a3, a4, a5)
}

func (g *guardedAPI) Meetings(a0 context.Context, a1 cases.User) ([]cases.Meeting, error) {
	g.enter("Meetings")
	return g.api.Meetings(a0, a1)
}

func (g *guardedAPI) Meeting(a0 context.Context, a1 cases.User, a2 int64) (cases.Meeting, error) {
	g.enter("Meeting")
	return g.api.Meeting(a0, a1, a2)
}

func (g *guardedAPI) CreateMeeting(a0 context.Context, a1 cases.User, a2 cases.Date, a3 string) (cases.Meeting, error) {
	g.enter("CreateMeeting")
	return g.api.CreateMeeting(a0, a1, a2, a3)
}

func (g *guardedAPI) AddToAgenda(a0 context.Context, a1 cases.User, a2 int64, a3 int64) error {
	g.enter("AddToAgenda")
	return g.api.AddToAgenda(a0, a1, a2, a3)
}

func (g *guardedAPI) RemoveFromAgenda(a0 context.Context, a1 cases.User, a2 int64, a3 int64) error {
	g.enter("RemoveFromAgenda")
	return g.api.RemoveFromAgenda(a0, a1, a2, a3)
}

func (g *guardedAPI) AddMemberAttendance(a0 context.Context, a1 cases.User, a2 int64, a3 int64) error {
	g.enter("AddMemberAttendance")
	return g.api.AddMemberAttendance(a0, a1, a2, a3)
}

func (g *guardedAPI) AddConsultant(a0 context.Context, a1 cases.User, a2 int64, a3 string) error {
	g.enter("AddConsultant")
	return g.api.AddConsultant(a0, a1, a2, a3)
}

func (g *guardedAPI) RemoveAttendee(a0 context.Context, a1 cases.User, a2 int64, a3 int64) error {
	g.enter("RemoveAttendee")
	return g.api.RemoveAttendee(a0, a1, a2, a3)
}

func (g *guardedAPI) RecordVote(a0 context.Context, a1 cases.User, a2 int64, a3 int64, a4 int64, a5 cases.Vote) error {
	g.enter("RecordVote")
	return g.api.RecordVote(a0, a1, a2, a3, a4, a5)
}

func (g *guardedAPI) Tally(a0 context.Context, a1 cases.User, a2 int64, a3 int64) (cases.Tally, []cases.CastVote, error) {
	g.enter("Tally")
	return g.api.Tally(a0, a1, a2, a3)
}

func (g *guardedAPI) DesignateSimplified(a0 context.Context, a1 cases.User, a2 int64, a3 []int64) error {
	g.enter("DesignateSimplified")
	return g.api.DesignateSimplified(a0, a1, a2, a3)
}

func (g *guardedAPI) RecordView(a0 context.Context, a1 cases.User, a2 int64, a3 cases.Vote, a4 string) (cases.Simplified, error) {
	g.enter("RecordView")
	return g.api.RecordView(a0, a1, a2, a3, a4)
}

func (g *guardedAPI) SimplifiedStatus(a0 context.Context, a1 cases.User, a2 int64) (cases.Simplified, error) {
	g.enter("SimplifiedStatus")
	return g.api.SimplifiedStatus(a0, a1, a2)
}

func (g *guardedAPI) Opinion(a0 context.Context, a1 cases.User, a2 int64) (cases.Opinion, error) {
	g.enter("Opinion")
	return g.api.Opinion(a0, a1, a2)
}

func (g *guardedAPI) OpinionVersions(a0 context.Context, a1 cases.User, a2 int64) ([]cases.OpinionVersion, error) {
	g.enter("OpinionVersions")
	return g.api.OpinionVersions(a0, a1, a2)
}

func (g *guardedAPI) CanDraftOpinion(a0 cases.User, a1 cases.Case, a2 cases.Opinion) bool {
	g.enter("CanDraftOpinion")
	return g.api.CanDraftOpinion(a0, a1, a2)
}

func (g *guardedAPI) MayCountersign(a0 context.Context, a1 cases.User, a2 int64) error {
	g.enter("MayCountersign")
	return g.api.MayCountersign(a0, a1, a2)
}

func (g *guardedAPI) SaveOpinionDraft(a0 context.Context, a1 cases.User, a2 int64, a3 int, a4 cases.OpinionText) (cases.Opinion, error) {
	g.enter("SaveOpinionDraft")
	return g.api.SaveOpinionDraft(a0, a1, a2, a3, a4)
}

func (g *guardedAPI) PreviewOpinion(a0 context.Context, a1 cases.User, a2 int64) ([]byte, error) {
	g.enter("PreviewOpinion")
	return g.api.PreviewOpinion(a0, a1, a2)
}

func (g *guardedAPI) SignOpinion(a0 context.Context, a1 cases.User, a2 int64, a3 string) (cases.Opinion, error) {
	g.enter("SignOpinion")
	return g.api.SignOpinion(a0, a1, a2, a3)
}

func (g *guardedAPI) PrepareSignature(a0 context.Context, a1 cases.User, a2 int64, a3 string) (cases.SignaturePrep, error) {
	g.enter("PrepareSignature")
	return g.api.PrepareSignature(a0, a1, a2, a3)
}

func (g *guardedAPI) CompleteSignature(a0 context.Context, a1 cases.User, a2 int64, a3 string, a4 []byte) (cases.Opinion, error) {
	g.enter("CompleteSignature")
	return g.api.CompleteSignature(a0, a1, a2, a3, a4)
}

func (g *guardedAPI) HandOverSigningKey(a0 context.Context, a1 cases.User, a2 string) (cases.HandedKey, error) {
	g.enter("HandOverSigningKey")
	return g.api.HandOverSigningKey(a0, a1, a2)
}

func (g *guardedAPI) ConfirmKeyMoved(a0 context.Context, a1 cases.User, a2 string) error {
	g.enter("ConfirmKeyMoved")
	return g.api.ConfirmKeyMoved(a0, a1, a2)
}

func (g *guardedAPI) ReturnOpinion(a0 context.Context, a1 cases.User, a2 int64, a3 string) (cases.Opinion, error) {
	g.enter("ReturnOpinion")
	return g.api.ReturnOpinion(a0, a1, a2, a3)
}

func (g *guardedAPI) StartCorrection(a0 context.Context, a1 cases.User, a2 int64) (cases.Opinion, error) {
	g.enter("StartCorrection")
	return g.api.StartCorrection(a0, a1, a2)
}

func (g *guardedAPI) IssuedOpinionPDF(a0 context.Context, a1 cases.User, a2 int64) ([]byte, cases.Opinion, error) {
	g.enter("IssuedOpinionPDF")
	return g.api.IssuedOpinionPDF(a0, a1, a2)
}

func (g *guardedAPI) VerifyPDF(a0 context.Context, a1 cases.User, a2 []byte) (*signing.Report, error) {
	g.enter("VerifyPDF")
	return g.api.VerifyPDF(a0, a1, a2)
}

func (g *guardedAPI) CommitteeRoot(a0 context.Context) (*x509.Certificate, error) {
	g.enter("CommitteeRoot")
	return g.api.CommitteeRoot(a0)
}

func (g *guardedAPI) MayWriteLetters(a0 cases.User) bool {
	g.enter("MayWriteLetters")
	return g.api.MayWriteLetters(a0)
}

func (g *guardedAPI) Letter(a0 context.Context, a1 cases.User, a2 cases.LetterRequest) ([]byte, error) {
	g.enter("Letter")
	return g.api.Letter(a0, a1, a2)
}

func (g *guardedAPI) ExportCases(a0 context.Context, a1 cases.User, a2 cases.ExportRequest, a3 func(cases.Case) error) (int, error) {
	g.enter("ExportCases")
	return g.api.ExportCases(a0, a1, a2, a3)
}

func (g *guardedAPI) CalendarEvents(a0 context.Context, a1 cases.User, a2 cases.Query) ([]cases.CalendarEvent, error) {
	g.enter("CalendarEvents")
	return g.api.CalendarEvents(a0, a1, a2)
}

func (g *guardedAPI) AnnualReport(a0 context.Context, a1 cases.User, a2 int, a3 cases.DocumentLanguage, a4 func(done, total int)) ([]byte, error) {
	g.enter("AnnualReport")
	return g.api.AnnualReport(a0, a1, a2, a3, a4)
}

func (g *guardedAPI) MayManageKeys(a0 cases.User) bool {
	g.enter("MayManageKeys")
	return g.api.MayManageKeys(a0)
}

func (g *guardedAPI) SigningKeys(a0 context.Context, a1 cases.User) (cases.SigningKeys, error) {
	g.enter("SigningKeys")
	return g.api.SigningKeys(a0, a1)
}

func (g *guardedAPI) CreateSigningRoot(a0 context.Context, a1 cases.User, a2 string) error {
	g.enter("CreateSigningRoot")
	return g.api.CreateSigningRoot(a0, a1, a2)
}

func (g *guardedAPI) IssueSigningKey(a0 context.Context, a1 cases.User, a2 string, a3 cases.User, a4 string) error {
	g.enter("IssueSigningKey")
	return g.api.IssueSigningKey(a0, a1, a2, a3, a4)
}

func (g *guardedAPI) ImportSigningKey(a0 context.Context, a1 cases.User, a2 cases.User, a3 []byte, a4 string, a5 string) error {
	g.enter("ImportSigningKey")
	return g.api.ImportSigningKey(a0, a1, a2, a3, a4, a5)
}

func (g *guardedAPI) MayBackup(a0 cases.User) bool {
	g.enter("MayBackup")
	return g.api.MayBackup(a0)
}

func (g *guardedAPI) MayRestore(a0 cases.User) bool {
	g.enter("MayRestore")
	return g.api.MayRestore(a0)
}

func (g *guardedAPI) Backup(a0 context.Context, a1 cases.User, a2 string) (string, error) {
	g.enter("Backup")
	return g.api.Backup(a0, a1, a2)
}

func (g *guardedAPI) LatestBackup(a0 cases.User) (string, error) {
	g.enter("LatestBackup")
	return g.api.LatestBackup(a0)
}

func (g *guardedAPI) Restore(a0 context.Context, a1 cases.User, a2 string) (string, error) {
	g.enter("Restore")
	return g.api.Restore(a0, a1, a2)
}

func (g *guardedAPI) Users(a0 context.Context, a1 cases.User) ([]cases.User, error) {
	g.enter("Users")
	return g.api.Users(a0, a1)
}

func (g *guardedAPI) CreateUser(a0 context.Context, a1 cases.User, a2 cases.NewAccount) (cases.User, error) {
	g.enter("CreateUser")
	return g.api.CreateUser(a0, a1, a2)
}

func (g *guardedAPI) SetRole(a0 context.Context, a1 cases.User, a2 int64, a3 cases.Role) error {
	g.enter("SetRole")
	return g.api.SetRole(a0, a1, a2, a3)
}

func (g *guardedAPI) Deactivate(a0 context.Context, a1 cases.User, a2 int64) error {
	g.enter("Deactivate")
	return g.api.Deactivate(a0, a1, a2)
}

func (g *guardedAPI) Reactivate(a0 context.Context, a1 cases.User, a2 int64) error {
	g.enter("Reactivate")
	return g.api.Reactivate(a0, a1, a2)
}

func (g *guardedAPI) ResetPassword(a0 context.Context, a1 cases.User, a2 int64, a3 string) error {
	g.enter("ResetPassword")
	return g.api.ResetPassword(a0, a1, a2, a3)
}

func (g *guardedAPI) LockedAccounts(a0 context.Context, a1 cases.User) (map[int64]time.Time, error) {
	g.enter("LockedAccounts")
	return g.api.LockedAccounts(a0, a1)
}

func (g *guardedAPI) SaveSettings(a0 context.Context, a1 cases.User, a2 cases.Settings) error {
	g.enter("SaveSettings")
	return g.api.SaveSettings(a0, a1, a2)
}

func (g *guardedAPI) SaveCommitteeLetterhead(a0 context.Context, a1 cases.User, a2 string, a3 string) error {
	g.enter("SaveCommitteeLetterhead")
	return g.api.SaveCommitteeLetterhead(a0, a1, a2, a3)
}

func (g *guardedAPI) SaveDocumentLanguage(a0 context.Context, a1 cases.User, a2 cases.DocumentLanguage) error {
	g.enter("SaveDocumentLanguage")
	return g.api.SaveDocumentLanguage(a0, a1, a2)
}

func (g *guardedAPI) SaveHoliday(a0 context.Context, a1 cases.User, a2 cases.Holiday) error {
	g.enter("SaveHoliday")
	return g.api.SaveHoliday(a0, a1, a2)
}

func (g *guardedAPI) DeleteHoliday(a0 context.Context, a1 cases.User, a2 cases.Date) error {
	g.enter("DeleteHoliday")
	return g.api.DeleteHoliday(a0, a1, a2)
}

func (g *guardedAPI) ImportHolidays(a0 context.Context, a1 cases.User, a2 []cases.Holiday) (int, error) {
	g.enter("ImportHolidays")
	return g.api.ImportHolidays(a0, a1, a2)
}

func (g *guardedAPI) SaveCaseType(a0 context.Context, a1 cases.User, a2 cases.CaseType) error {
	g.enter("SaveCaseType")
	return g.api.SaveCaseType(a0, a1, a2)
}

func (g *guardedAPI) AddCaseType(a0 context.Context, a1 cases.User, a2 cases.CaseType) error {
	g.enter("AddCaseType")
	return g.api.AddCaseType(a0, a1, a2)
}

func (g *guardedAPI) SaveCatalogueEntry(a0 context.Context, a1 cases.User, a2 cases.CatalogueEntry) error {
	g.enter("SaveCatalogueEntry")
	return g.api.SaveCatalogueEntry(a0, a1, a2)
}

func (g *guardedAPI) AddCatalogueEntry(a0 context.Context, a1 cases.User, a2 cases.CatalogueEntry) error {
	g.enter("AddCatalogueEntry")
	return g.api.AddCatalogueEntry(a0, a1, a2)
}

func (g *guardedAPI) RecomputeDeadlines(a0 context.Context) (int, error) {
	g.enter("RecomputeDeadlines")
	return g.api.RecomputeDeadlines(a0)
}

func (g *guardedAPI) RetentionDue(a0 context.Context, a1 cases.User) (cases.RetentionReport, error) {
	g.enter("RetentionDue")
	return g.api.RetentionDue(a0, a1)
}

func (g *guardedAPI) ApplyRetention(a0 context.Context, a1 cases.User) (int, error) {
	g.enter("ApplyRetention")
	return g.api.ApplyRetention(a0, a1)
}

func (g *guardedAPI) AuditLog(a0 context.Context, a1 cases.User, a2 cases.AuditFilter) ([]cases.AuditRecord, int, error) {
	g.enter("AuditLog")
	return g.api.AuditLog(a0, a1, a2)
}

func (g *guardedAPI) AuditActions(a0 context.Context, a1 cases.User) ([]string, error) {
	g.enter("AuditActions")
	return g.api.AuditActions(a0, a1)
}
