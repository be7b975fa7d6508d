package remote_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"ethicsdesk/app"
	"ethicsdesk/cases"
	"ethicsdesk/internal/testworld"
	"ethicsdesk/remote"
	"ethicsdesk/signing"
)

const (
	adminPW  = "admin password 1"
	chenPW   = "chen password 12"
	wangPW   = "wang password 12"
	liuPW    = "liu password 123"
	secPW    = "secretariat pw 1"
	noteText = "PRIVATE-NOTE-OF-CHEN: my doubts about the respondent"
)

// served is a committee server on 127.0.0.1 over a temporary register:
// admin, chen (member, rapporteur), wang (chair), liu (member) from
// testworld, and sec (secretariat); a confidential case liu may not know
// of, a case on whose panel liu sits without having declared, and a case
// where chen wrote a private note.
type served struct {
	*testworld.World
	Svc                            *cases.Service
	URL                            string
	Root                           *x509.Certificate
	Sec                            cases.User
	Confidential, Undeclared, Open cases.Case
}

func serve(t testing.TB) *served {
	t.Helper()
	w := testworld.New(t, testworld.Options{AdminPassword: adminPW, RapporteurPassword: chenPW, ChairPassword: wangPW, MemberPassword: liuPW})
	ctx := context.Background()
	s := &served{World: w, Svc: app.NewService(w.DB, nil)}
	var err error
	if s.Sec, err = s.Svc.CreateUser(ctx, w.Admin, cases.NewAccount{Username: "sec", DisplayName: "Sam Secretariat", Role: cases.RoleSecretariat, Password: secPW}); err != nil {
		t.Fatal(err)
	}
	conf := draft("Confidential whistleblower report")
	conf.Confidential = true
	if s.Confidential, err = s.Svc.CreateCase(ctx, s.Sec, conf); err != nil {
		t.Fatal(err)
	}
	if s.Undeclared, err = s.Svc.CreateCase(ctx, s.Sec, draft("Hiring algorithm screening out older applicants")); err != nil {
		t.Fatal(err)
	}
	if err := s.Svc.AddPanelMember(ctx, s.Sec, s.Undeclared.ID, w.Member.ID); err != nil {
		t.Fatal(err)
	}
	if s.Open, err = s.Svc.CreateCase(ctx, s.Sec, draft("Chatbot giving medical advice")); err != nil {
		t.Fatal(err)
	}
	// Every member declares before reading a case: on the open case the
	// rapporteur, the chair and a member have declared no conflict.
	for _, u := range []cases.User{w.Rapporteur, w.Chair, w.Member} {
		if err := s.Svc.DeclareInterest(ctx, u, s.Open.ID, false, ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Svc.AddNote(ctx, w.Rapporteur, s.Open.ID, noteText, true); err != nil {
		t.Fatal(err)
	}

	der, sealed, err := w.DB.SigningRoot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Root, _ = x509.ParseCertificate(der)
	key, err := signing.OpenKey(sealed, adminPW)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := signing.IssueServer(&signing.Authority{Cert: s.Root, Key: key}, []string{"127.0.0.1"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(remote.NewServer(s.Svc, w.DB))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.EnableHTTP2 = true // as `ethicsdesk serve` does
	srv.StartTLS()
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

func draft(title string) cases.Draft {
	return cases.Draft{TypeCode: "privacy_complaint", Title: title, Summary: "What the submitter says happened: " + title + ".",
		ReceivedOn: cases.DateOf(time.Now().AddDate(0, 0, -3)), Channel: cases.ChannelEmail,
		Submitter:  cases.Submitter{Kind: cases.SubmitterPerson, Name: "Zhang Wei", Contact: "zhang.wei@example.org"},
		Respondent: "Metro Co.", AISystem: "GateFace", Sector: "transport", Risk: cases.RiskHigh, Breach: "privacy", Priority: cases.PriorityNormal}
}

// client is the program's own client, signed in as username.
func (s *served) client(t testing.TB, username, password string) *remote.Client {
	t.Helper()
	c, err := remote.Dial(s.URL, s.Root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Login(context.Background(), username, password); err != nil {
		t.Fatalf("%s cannot sign in to the server: %v", username, err)
	}
	return c
}

// raw is a hostile client: plain HTTP requests with a valid session,
// trusting the committee's root like a member's laptop.
type raw struct {
	t       *testing.T
	url     string
	http    *http.Client
	session string
	version string
}

func (s *served) raw(t *testing.T, username, password string) *raw {
	t.Helper()
	pool := x509.NewCertPool()
	pool.AddCert(s.Root)
	r := &raw{t: t, url: s.URL, http: &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}},
		version: remote.Protocol + "/" + remote.Schema}
	resp, body := r.call("Login", map[string]any{"username": username, "password": password})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("raw login as %s: %s %s", username, resp.Status, body)
	}
	r.session = resp.Header.Get("Ethicsdesk-Session")
	if r.session == "" {
		t.Fatal("the server opened no session at sign-in")
	}
	return r
}

func (r *raw) call(method string, args any) (*http.Response, string) {
	r.t.Helper()
	b, _ := json.Marshal(args)
	req, _ := http.NewRequest(http.MethodPost, r.url+"/v1/call/"+method, bytes.NewReader(b))
	req.Header.Set("Ethicsdesk-Protocol", r.version)
	if r.session != "" {
		// A valid session is proved on each connection, as a member's
		// laptop does (remote.BindToConnection is the client's own code).
		req = remote.BindToConnection(req, r.session)
	}
	resp, err := r.http.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}
