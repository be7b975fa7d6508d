// Package storetest is the conformance suite of the storage contracts of
// package cases, written once and run against every engine: the SQLite
// store (store/conformance_test.go) and the PostgreSQL store
// (pgstore/conformance_test.go). A behaviour the window or the server
// relies on is asserted here, so both engines must show it.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/passwordcost"
	"ethicsdesk/issuing"
)

// Store is what the suite needs of an engine: the contracts it covers and
// the audit chain's verification that `ethicsdesk check` runs.
type Store interface {
	cases.Store
	cases.OpinionReturner
	cases.DutyRepository
	cases.CatalogueRepository
	cases.AuditTail
	cases.IssuedOpinionLookup
	issuing.KeyStore
	VerifyAuditChain(ctx context.Context) (badSeq int64, problem string, err error)
	// Check is `ethicsdesk check`: one sentence per problem, none when sound.
	Check(ctx context.Context) ([]string, error)
}

// Engine is an empty register on one engine, with a way to run SQL behind
// the store's back (as someone holding the database would).
type Engine struct {
	Store Store
	// Raw runs one statement on a connection of its own.
	Raw func(query string) error
}

// Run runs every test of the suite; open gives each test an empty
// register of its own.
func Run(t *testing.T, open func(t *testing.T) Engine) {
	tests := []struct {
		name string
		fn   func(*testing.T, Engine)
	}{
		{"ReferencesHaveNoGapsUnderConcurrentCreation", testReferencesNoGaps},
		{"StaleEditIsRefused", testStaleEdit},
		{"TransitionsKeepTheirHistory", testTransitions},
		{"PrivateNotesStayWithTheirAuthor", testPrivateNotes},
		{"ConfidentialCasesHiddenFromOthers", testConfidentialVisibility},
		{"RegisterSortsAndPages", testRegisterPaging},
		{"RegisterPagesByKeyMatchTheWholeOrder", testRegisterPagesByKey},
		{"AuditLogRefusesUpdateDeleteAndOutOfOrderInsert", testAuditTriggers},
		{"FirstAdministratorOnlyOnce", testFirstAdministratorOnce},
		{"FailedSignInsAllCount", testLoginCounting},
		{"UserNamesIgnoreLetterCase", testUserNames},
		{"AuditViewFiltersAndPages", testAuditView},
		{"CheckFindsRowsChangedBehindTheLog", testCheckFindsTampering},
		{"OpinionSignedReturnedAndIssuedKeepsItsBytes", testOpinionLifecycle},
		{"RetentionRemovesOnlyDueSubmitters", testRetention},
		{"MeetingsKeepAgendaAttendanceAndVotes", testMeetingsAndVotes},
		{"PanelAndDeclarations", testPanelAndDeclarations},
		{"AttachmentsKeepTheirBytes", testAttachments},
		{"SearchFindsWordsPrefixesPhrasesAndChinese", testSearchWords},
		{"SearchRanksTitleAboveNote", testSearchRanking},
		{"SearchHidesPrivateNotesAndConfidentialCases", testSearchVisibility},
		{"SearchFindsCasesByTheirSubmitterForTheSecretariatOnly", testSearchSubmitters},
		{"SearchCombinesWithRegisterFilters", testSearchFilters},
		{"SearchMatchesWordsAcrossACasesDocuments", testSearchAcrossDocuments},
		{"SearchFollowsEditsAndOpinionVersions", testSearchFollowsEdits},
		{"SearchSurvivesHostileQueries", testSearchHostile},
		{"LettersAreFoundBySearch", testLettersFoundBySearch},
		{"DutiesAreMarkedAndReadBack", testDutiesMarkedAndReadBack},
		{"ReferenceDataIsMaintained", testReferenceDataMaintained},
		{"AuditViewOfACaseHoldsWhatBelongsToIt", testAuditViewOfACase},
		{"AHolidayIsDeletedOnceAndAuditedOnce", testHolidayDeletedOnce},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open(t)) })
	}
}

var ctx = context.Background()

// Pinned is the moment the suite's rows are written at: with it, the same
// calls give the same audit hashes on every engine (AuditScript).
var Pinned = time.Date(2026, 3, 4, 9, 30, 0, 0, time.UTC)

var secretariat = cases.User{ID: 1, Username: "sec", DisplayName: "Sam Secretariat", Role: cases.RoleSecretariat, Active: true}

