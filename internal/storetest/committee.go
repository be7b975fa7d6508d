package storetest

import (
	"errors"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/issuing"
)

// The committee's workflow beyond the register: letters kept with their
// case and found by search, the Article 66 duties checklist, the
// reference data the administrator keeps, and a case's audit view, the
// same on every engine.

// letter issues a letter of kind to the submitter of case name, through
// the Service, as the case window does once the letter is saved.
func (f *searchFixture) letter(t *testing.T, name string, kind cases.LetterKind, items ...string) {
	t.Helper()
	c, err := f.svc.GetCase(ctx, searchSecretary, f.ids[name])
	if err != nil {
		t.Fatal(err)
	}
	r := cases.LetterRequest{Kind: kind, Case: c, From: searchSecretary, Date: time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC), Items: items}
	if kind == cases.LetterRequestInfo {
		r.DueBy = r.Date.AddDate(0, 0, 14)
	}
	if _, err := f.svc.Letter(ctx, searchSecretary, r); err != nil {
		t.Fatalf("issuing a %s letter on %s: %v", kind, name, err)
	}
}

// Letters the committee issued are found by search — by their title in
// English or Chinese and by what they ask for — mapped to their case, with
// the case's visibility; uploaded files are not read for words. The
// register checks out with the letters in its index.
func testLettersFoundBySearch(t *testing.T, e Engine) {
	f := newSearchFixture(t, e)
	f.svc.SetPorts(cases.Ports{Documents: issuing.Renderer{Letterhead: e.Store}})
	f.letter(t, "facial", cases.LetterRequestInfo, "The tachograph calibration records")
	f.letter(t, "secret", cases.LetterRequestInfo, "The tachograph maintenance log")
	f.letter(t, "noted", cases.LetterAcknowledgement)
	if _, err := f.svc.AddAttachments(ctx, searchSecretary, f.ids["chinese"], []cases.NewAttachment{
		{FileName: "okapi tachograph.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4 okapi tachograph")}}); err != nil {
		t.Fatal(err)
	}

	hits := f.expect(t, searchSecretary, "tachograph", "facial", "secret")
	for _, h := range hits {
		if h.Source != cases.SourceLetter || len(h.Snippet) == 0 {
			t.Errorf("%s is found through %q with the extract %q, want its letter", h.Reference, h.Source, cases.SpansText(h.Snippet, "[", "]"))
		}
	}
	f.expect(t, searchMember, "tachograph", "facial") // the confidential case's letter stays hidden
	f.expect(t, otherMember, "tachograph maintenance")
	hits = f.expect(t, searchSecretary, `"calibration records"`, "facial")
	if got := cases.SpansText(hits[0].Snippet, "[", "]"); !strings.Contains(got, "[calibration") {
		t.Errorf("the letter's extract is %q", got)
	}
	f.expect(t, searchSecretary, "acknowledgement", "noted")
	f.expect(t, searchSecretary, "受理回执", "noted")
	f.expect(t, searchSecretary, "okapi") // an upload's name and bytes are not searched
	// A letter completes a search across the case's documents.
	f.expect(t, searchSecretary, "tachograph gates", "facial")
	f.expect(t, searchSecretary, "calibration refused")

	recs, total, err := f.svc.AuditLog(ctx, f.admin, cases.AuditFilter{CaseID: f.ids["facial"], Limit: 50})
	if err != nil || !hasAction(recs, "letter.issue") || total != len(recs) {
		t.Errorf("the case's audit view has %d entries (%v), want its letter among them: %v", total, err, actions(recs))
	}
	if problems, err := e.Store.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("the register with letters: %q, %v", problems, err)
	}
}

func hasAction(recs []cases.AuditRecord, action string) bool {
	for _, r := range recs {
		if r.Action == action {
			return true
		}
	}
	return false
}

func actions(recs []cases.AuditRecord) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r.Action)
	}
	return out
}

