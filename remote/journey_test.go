package remote_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/tls"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/remote"
	"ethicsdesk/signing"
)

// journey is what the secretariat does in a morning: register a case,
// find it in the register and by search, note on it, and be refused an
// edit made on an outdated copy. It runs the same on a local register
// and through the committee server.
func journey(t *testing.T, api cases.API, sec cases.User) {
	t.Helper()
	ctx := context.Background()
	c, err := api.CreateCase(ctx, sec, draft("Emotion recognition in job interviews"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Reference == "" || c.ReceivedOn.IsZero() || c.ReceivedOn != cases.DateOf(time.Now().AddDate(0, 0, -3)) {
		t.Fatalf("the new case came back as %+v", c)
	}
	rows, err := api.ListCases(ctx, sec, cases.Query{}, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if !hasRow(rows, c.Reference) {
		t.Fatalf("the new case %s is not in the register", c.Reference)
	}
	matching, total, err := api.CountCases(ctx, sec, cases.Query{})
	if err != nil || matching != len(rows) || total < matching {
		t.Fatalf("count: %d of %d, %v (listed %d)", matching, total, err, len(rows))
	}
	hits, err := api.Search(ctx, sec, "emotion recognition interviews", cases.Query{}, 0, 10)
	if err != nil || len(hits) == 0 || hits[0].Reference != c.Reference {
		t.Fatalf("search found %+v, %v", hits, err)
	}
	if _, err := api.AddNote(ctx, sec, c.ID, "Asked the submitter for the recordings.", false); err != nil {
		t.Fatal(err)
	}
	tl, err := api.Timeline(ctx, sec, c.ID)
	if err != nil || !hasNote(tl, "Asked the submitter for the recordings.") {
		t.Fatalf("the timeline is %+v, %v", tl, err)
	}
	pdf := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 50000)...)
	added, err := api.AddAttachments(ctx, sec, c.ID, []cases.NewAttachment{{FileName: "recording transcript.pdf", ContentType: "application/pdf", Data: pdf}})
	if err != nil || len(added) != 1 {
		t.Fatalf("attaching a file: %v", err)
	}
	back, att, err := api.OpenAttachment(ctx, sec, added[0].ID)
	if err != nil || !bytes.Equal(back, pdf) || att.FileName != "recording transcript.pdf" {
		t.Fatalf("the attachment came back as %d bytes named %q, %v", len(back), att.FileName, err)
	}
	c, err = api.GetCase(ctx, sec, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	d := c.Draft
	d.Title = "Emotion recognition in video job interviews"
	updated, err := api.UpdateCase(ctx, sec, c.ID, c.Version, d)
	if err != nil || updated.Title != d.Title {
		t.Fatalf("edit: %+v, %v", updated, err)
	}
	d.Title = "An edit made on the old copy"
	_, err = api.UpdateCase(ctx, sec, c.ID, c.Version, d)
	var stale *cases.StaleError
	if !errors.As(err, &stale) || stale.Reference != c.Reference || !strings.Contains(err.Error(), "after you opened it") {
		t.Fatalf("an edit on an outdated copy: %v", err)
	}
	got, err := api.GetCase(ctx, sec, c.ID)
	if err != nil || got.Title != "Emotion recognition in video job interviews" {
		t.Fatalf("after the refused edit the case is %q, %v", got.Title, err)
	}
	_, err = api.CreateCase(ctx, sec, cases.Draft{})
	var fe cases.FieldErrors
	if !errors.As(err, &fe) || fe[cases.FieldTitle] == "" {
		t.Fatalf("an empty form: %v", err)
	}
}

func hasRow(rows []cases.Row, ref string) bool {
	for _, r := range rows {
		if r.Reference == ref {
			return true
		}
	}
	return false
}

func hasNote(tl []cases.TimelineEntry, body string) bool {
	for _, e := range tl {
		if e.Note != nil && e.Note.Body == body {
			return true
		}
	}
	return false
}

func TestTheSameJourneyLocallyAndThroughTheServer(t *testing.T) {
	s := serve(t)
	t.Run("local", func(t *testing.T) { journey(t, s.Svc, s.Sec) })
	t.Run("server", func(t *testing.T) {
		c := s.client(t, "sec", secPW)
		// The actor the client is given is ignored: the server acts as
		// the user who signed in (here the secretariat, not "admin").
		journey(t, c, cases.User{ID: s.Admin.ID, Username: "admin", Role: cases.RoleAdministrator, Active: true})
		log, _, err := s.Svc.AuditLog(context.Background(), s.Admin, cases.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if log[0].Actor != s.Sec.Name() {
			t.Errorf("the server recorded the last change as made by %q, not the signed-in %q", log[0].Actor, s.Sec.Name())
		}
	})
}

// The domain's refusals reach the client as the same errors, so the window
// shows the same sentences and dialogs as on a local register.
func TestRefusalsKeepTheirKindThroughTheServer(t *testing.T) {
	s := serve(t)
	ctx := context.Background()
	liu := s.client(t, "liu", liuPW)
	if _, err := liu.GetCase(ctx, s.Member, s.Confidential.ID); !errors.Is(err, cases.ErrNotFound) {
		t.Errorf("a confidential case: %v", err)
	}
	_, err := liu.GetCase(ctx, s.Member, s.Undeclared.ID)
	var ie *cases.InterestError
	if !errors.As(err, &ie) || ie.Summary.Reference != s.Undeclared.Reference {
		t.Errorf("an undeclared case: %v", err)
	}
	_, err = liu.CreateUser(ctx, s.Member, cases.NewAccount{Username: "x", DisplayName: "X", Role: cases.RoleMember, Password: "long enough pw"})
	var fb *cases.ForbiddenError
	if !errors.As(err, &fb) || !strings.HasPrefix(err.Error(), "You are not allowed to") {
		t.Errorf("an administrator's operation: %v", err)
	}
	if moves := liu.AllowedMoves(s.Member, s.Open); len(moves) != 0 {
		t.Errorf("a member may move cases: %v", moves)
	}
	var noKey *remote.NoLaptopKeyError
	if _, err := liu.SignOpinion(ctx, s.Member, s.Open.ID, liuPW); !errors.As(err, &noKey) {
		t.Errorf("signing through the server without a key on this computer: %v", err)
	}
	report, err := liu.VerifyPDF(ctx, s.Member, s.issuedOpinion(t))
	if err != nil || !report.OK() || report.Signatures[0].Certificate == nil {
		t.Errorf("verifying an issued opinion through the server: %+v, %v", report, err)
	}
	root, err := liu.CommitteeRoot(ctx)
	if err != nil || !root.Equal(s.Root) {
		t.Errorf("the committee root through the server: %v", err)
	}

	anon, err := remote.Dial(s.URL, s.Root)
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		_, err = anon.Login(ctx, "wang", "wrong password!")
	}
	var locked *cases.LockedError
	if !errors.As(err, &locked) || locked.Until.IsZero() {
		t.Errorf("the fifth wrong password: %v", err)
	}
	if _, err := anon.Login(ctx, "wang", wangPW); !errors.As(err, &locked) {
		t.Errorf("the right password during the lockout: %v", err)
	}
}

// issuedOpinion drafts, signs and countersigns an opinion on the register
// itself (signing is local) and returns the issued PDF.
func (s *served) issuedOpinion(t *testing.T) []byte {
	t.Helper()
	ctx := context.Background()
	id := s.AddCaseInOpinionDrafting(t, nil)
	text := cases.OpinionText{Decision: cases.DecisionUpheld, Paragraphs: []cases.Paragraph{
		{Heading: cases.HeadBackground, Text: "The submitter complained that the metro gates keep face images."},
		{Heading: cases.HeadQuestions, Text: "Whether consent was obtained."},
		{Heading: cases.HeadFindings, Text: "No consent was asked."},
		{Heading: cases.HeadReasoning, Text: "Consent must be informed and specific."},
		{Heading: cases.HeadDecision, Text: "The complaint is upheld."},
		{Heading: cases.HeadRecommendations, Text: "Delete the images within 30 days."},
	}}
	if _, err := s.Svc.SaveOpinionDraft(ctx, s.Rapporteur, id, 0, text); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Svc.SignOpinion(ctx, s.Rapporteur, id, chenPW); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Svc.SignOpinion(ctx, s.Chair, id, wangPW); err != nil {
		t.Fatal(err)
	}
	pdf, _, err := s.Svc.IssuedOpinionPDF(ctx, s.Chair, id)
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

func (s *served) rootKey(t *testing.T) crypto.Signer {
	t.Helper()
	_, sealed, err := s.DB.SigningRoot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	key, err := signing.OpenKey(sealed, adminPW)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// Sessions end at sign-out, when the account is deactivated and when the
// password changes (other sessions of that user).
func TestSessionsEnd(t *testing.T) {
	s := serve(t)
	ctx := context.Background()
	liu := s.client(t, "liu", liuPW)
	if err := liu.SignOut(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := liu.ListCases(ctx, s.Member, cases.Query{}, 0, 10); !errors.Is(err, remote.ErrSessionEnded) {
		t.Errorf("after signing out: %v", err)
	}

	liu = s.client(t, "liu", liuPW)
	other := s.client(t, "liu", liuPW)
	if err := liu.ChangePassword(ctx, s.Member, liuPW, "a new password 1"); err != nil {
		t.Fatal(err)
	}
	if _, err := other.ListCases(ctx, s.Member, cases.Query{}, 0, 10); !errors.Is(err, remote.ErrSessionEnded) {
		t.Errorf("another session after the password changed: %v", err)
	}
	if _, err := liu.ListCases(ctx, s.Member, cases.Query{}, 0, 10); err != nil {
		t.Errorf("the session that changed the password: %v", err)
	}

	admin := s.client(t, "admin", adminPW)
	if err := admin.Deactivate(ctx, s.Admin, s.Member.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := liu.ListCases(ctx, s.Member, cases.Query{}, 0, 10); !errors.Is(err, remote.ErrSessionEnded) {
		t.Errorf("after the account was deactivated: %v", err)
	}
}

// A server whose certificate the committee's root did not issue is refused
// before anything is sent; so is one of another version.
func TestUntrustedOrOtherServersAreRefused(t *testing.T) {
	s := serve(t)
	ctx := context.Background()
	other, err := signing.NewRoot("Impostor Root", "Impostor", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	cert, err := signing.IssueServer(other, []string{"127.0.0.1"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	received := false
	impostor := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { received = true }))
	impostor.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	impostor.StartTLS()
	defer impostor.Close()
	c, err := remote.Dial(impostor.URL, s.Root)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Login(ctx, "liu", liuPW)
	var untrusted *remote.UntrustedServerError
	if !errors.As(err, &untrusted) || !strings.Contains(err.Error(), "did not prove that it is the committee's server") || received {
		t.Errorf("an impostor server: %v (request received: %v)", err, received)
	}
	if _, err := remote.RootByFingerprint(ctx, impostor.URL, signing.Fingerprint(s.Root)); err == nil {
		t.Error("the impostor's root was taken for the committee's fingerprint")
	}
	if root, err := remote.RootByFingerprint(ctx, s.URL, signing.Fingerprint(s.Root)); err != nil || !root.Equal(s.Root) {
		t.Errorf("the committee's own server by its fingerprint: %v", err)
	}

	old := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Ethicsdesk-Protocol", "0/older")
		w.WriteHeader(http.StatusPreconditionFailed)
	}))
	old.TLS = impostor.TLS.Clone()
	cert2, _ := signing.IssueServer(&signing.Authority{Cert: s.Root, Key: s.rootKey(t)}, []string{"127.0.0.1"}, time.Now())
	old.TLS.Certificates = []tls.Certificate{cert2}
	old.StartTLS()
	defer old.Close()
	c, _ = remote.Dial(old.URL, s.Root)
	_, err = c.HasUsers(ctx)
	var ve *remote.VersionError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "install the same version of Ethics Desk") {
		t.Errorf("a server of another version: %v", err)
	}
}

// A server that cannot be reached is said to be so, and nothing is saved.
func TestAnUnreachableServerIsSaidSo(t *testing.T) {
	s := serve(t)
	c, err := remote.Dial("https://127.0.0.1:1", s.Root)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Login(context.Background(), "liu", liuPW)
	if err == nil || !strings.Contains(err.Error(), "cannot be reached") || !strings.Contains(err.Error(), "nothing was saved") {
		t.Errorf("an unreachable server: %v", err)
	}
}