func newCase(title string, at time.Time) *cases.Case {
	return &cases.Case{
		Draft: cases.Draft{TypeCode: "ethics_complaint", Title: title, Summary: "A summary of " + title,
			ReceivedOn: cases.DateOf(at), Channel: cases.ChannelEmail,
			Submitter: cases.Submitter{Kind: cases.SubmitterPerson, Name: "Li Wei", Contact: "li@example.org"},
			Sector:    "I64", Risk: cases.RiskMedium, Priority: "normal"},
		Status: cases.Received, CreatedAt: at, CreatedBy: secretariat.Name(), UpdatedAt: at, UpdatedBy: secretariat.Name(),
	}
}

func audit(action, entity string, after any) cases.AuditEntry {
	return cases.AuditEntry{Actor: secretariat, Action: action, Entity: entity, After: after}
}

func create(t *testing.T, s Store, c *cases.Case) {
	t.Helper()
	if err := s.CreateCase(ctx, c, audit("case.create", "case", map[string]any{"title": c.Title})); err != nil {
		t.Fatalf("creating %q: %v", c.Title, err)
	}
}

func account(t *testing.T, s Store, name string, role cases.Role) cases.User {
	t.Helper()
	u := cases.User{Username: name, DisplayName: name, Role: role, Active: true, CreatedAt: Pinned}
	if err := s.CreateAccount(ctx, &u, "hash-of-"+name, false, audit("user.create", "user", map[string]any{"username": name})); err != nil {
		t.Fatalf("creating account %s: %v", name, err)
	}
	return u
}

func chainWhole(t *testing.T, s Store) {
	t.Helper()
	if bad, problem, err := s.VerifyAuditChain(ctx); err != nil || bad != 0 {
		t.Fatalf("the audit chain is broken at %d (%s), err %v", bad, problem, err)
	}
}

// Twenty cases created at once get EC-2026-0001 … 0020, each once; a
// creation that fails gives its number back; another year starts at 1.
func testReferencesNoGaps(t *testing.T, e Engine) {
	s := e.Store
	const n = 20
	var wg sync.WaitGroup
	refs := make([]string, n)
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c := newCase(fmt.Sprintf("Case %d", i), Pinned)
			errs[i] = s.CreateCase(ctx, c, audit("case.create", "case", nil))
			refs[i] = c.Reference
		}(i)
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("creation %d failed: %v", i, err)
		}
	}
	sort.Strings(refs)
	for i, ref := range refs {
		if want := fmt.Sprintf("EC-2026-%04d", i+1); ref != want {
			t.Fatalf("references %v: number %d is %s, want %s", refs, i+1, ref, want)
		}
	}
	// A case the database refuses (an unknown type) uses up no number.
	bad := newCase("Unknown type", Pinned)
	bad.TypeCode = "no_such_type"
	if err := s.CreateCase(ctx, bad, audit("case.create", "case", nil)); err == nil {
		t.Fatal("a case of an unknown type was saved")
	}
	next := newCase("After the refusal", Pinned)
	create(t, s, next)
	if next.Reference != "EC-2026-0021" {
		t.Errorf("the case after a refused one is %s, want EC-2026-0021", next.Reference)
	}
	other := newCase("Next year", Pinned.AddDate(1, 0, 0))
	create(t, s, other)
	if other.Reference != "EC-2027-0001" {
		t.Errorf("the first case of 2027 is %s, want EC-2027-0001", other.Reference)
	}
	if id, err := s.CaseIDByReference(ctx, "EC-2026-0021"); err != nil || id != next.ID {
		t.Errorf("CaseIDByReference(EC-2026-0021) = %d, %v; want %d", id, err, next.ID)
	}
	if _, err := s.CaseIDByReference(ctx, "EC-2026-9999"); !errors.Is(err, cases.ErrNotFound) {
		t.Errorf("an unknown reference gives %v, want ErrNotFound", err)
	}
	n2, err := s.CountCases(ctx, cases.Query{Viewer: secretariat})
	if err != nil || n2 != n+2 {
		t.Errorf("the register counts %d cases (%v), want %d", n2, err, n+2)
	}
	chainWhole(t, s)
}