// The panel marks the duties of the case's risk tier with their evidence;
// the latest mark is read back by everyone who may read the case, each
// mark is in the case's audit view, and what is refused leaves nothing.
func testDutiesMarkedAndReadBack(t *testing.T, e Engine) {
	f := newPeopleFixture(t, e)
	zhou, an, bo := f.members[0], f.members[1], f.members[2]
	for _, u := range []cases.User{zhou, an} {
		must(t, f.svc.AddPanelMember(ctx, f.sec, f.caseID, u.ID))
	}
	must(t, f.svc.DeclareInterest(ctx, zhou, f.caseID, false, ""))
	checks, err := f.svc.CaseDuties(ctx, f.sec, f.caseID)
	if err != nil || len(checks) != 2 || checks[0].Duty != cases.DutyPriorAssessment || checks[1].Duty != cases.DutyRiskWarning ||
		checks[0].Marked() || checks[1].Marked() {
		t.Fatalf("a high-risk case's checklist before marking: %+v, %v", checks, err)
	}
	if _, err := f.svc.MarkDuty(ctx, zhou, f.caseID, cases.DutyPriorAssessment, true, ""); !isFieldError(err, cases.FieldEvidence) {
		t.Errorf("a duty met without evidence: %v", err)
	}
	if _, err := f.svc.MarkDuty(ctx, an, f.caseID, cases.DutyPriorAssessment, true, "Assessment"); err == nil {
		t.Error("a panel member who has not declared marked a duty")
	}
	if _, err := f.svc.MarkDuty(ctx, bo, f.caseID, cases.DutyPriorAssessment, true, "Assessment"); err == nil {
		t.Error("a member off the panel marked a duty")
	}
	if _, err := f.svc.MarkDuty(ctx, zhou, f.caseID, cases.DutyDisclosure, true, "Notice"); err == nil {
		t.Error("a duty of another risk tier was marked")
	}
	if checks, _ := f.svc.CaseDuties(ctx, f.sec, f.caseID); checks[0].Marked() || checks[1].Marked() {
		t.Fatalf("refused marks were kept: %+v", checks)
	}
	_, err = f.svc.MarkDuty(ctx, zhou, f.caseID, cases.DutyPriorAssessment, true, "Impact assessment of 2026-02-01 个人信息保护影响评估")
	must(t, err)
	_, err = f.svc.MarkDuty(ctx, zhou, f.caseID, cases.DutyRiskWarning, true, "Warning on the login page")
	must(t, err)
	_, err = f.svc.MarkDuty(ctx, zhou, f.caseID, cases.DutyRiskWarning, false, "The warning was removed in March")
	must(t, err)
	for _, reader := range []cases.User{f.sec, zhou} {
		checks, err := f.svc.CaseDuties(ctx, reader, f.caseID)
		if err != nil || len(checks) != 2 {
			t.Fatalf("%s reads %+v, %v", reader.Username, checks, err)
		}
		pa, rw := checks[0], checks[1]
		if !pa.Met || pa.Evidence != "Impact assessment of 2026-02-01 个人信息保护影响评估" || pa.MarkedByID != zhou.ID || pa.MarkedBy != zhou.Name() ||
			!pa.MarkedAt.Equal(Pinned) {
			t.Errorf("%s reads the prior assessment as %+v", reader.Username, pa)
		}
		if rw.Met || rw.Evidence != "The warning was removed in March" || !rw.Marked() {
			t.Errorf("%s reads the risk warning as %+v, want the latest mark", reader.Username, rw)
		}
	}
	recs, _, err := f.svc.AuditLog(ctx, f.admin, cases.AuditFilter{CaseID: f.caseID, Action: "case.duty", Limit: 10})
	if err != nil || len(recs) != 3 || !strings.Contains(recs[0].Before, "Warning on the login page") {
		t.Errorf("the duty marks in the case's audit view: %+v, %v", recs, err)
	}
	if problems, err := e.Store.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("the register after marking duties: %q, %v", problems, err)
	}
}

func isFieldError(err error, field string) bool {
	var fe cases.FieldErrors
	return errors.As(err, &fe) && fe[field] != ""
}

// The administrator adds and renames classification codes and adds and
// changes case types; each change is audited, a duplicate code is refused.
func testReferenceDataMaintained(t *testing.T, e Engine) {
	f := newPeopleFixture(t, e)
	must(t, f.svc.AddCatalogueEntry(ctx, f.admin, cases.CatalogueEntry{Code: "M7491", Name: "Industrial design services"}))
	if err := f.svc.AddCatalogueEntry(ctx, f.admin, cases.CatalogueEntry{Code: "M7491", Name: "Again"}); !isFieldError(err, cases.FieldCatalogueCode) {
		t.Errorf("a second M7491: %v", err)
	}
	if err := f.svc.AddCatalogueEntry(ctx, f.sec, cases.CatalogueEntry{Code: "M7492", Name: "Design"}); err == nil {
		t.Error("the secretariat added a classification code")
	}
	must(t, f.svc.SaveCatalogueEntry(ctx, f.admin, cases.CatalogueEntry{Code: "M7491", Name: "工业设计服务"}))
	entries, err := f.svc.Catalogue(ctx)
	must(t, err)
	var names []string
	for _, c := range entries {
		if strings.HasPrefix(c.Code, "M74") {
			names = append(names, c.Code+" "+c.Name)
		}
	}
	if strings.Join(names, ";") != "M7491 工业设计服务" {
		t.Errorf("the catalogue holds %q, want M7491 once, renamed", names)
	}

	must(t, f.svc.AddCaseType(ctx, f.admin, cases.CaseType{Code: "research_review", Name: "Research review", DecisionDays: 20, WorkingDays: true}))
	if err := f.svc.AddCaseType(ctx, f.admin, cases.CaseType{Code: "research_review", Name: "Again", DecisionDays: 5}); !isFieldError(err, cases.FieldTypeCode) {
		t.Errorf("a second research_review: %v", err)
	}
	must(t, f.svc.SaveCaseType(ctx, f.admin, cases.CaseType{Code: "research_review", Name: "Research protocol review", DecisionDays: 30}))
	types, err := f.svc.CaseTypes(ctx)
	must(t, err)
	last := types[len(types)-1]
	if last != (cases.CaseType{Code: "research_review", Name: "Research protocol review", DecisionDays: 30}) {
		t.Errorf("the new case type comes last as %+v", last)
	}
	recs, _, err := f.svc.AuditLog(ctx, f.admin, cases.AuditFilter{Limit: 4})
	if got := strings.Join(actions(recs), " "); err != nil || got != "case_type.save case_type.add catalogue.rename catalogue.add" {
		t.Errorf("the audit log's newest entries are %q (%v)", got, err)
	}
	if problems, err := e.Store.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("the register after the reference data: %q, %v", problems, err)
	}
}

