package ui

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ethicsdesk/cases"
	"ethicsdesk/remote"
	"ethicsdesk/signing"
)

// serverFor serves w's register as the committee server on 127.0.0.1 and
// returns the program's client of it signed in as username, with a key
// folder of its own (a laptop).
func (w *opinionWorld) serverFor(username, password string) (*remote.Client, cases.User) {
	tb := w.tb
	ctx := context.Background()
	der, sealed, err := w.db.SigningRoot(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	root, _ := x509.ParseCertificate(der)
	key, err := signing.OpenKey(sealed, testPassword)
	if err != nil {
		tb.Fatal(err)
	}
	cert, err := signing.IssueServer(&signing.Authority{Cert: root, Key: key}, []string{"127.0.0.1"}, time.Now())
	if err != nil {
		tb.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(remote.NewServer(w.svc, w.db))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.StartTLS()
	tb.Cleanup(srv.Close)
	c, err := remote.Dial(srv.URL, root)
	if err != nil {
		tb.Fatal(err)
	}
	c.SetKeyFolder(filepath.Join(tb.TempDir(), "keys"))
	actor, err := c.Login(ctx, username, password)
	if err != nil {
		tb.Fatal(err)
	}
	return c, actor
}

// The rapporteur signs in the window connected to the committee server:
// without a key on the laptop the dialog says how to move it there; once
// moved, the same dialog signs with the key on the laptop, and the
// register keeps no private key of theirs.
func TestSignDialogSignsWithTheKeyOnTheLaptopThroughTheServer(t *testing.T) {
	w := newOpinionWorld(t)
	ctx := context.Background()
	text := cases.OpinionText{Decision: cases.DecisionUpheld, Paragraphs: []cases.Paragraph{
		{Heading: cases.HeadBackground, Text: "The submitter complained."},
		{Heading: cases.HeadFindings, Text: "The facts are established."},
		{Heading: cases.HeadReasoning, Text: "Consent was not obtained."},
		{Heading: cases.HeadDecision, Text: "Upheld."}}}
	if _, err := w.svc.SaveOpinionDraft(ctx, w.rapp, w.caseID, 0, text); err != nil {
		t.Fatal(err)
	}
	client, actor := w.serverFor(w.rapp.Username, rappPassword)
	d := newDesk(w.app, client, actor, w.opt, w.run)
	d.types, _ = client.CaseTypes(ctx)
	ed := d.openOpinion(w.caseID)
	w.settle()
	if ed.sign == nil {
		t.Fatal("the rapporteur is not offered to sign through the server")
	}
	test.Tap(ed.sign)
	w.settle()
	test.Type(ed.pendingSign.password, rappPassword)
	test.Tap(ed.pendingSign.confirm)
	w.settle()
	if ed.op.State != cases.OpinionDraft || !strings.Contains(ed.pendingSign.err.Text, "keys fetch") {
		t.Fatalf("signing without a key on the laptop: %s, the dialog says %q", ed.op.State, ed.pendingSign.err.Text)
	}
	// Signatures › Move my signing key to this computer…, offered only on
	// the committee server.
	if items := menuLabels(w.deskFor(w.rapp).openRegister().opinionsMenu()); strings.Contains(items, "Move my signing key") {
		t.Errorf("a window on a register file offers to move the key: %s", items)
	}
	r := d.openRegister()
	w.settle()
	if items := menuLabels(r.opinionsMenu()); !strings.Contains(items, "Move my signing key to this computer…") {
		t.Fatalf("the Signatures menu on the server does not offer to move the key: %s", items)
	}
	md := r.showMoveKey()
	test.Type(md.pass, "not my password")
	test.Tap(md.confirm)
	w.settle()
	if !md.passErr.Visible() || !strings.Contains(md.passErr.Text, "not correct") {
		t.Fatalf("a wrong password when moving the key: %v", md.form.messages())
	}
	md.pass.SetText(rappPassword)
	test.Tap(md.confirm)
	w.settle()
	if msgs := md.form.messages(); len(msgs) != 0 {
		t.Fatalf("moving the key: %v", msgs)
	}
	test.Type(ed.pendingSign.password, rappPassword)
	test.Tap(ed.pendingSign.confirm)
	w.settle()
	if ed.op.State != cases.OpinionSignedRapporteur {
		t.Fatalf("the window did not sign through the server: %s (%q)", ed.op.State, ed.pendingSign.err.Text)
	}
	if _, _, sealed, err := w.db.UserKey(ctx, w.rapp.ID); err != nil || len(sealed) != 0 {
		t.Fatalf("the register still holds %d bytes of the rapporteur's sealed key (%v)", len(sealed), err)
	}
}

func menuLabels(m *fyne.Menu) string {
	var out []string
	for _, it := range m.Items {
		out = append(out, it.Label)
	}
	return strings.Join(out, " | ")
}