// Two people open the same case; the second to save is told who changed
// it, and the first one's change stays.
func testStaleEdit(t *testing.T, e Engine) {
	s := e.Store
	c := newCase("Facial recognition at the station", Pinned)
	create(t, s, c)
	mine, _ := s.GetCase(ctx, c.ID)
	theirs, _ := s.GetCase(ctx, c.ID)
	mine.Title, mine.UpdatedBy, mine.UpdatedAt = "Mine", "Ann", Pinned.Add(time.Minute)
	if err := s.UpdateCase(ctx, &mine, 1, audit("case.update", "case", nil)); err != nil {
		t.Fatal(err)
	}
	if mine.Version != 2 {
		t.Errorf("after one edit the version is %d, want 2", mine.Version)
	}
	theirs.Title, theirs.UpdatedBy = "Theirs", "Bo"
	err := s.UpdateCase(ctx, &theirs, 1, audit("case.update", "case", nil))
	var stale *cases.StaleError
	if !errors.As(err, &stale) || stale.By != "Ann" || stale.Reference != c.Reference {
		t.Fatalf("the second edit gave %v, want a stale-edit refusal naming Ann", err)
	}
	got, _ := s.GetCase(ctx, c.ID)
	if got.Title != "Mine" || got.Version != 2 {
		t.Errorf("stored case is %q at version %d, want the first edit at version 2", got.Title, got.Version)
	}
	missing := got
	missing.ID = 99999
	if err := s.UpdateCase(ctx, &missing, 2, audit("case.update", "case", nil)); !errors.Is(err, cases.ErrNotFound) {
		t.Errorf("editing a case that does not exist gives %v, want ErrNotFound", err)
	}
	chainWhole(t, s)
}