// A case's audit view holds the entries of what belongs to it — its
// notes, attachments, panel — and none of another case's.
func testAuditViewOfACase(t *testing.T, e Engine) {
	f := newPeopleFixture(t, e)
	other, err := f.svc.CreateCase(ctx, f.sec, searchDraft("Another case", "Not this one.", false))
	must(t, err)
	_, err = f.svc.AddAttachments(ctx, f.sec, f.caseID, []cases.NewAttachment{{FileName: "scan.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4 a")}})
	must(t, err)
	_, err = f.svc.AddAttachments(ctx, f.sec, other.ID, []cases.NewAttachment{{FileName: "other.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4 b")}})
	must(t, err)
	_, err = f.svc.AddNote(ctx, f.sec, f.caseID, "A note.", false)
	must(t, err)
	_, err = f.svc.AddNote(ctx, f.sec, other.ID, "Another note.", false)
	must(t, err)
	recs, total, err := f.svc.AuditLog(ctx, f.admin, cases.AuditFilter{CaseID: f.caseID, Limit: 50})
	must(t, err)
	got := strings.Join(actions(recs), " ")
	if total != len(recs) || !hasAction(recs, "case.create") || !hasAction(recs, "note.add") || !strings.Contains(got, "attachment") || len(recs) != 3 {
		t.Errorf("the case's audit view holds %q (%d)", got, total)
	}
	for _, r := range recs {
		if strings.Contains(r.After, "Another") || strings.Contains(r.After, "other.pdf") {
			t.Errorf("the case's audit view holds another case's entry %+v", r)
		}
	}
}

// CommitteeScript keeps a letter with a case and records a duty check, at
// pinned times, through the storage contracts; any engine must record them
// with the same hashes (row fingerprints included). It returns the head.
func CommitteeScript(t *testing.T, s Store) (seq int64, hash string) {
	t.Helper()
	u := account(t, s, "member", cases.RoleMember)
	c := newCase("Letters and duties 义务", Pinned)
	c.Risk = cases.RiskHigh
	create(t, s, c)
	pdf := []byte("%PDF-1.7 letter 受理回执")
	letter := &cases.AttachmentUpload{Meta: cases.Attachment{CaseID: c.ID, FileName: c.Reference + " letter acknowledgement 2026-03-04.pdf",
		ContentType: "application/pdf", Size: int64(len(pdf)), SHA256: cases.Fingerprint(pdf), AddedByID: secretariat.ID, AddedBy: secretariat.Name(), AddedAt: Pinned},
		Data: pdf, SearchText: "Acknowledgement of receipt 受理回执",
		Audit: audit("letter.issue", "attachment", map[string]any{"case_id": c.ID, "kind": "acknowledgement"})}
	if err := s.AddAttachments(ctx, []*cases.AttachmentUpload{letter}); err != nil {
		t.Fatal(err)
	}
	d := cases.DutyCheck{Duty: cases.DutyPriorAssessment, Met: true, Evidence: "影响评估 of 2026-02-01", MarkedByID: u.ID, MarkedBy: u.Name(),
		MarkedAt: Pinned.Add(time.Minute)}
	if err := s.SaveDutyCheck(ctx, c.ID, d, cases.AuditEntry{Actor: u, Action: "case.duty", Entity: "case", EntityID: c.ID,
		After: map[string]any{"duty": d.Duty, "met": d.Met, "evidence": d.Evidence}}); err != nil {
		t.Fatal(err)
	}
	seq, hash, err := s.AuditHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return seq, hash
}