func testTransitions(t *testing.T, e Engine) {
	s := e.Store
	c := newCase("Transition", Pinned)
	create(t, s, c)
	c.Status = cases.Screening
	ch := &cases.StatusChange{CaseID: c.ID, At: Pinned.Add(time.Hour), ActorID: 1, Actor: "Sam", From: cases.Received, To: cases.Screening, Reason: "complete"}
	if err := s.RecordTransition(ctx, c, 1, ch, audit("case.transition", "case", nil)); err != nil {
		t.Fatal(err)
	}
	stale := *c
	if err := s.RecordTransition(ctx, &stale, 1, &cases.StatusChange{CaseID: c.ID, At: Pinned, From: cases.Screening, To: cases.Inadmissible}, audit("case.transition", "case", nil)); err == nil {
		t.Fatal("a transition from a stale copy was saved")
	}
	hist, err := s.StatusHistory(ctx, c.ID)
	if err != nil || len(hist) != 1 || hist[0].To != cases.Screening || hist[0].Reason != "complete" || hist[0].ID == 0 {
		t.Fatalf("history %+v, %v; want the one change to screening", hist, err)
	}
	got, _ := s.GetCase(ctx, c.ID)
	if got.Status != cases.Screening || got.Version != 2 {
		t.Errorf("case is %s at version %d", got.Status, got.Version)
	}
	dl, err := s.DeadlineCases(ctx)
	if err != nil || len(dl) != 1 || len(dl[0].History) != 1 {
		t.Fatalf("deadline cases %+v, %v", dl, err)
	}
	due := cases.DateOf(Pinned).AddDays(30)
	if err := s.SetDueDates(ctx, map[int64]cases.Date{c.ID: due}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.GetCase(ctx, c.ID); got.DueOn != due || got.Version != 2 {
		t.Errorf("due %v version %d after SetDueDates, want %v and the version kept", got.DueOn, got.Version, due)
	}
	chainWhole(t, s)
}

func testPrivateNotes(t *testing.T, e Engine) {
	s := e.Store
	c := newCase("Notes", Pinned)
	create(t, s, c)
	add := func(author int64, body string, private bool, at time.Time) {
		n := &cases.Note{CaseID: c.ID, At: at, AuthorID: author, Author: fmt.Sprint("user ", author), Body: body, Private: private}
		if err := s.AddNote(ctx, n, cases.AuditEntry{Actor: secretariat, Action: "note.add", Entity: "note", After: map[string]any{"case_id": c.ID}}); err != nil {
			t.Fatal(err)
		}
		if n.ID == 0 {
			t.Fatal("a saved note has no id")
		}
	}
	add(7, "shared", false, Pinned)
	add(7, "only mine 隐私", true, Pinned.Add(time.Minute))
	add(8, "theirs", false, Pinned.Add(2*time.Minute))
	bodies := func(viewer int64) []string {
		notes, err := s.Notes(ctx, c.ID, viewer)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, n := range notes {
			out = append(out, n.Body)
		}
		return out
	}
	if got := fmt.Sprint(bodies(7)); got != "[theirs only mine 隐私 shared]" {
		t.Errorf("the author sees %s, want every note, newest first", got)
	}
	if got := fmt.Sprint(bodies(8)); got != "[theirs shared]" {
		t.Errorf("another member sees %s, want no private note of someone else", got)
	}
	recs, total, err := s.AuditQuery(ctx, cases.AuditFilter{CaseID: c.ID, Limit: 50})
	if err != nil || total != 4 || len(recs) != 4 {
		t.Errorf("the case's audit view has %d entries (%v), want its creation and its 3 notes", total, err)
	}
}

func testConfidentialVisibility(t *testing.T, e Engine) {
	s := e.Store
	rapporteur := account(t, s, "rapp", cases.RoleMember)
	other := account(t, s, "other", cases.RoleMember)
	open := newCase("Open case", Pinned)
	create(t, s, open)
	secret := newCase("Confidential case", Pinned)
	secret.Confidential, secret.RapporteurID, secret.Rapporteur = true, rapporteur.ID, "rapp"
	create(t, s, secret)
	titles := func(viewer cases.User) []string {
		rows, err := s.ListCases(ctx, cases.Query{Viewer: viewer, Sort: cases.SortTitle}, 0, 50)
		if err != nil {
			t.Fatal(err)
		}
		n, err := s.CountCases(ctx, cases.Query{Viewer: viewer})
		if err != nil || n != len(rows) {
			t.Errorf("CountCases %d (%v) for %s, ListCases %d", n, err, viewer.Username, len(rows))
		}
		var out []string
		for _, r := range rows {
			out = append(out, r.Title)
		}
		return out
	}
	if got := fmt.Sprint(titles(other)); got != "[Open case]" {
		t.Errorf("a member off the case sees %s", got)
	}
	if got := fmt.Sprint(titles(rapporteur)); got != "[Confidential case Open case]" {
		t.Errorf("the rapporteur sees %s", got)
	}
	if got := fmt.Sprint(titles(secretariat)); got != "[Confidential case Open case]" {
		t.Errorf("the secretariat sees %s", got)
	}
	// A reader's declaration (made while the case was open) is not a seat
	// on the panel; an appointment is, and keeps the declaration.
	reader := account(t, s, "reader", cases.RoleMember)
	panellist := account(t, s, "panellist", cases.RoleChair)
	for _, u := range []cases.User{reader, panellist} {
		if err := s.DeclareInterest(ctx, secret.ID, u.ID, cases.NoConflict, "", Pinned, false, false,
			audit("case.declare_interest", "case", map[string]any{"conflict": cases.NoConflict})); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddPanelMember(ctx, secret.ID, panellist.ID, audit("case.panel_add", "case", map[string]any{"user_id": panellist.ID})); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(titles(reader)); got != "[Open case]" {
		t.Errorf("a reader who declared off the panel sees %s", got)
	}
	if got := fmt.Sprint(titles(panellist)); got != "[Confidential case Open case]" {
		t.Errorf("an appointed member sees %s", got)
	}
	for _, who := range []cases.User{reader, panellist} {
		found, err := s.SearchCases(ctx, "Confidential", cases.Query{Viewer: who}, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		if want := who.ID == panellist.ID; (len(found) == 1) != want {
			t.Errorf("%s searching the confidential case's title finds %d cases", who.Username, len(found))
		}
	}
	panel, err := s.Panel(ctx, secret.ID)
	if err != nil {
		t.Fatal(err)
	}
	appointed := map[int64]bool{}
	for _, p := range panel {
		appointed[p.UserID] = p.Appointed
		if p.UserID == panellist.ID && (p.Conflict != cases.NoConflict || p.DeclaredAt.IsZero()) {
			t.Errorf("the appointment lost the declaration: %+v", p)
		}
	}
	if len(panel) != 2 || appointed[reader.ID] || !appointed[panellist.ID] {
		t.Errorf("the declarations kept: %+v", panel)
	}
	if err := s.RemovePanelMember(ctx, secret.ID, reader.ID, audit("case.panel_remove", "case", nil)); !errors.Is(err, cases.ErrNotFound) {
		t.Errorf("a reader's declaration was removed as a seat on the panel: %v", err)
	}
}

func testRegisterPaging(t *testing.T, e Engine) {
	s := e.Store
	for i, title := range []string{"beta", "Alpha", "gamma", "delta", "Epsilon"} {
		c := newCase(title, Pinned)
		if i%2 == 1 {
			c.Risk = cases.RiskHigh
		}
		create(t, s, c)
	}
	page := func(q cases.Query, off, lim int) string {
		q.Viewer = secretariat
		rows, err := s.ListCases(ctx, q, off, lim)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range rows {
			out = append(out, r.Title)
		}
		return fmt.Sprint(out)
	}
	if got := page(cases.Query{Sort: cases.SortTitle}, 0, 3); got != "[Alpha beta delta]" {
		t.Errorf("first page by title (letter case ignored) %s", got)
	}
	if got := page(cases.Query{Sort: cases.SortTitle}, 3, 3); got != "[Epsilon gamma]" {
		t.Errorf("second page by title %s", got)
	}
	if got := page(cases.Query{Sort: cases.SortReference, Desc: true}, 0, 2); got != "[Epsilon delta]" {
		t.Errorf("newest references first %s", got)
	}
	if got := page(cases.Query{Risk: cases.RiskHigh, Sort: cases.SortReference}, 0, 10); got != "[Alpha delta]" {
		t.Errorf("high risk only %s", got)
	}
	if got := page(cases.Query{Submitter: "LI@EXAMPLE.ORG", Year: 2026, Sort: cases.SortReference}, 0, 1); got != "[beta]" {
		t.Errorf("by submitter's contact in other letter case %s", got)
	}
	// The secretariat's filters by alleged breach and by rapporteur.
	rapp := account(t, s, "rapp", cases.RoleMember)
	for _, title := range []string{"zeta", "eta"} {
		c := newCase(title, Pinned)
		c.Breach, c.RapporteurID, c.Rapporteur = "privacy", rapp.ID, rapp.Name()
		create(t, s, c)
	}
	if got := page(cases.Query{Breach: "privacy", Sort: cases.SortTitle}, 0, 10); got != "[eta zeta]" {
		t.Errorf("by alleged breach %s", got)
	}
	if got := page(cases.Query{Rapporteur: rapp.ID, Sort: cases.SortTitle}, 0, 10); got != "[eta zeta]" {
		t.Errorf("by rapporteur %s", got)
	}
	if got := page(cases.Query{Rapporteur: cases.NoRapporteur, Sort: cases.SortTitle}, 0, 10); got != "[Alpha beta delta Epsilon gamma]" {
		t.Errorf("cases with no rapporteur yet %s", got)
	}
}

// Someone with the database in hand cannot rewrite, remove or slip in an
// audit entry; the chain stays whole.
func testAuditTriggers(t *testing.T, e Engine) {
	s := e.Store
	create(t, s, newCase("Audited", Pinned))
	create(t, s, newCase("Audited too", Pinned))
	for _, q := range []string{
		"UPDATE audit_log SET actor = 'Mallory' WHERE seq = 1",
		"DELETE FROM audit_log WHERE seq = 2",
		"INSERT INTO audit_log (seq, at, actor_id, actor, action, entity, entity_id, before, after, prev_hash, hash) " +
			"VALUES (5, '2026-01-01T00:00:00.000000Z', 0, 'x', 'x', 'x', 0, 'null', 'null', 'x', 'x')",
		"INSERT INTO audit_log (seq, at, actor_id, actor, action, entity, entity_id, before, after, prev_hash, hash) " +
			"VALUES (3, '2026-01-01T00:00:00.000000Z', 0, 'x', 'x', 'x', 0, 'null', 'null', 'not the head', 'x')",
	} {
		if err := e.Raw(q); err == nil {
			t.Errorf("the database took %q", q)
		}
	}
	if seq, hash, err := s.AuditHead(ctx); err != nil || seq != 2 || len(hash) != 64 {
		t.Errorf("audit head %d %q %v, want entry 2", seq, hash, err)
	}
	chainWhole(t, s)
}

func testFirstAdministratorOnce(t *testing.T, e Engine) {
	s := e.Store
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			u := cases.User{Username: fmt.Sprint("admin", i), Role: cases.RoleAdministrator, Active: true}
			errs[i] = s.CreateAccount(ctx, &u, "h", true, audit("user.create", "user", nil))
		}(i)
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, cases.ErrAlreadySetUp):
			t.Errorf("a parallel first run failed with %v", err)
		}
	}
	if users, _ := s.Users(ctx); ok != 1 || len(users) != 1 {
		t.Errorf("%d first runs succeeded and %d accounts exist, want 1 and 1", ok, len(users))
	}
}

// Ten wrong passwords at the same moment count ten, so lockout cannot be
// raced.
func testLoginCounting(t *testing.T, e Engine) {
	s := e.Store
	u := account(t, s, "target", cases.RoleMember)
	const n = 10
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := s.UpdateLogin(ctx, u.ID, func(st cases.LoginState) (cases.LoginState, cases.AuditEntry, error) {
				st.FailedLogins++
				if st.FailedLogins >= n {
					st.LockedUntil = Pinned.Add(15 * time.Minute)
					return st, audit("user.lock", "user", nil), nil
				}
				return st, cases.AuditEntry{}, nil
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	c, err := s.Credentials(ctx, "target")
	if err != nil || c.FailedLogins != n || !c.LockedUntil.Equal(Pinned.Add(15*time.Minute)) {
		t.Errorf("after %d failures: %d counted, locked until %v (%v)", n, c.FailedLogins, c.LockedUntil, err)
	}
	if err := s.SetPasswordHash(ctx, u.ID, "new", audit("user.password", "user", nil)); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Credentials(ctx, "target"); c.FailedLogins != 0 || !c.LockedUntil.IsZero() || c.PasswordHash != "new" {
		t.Errorf("a new password leaves %+v", c)
	}
	refuse := errors.New("refused")
	err = s.UpdateLogin(ctx, u.ID, func(st cases.LoginState) (cases.LoginState, cases.AuditEntry, error) {
		return cases.LoginState{FailedLogins: 99}, cases.AuditEntry{}, refuse
	})
	if c, _ := s.Credentials(ctx, "target"); !errors.Is(err, refuse) || c.FailedLogins != 0 {
		t.Errorf("a refused decision gave %v and left %d failures", err, c.FailedLogins)
	}
	chainWhole(t, s)
}

func testUserNames(t *testing.T, e Engine) {
	s := e.Store
	u := account(t, s, "Zhang.Wei", cases.RoleChair)
	dup := cases.User{Username: "zhang.wei", Role: cases.RoleMember, Active: true}
	if err := s.CreateAccount(ctx, &dup, "h", false, audit("user.create", "user", nil)); err == nil {
		t.Error("a second account zhang.wei was created beside Zhang.Wei")
	}
	c, err := s.Credentials(ctx, "ZHANG.WEI")
	if err != nil || c.User.ID != u.ID || c.PasswordHash != "hash-of-Zhang.Wei" {
		t.Errorf("Credentials(ZHANG.WEI) = %+v, %v", c, err)
	}
	if _, err := s.Credentials(ctx, "nobody"); !errors.Is(err, cases.ErrNotFound) {
		t.Errorf("an unknown user gives %v", err)
	}
	u.DisplayName, u.Active = "Zhang Wei", false
	if err := s.UpdateAccount(ctx, u, audit("user.update", "user", nil)); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.UserByID(ctx, u.ID); got.DisplayName != "Zhang Wei" || got.Active || !got.CreatedAt.Equal(Pinned) {
		t.Errorf("after the update %+v", got)
	}
	if err := s.UpdateAccount(ctx, cases.User{ID: 4242, Role: cases.RoleMember}, audit("user.update", "user", nil)); !errors.Is(err, cases.ErrNotFound) {
		t.Errorf("updating a missing account gives %v", err)
	}
	if err := s.SaveSettings(ctx, map[string]string{"committee_name": "伦理委员会"}, audit("settings.save", "settings", nil)); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.Settings(ctx); st["committee_name"] != "伦理委员会" {
		t.Errorf("settings %v", st)
	}
}

func testAuditView(t *testing.T, e Engine) {
	s := e.Store
	for i := 0; i < 5; i++ {
		create(t, s, newCase(fmt.Sprint("Case ", i), Pinned))
	}
	if err := s.SaveHoliday(ctx, cases.Holiday{Day: cases.DateOf(Pinned), Name: "Day off"}, audit("holiday.save", "holiday", nil)); err != nil {
		t.Fatal(err)
	}
	recs, total, err := s.AuditQuery(ctx, cases.AuditFilter{Action: "case.", Offset: 1, Limit: 2})
	if err != nil || total != 5 || len(recs) != 2 || recs[0].Seq != 4 || recs[1].Seq != 3 {
		t.Fatalf("page of case entries %+v, total %d, %v", recs, total, err)
	}
	tail, err := s.AuditAfter(ctx, 4, 10)
	if err != nil || len(tail) != 2 || tail[0].Seq != 5 || tail[0].Action != "case.create" || tail[1].Seq != 6 || tail[1].Action != "holiday.save" {
		t.Errorf("the entries after 4: %+v, %v", tail, err)
	}
	if tail, err := s.AuditAfter(ctx, 0, 2); err != nil || len(tail) != 2 || tail[0].Seq != 1 || tail[1].Seq != 2 {
		t.Errorf("the first two entries: %+v, %v", tail, err)
	}
	actions, err := s.AuditActions(ctx)
	if err != nil || fmt.Sprint(actions) != "[case.create holiday.save]" {
		t.Errorf("actions %v, %v", actions, err)
	}
	if hs, _ := s.Holidays(ctx); len(hs) != 1 || hs[0].Name != "Day off" {
		t.Errorf("holidays %+v", hs)
	}
}

// AuditScript writes the same few changes, at pinned times, that any
// engine must record with the same hashes; it returns the head.
func AuditScript(t *testing.T, s Store) (seq int64, hash string) {
	t.Helper()
	u := account(t, s, "member", cases.RoleMember)
	c := newCase("同意 and 人工智能", Pinned)
	c.RapporteurID, c.Rapporteur = u.ID, "member"
	create(t, s, c)
	n := &cases.Note{CaseID: c.ID, At: Pinned.Add(time.Minute), AuthorID: u.ID, Author: "member", Body: "隐私 note", Private: true}
	if err := s.AddNote(ctx, n, audit("note.add", "note", map[string]any{"case_id": c.ID})); err != nil {
		t.Fatal(err)
	}
	c.Title, c.UpdatedAt = "Renamed", Pinned.Add(2*time.Minute)
	if err := s.UpdateCase(ctx, c, 1, audit("case.update", "case", map[string]any{"title": "Renamed"})); err != nil {
		t.Fatal(err)
	}
	seq, hash, err := s.AuditHead(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return seq, hash
}

// A register written only through the store is sound; a row changed
// behind the store's back is named by check.
func testCheckFindsTampering(t *testing.T, e Engine) {
	s := e.Store
	u := account(t, s, "member", cases.RoleMember)
	c := newCase("Tamper target", Pinned)
	c.RapporteurID, c.Rapporteur = u.ID, "member"
	create(t, s, c)
	other := newCase("Other", Pinned)
	create(t, s, other)
	n := &cases.Note{CaseID: c.ID, At: Pinned, AuthorID: u.ID, Author: "member", Body: "a note"}
	if err := s.AddNote(ctx, n, audit("note.add", "note", map[string]any{"case_id": c.ID})); err != nil {
		t.Fatal(err)
	}
	if err := s.SetRapporteur(ctx, other.ID, u, audit("case.rapporteur", "case", nil)); err != nil {
		t.Fatal(err)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("a register written through the store has problems: %v %v", problems, err)
	}
	if err := e.Raw("UPDATE cases SET submitter_name = 'Mallory' WHERE reference = 'EC-2026-0001'"); err != nil {
		t.Fatal(err)
	}
	if err := e.Raw(fmt.Sprintf("UPDATE notes SET private = 1 WHERE id = %d", n.ID)); err != nil {
		t.Fatal(err)
	}
	problems, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	text := fmt.Sprint(problems)
	if len(problems) != 2 || !strings.Contains(text, "case EC-2026-0001 was changed in the file without an audit entry") ||
		!strings.Contains(text, fmt.Sprintf("note %d on case EC-2026-0001 was changed in the file without an audit entry", n.ID)) {
		t.Errorf("check after tampering found %q", problems)
	}
}

// Retention removes the submitter's details of the cases closed longer
// ago than the retention period, and only those, once, with an audit
// entry each; the register stays sound.
func testRetention(t *testing.T, e Engine) {
	s := e.Store
	passwordcost.Cheap()
	svc := cases.NewService(s, func() time.Time { return Pinned })
	admin, err := svc.Bootstrap(ctx, "admin", "Administrator", "a long enough test password")
	if err != nil {
		t.Fatal(err)
	}
	closeOn := func(title string, closed time.Time) *cases.Case {
		c := newCase(title, closed.AddDate(0, -2, 0))
		create(t, s, c)
		c.Status = cases.Closed
		ch := &cases.StatusChange{CaseID: c.ID, At: closed, ActorID: 1, Actor: "Sam", From: cases.Received, To: cases.Closed}
		if err := s.RecordTransition(ctx, c, 1, ch, audit("case.transition", "case", nil)); err != nil {
			t.Fatal(err)
		}
		return c
	}
	old := closeOn("Closed long ago", Pinned.AddDate(-6, 0, 0))
	recent := closeOn("Closed last year", Pinned.AddDate(-1, 0, 0))
	open := newCase("Still open", Pinned.AddDate(-8, 0, 0))
	create(t, s, open)
	due, err := svc.RetentionDue(ctx, admin)
	if err != nil || len(due.Cases) != 1 || due.Cases[0].ID != old.ID || !due.Cases[0].ClosedOn.Equal(cases.DateOf(Pinned.AddDate(-6, 0, 0))) {
		t.Fatalf("due for retention: %+v, %v", due.Cases, err)
	}
	if n, err := svc.ApplyRetention(ctx, admin); err != nil || n != 1 {
		t.Fatalf("retention changed %d cases: %v", n, err)
	}
	got, _ := s.GetCase(ctx, old.ID)
	if got.Submitter.Name != "" || got.Submitter.Contact != "" || !got.AnonymisedAt.Equal(Pinned) || got.Version != old.Version+1 {
		t.Errorf("after retention the case holds %+v, anonymised %v, version %d", got.Submitter, got.AnonymisedAt, got.Version)
	}
	for _, c := range []*cases.Case{recent, open} {
		if kept, _ := s.GetCase(ctx, c.ID); kept.Submitter.Name != "Li Wei" {
			t.Errorf("%s lost its submitter", c.Title)
		}
	}
	if n, err := svc.ApplyRetention(ctx, admin); err != nil || n != 0 {
		t.Errorf("a second run changed %d cases: %v", n, err)
	}
	if recs, total, _ := s.AuditQuery(ctx, cases.AuditFilter{Action: "case.anonymise", Limit: 10}); total != 1 || recs[0].EntityID != old.ID {
		t.Errorf("the audit log has %d anonymisations", total)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Errorf("the register after retention: %q, %v", problems, err)
	}
}

// testHolidayDeletedOnce: deleting a day of the calendar removes it with
// one audit entry; deleting it again (a stale list in another window, or
// a second laptop) is ErrNotFound and writes nothing, so the log never
// records a deletion that did not happen.
func testHolidayDeletedOnce(t *testing.T, e Engine) {
	s := e.Store
	day := cases.DateOf(Pinned)
	if err := s.SaveHoliday(ctx, cases.Holiday{Day: day, Name: "Day off"}, audit("holiday.save", "holiday", nil)); err != nil {
		t.Fatal(err)
	}
	entries := func() int64 {
		t.Helper()
		_, total, err := s.AuditQuery(ctx, cases.AuditFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		return int64(total)
	}
	before := entries()
	if err := s.DeleteHoliday(ctx, day, audit("holiday.delete", "holiday", nil)); err != nil {
		t.Fatal(err)
	}
	if hs, _ := s.Holidays(ctx); len(hs) != 0 || entries() != before+1 {
		t.Fatalf("after deleting: holidays %+v, %d audit entries (want %d)", hs, entries(), before+1)
	}
	if err := s.DeleteHoliday(ctx, day, audit("holiday.delete", "holiday", nil)); !errors.Is(err, cases.ErrNotFound) {
		t.Fatalf("deleting the same day again: %v, want ErrNotFound", err)
	}
	if n := entries(); n != before+1 {
		t.Fatalf("the second delete wrote an audit entry: %d entries, want %d", n, before+1)
	}
	if bad, problem, err := s.VerifyAuditChain(ctx); err != nil || bad != 0 {
		t.Fatalf("audit chain after the deletes: entry %d %s %v", bad, problem, err)
	}
}
