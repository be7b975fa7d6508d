package cases_test

import (
	"context"
	"crypto/x509"
	"errors"
	"testing"

	"ethicsdesk/cases"
	"ethicsdesk/signing"
)

// fakeKeyring and fakeMaintenance stand for the program's ports: they
// record that the Service let a call through, so a refused call can be
// seen to have reached nothing.
type fakeKeyring struct{ calls int }

func (f *fakeKeyring) SignPDF(context.Context, []byte, cases.SignRequest) ([]byte, error) {
	f.calls++
	return nil, nil
}
func (f *fakeKeyring) ResealKey(context.Context, int64, string, string) ([]byte, error) {
	return nil, nil
}
func (f *fakeKeyring) CreateRoot(context.Context, cases.User, string) error { f.calls++; return nil }
func (f *fakeKeyring) IssueMemberKey(context.Context, cases.User, string, cases.User, string) error {
	f.calls++
	return nil
}
func (f *fakeKeyring) ImportPKCS12(context.Context, cases.User, []byte, string, string) error {
	f.calls++
	return nil
}
func (f *fakeKeyring) Verify(context.Context, []byte) (*signing.Report, error) {
	f.calls++
	return &signing.Report{}, nil
}
func (f *fakeKeyring) RootCertificate(context.Context) (*x509.Certificate, error) {
	f.calls++
	return &x509.Certificate{}, nil
}

type fakeDocuments struct{ calls int }

func (f *fakeDocuments) RenderOpinion(cases.OpinionDocument) ([]byte, cases.SignatureLayout, error) {
	f.calls++
	return nil, cases.SignatureLayout{}, nil
}
func (f *fakeDocuments) RenderLetter(cases.LetterRequest) ([]byte, error) {
	f.calls++
	return []byte("%PDF-1.4 a letter"), nil
}

type fakeMaintenance struct{ calls int }

func (f *fakeMaintenance) Backup(context.Context, string) (string, error) {
	f.calls++
	return "ok", nil
}
func (f *fakeMaintenance) LatestBackup() (string, error) { f.calls++; return "", nil }
func (f *fakeMaintenance) Restore(context.Context, string) (string, error) {
	f.calls++
	return "aside", nil
}

// TestEveryRoleAgainstEveryPolicyRule extends the permission matrix to the
// rules that moved into the domain: which confidential cases a role's
// register lists, who handles signing keys, who backs up and restores, who
// prints letters and who may verify a PDF.
func TestEveryRoleAgainstEveryPolicyRule(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	keys, maint, docs := &fakeKeyring{}, &fakeMaintenance{}, &fakeDocuments{}
	k.svc.SetPorts(cases.Ports{Documents: docs, Keys: keys, Maintenance: maint})
	secret := k.newCase(true, cases.RiskHigh)

	listsSecret := func(a cases.User) error {
		rows, err := k.svc.ListCases(ctx, a, cases.Query{}, 0, 1000)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if r.ID == secret.ID {
				return nil
			}
		}
		return errors.New("not listed")
	}
	rules := []struct {
		name    string
		allowed []cases.Role
		port    *int // calls of the port the rule guards, nil if none
		run     func(a cases.User) error
	}{
		{"list a confidential case one is not on", []cases.Role{cases.RoleSecretariat}, nil, listsSecret},
		{"open a confidential case one is not on", []cases.Role{cases.RoleSecretariat}, nil, func(a cases.User) error {
			_, err := k.svc.GetCase(ctx, a, secret.ID)
			return err
		}},
		{"create the root certificate", []cases.Role{cases.RoleAdministrator}, &keys.calls, func(a cases.User) error {
			return k.svc.CreateSigningRoot(ctx, a, "pw")
		}},
		{"issue a signing key", []cases.Role{cases.RoleAdministrator}, &keys.calls, func(a cases.User) error {
			return k.svc.IssueSigningKey(ctx, a, "pw", k.members[0], "pw")
		}},
		{"import a signing key", []cases.Role{cases.RoleAdministrator}, &keys.calls, func(a cases.User) error {
			return k.svc.ImportSigningKey(ctx, a, k.members[0], []byte("p12"), "pw", "pw")
		}},
		{"list who holds signing keys", []cases.Role{cases.RoleAdministrator}, nil, func(a cases.User) error {
			_, err := k.svc.SigningKeys(ctx, a)
			return err
		}},
		{"back up the register", []cases.Role{cases.RoleSecretariat, cases.RoleAdministrator}, &maint.calls, func(a cases.User) error {
			_, err := k.svc.Backup(ctx, a, "/tmp/x.db")
			return err
		}},
		{"restore the register", []cases.Role{cases.RoleSecretariat, cases.RoleAdministrator}, &maint.calls, func(a cases.User) error {
			_, err := k.svc.Restore(ctx, a, "/tmp/x.db")
			return err
		}},
		{"find the latest backup", []cases.Role{cases.RoleSecretariat, cases.RoleAdministrator}, &maint.calls, func(a cases.User) error {
			_, err := k.svc.LatestBackup(a)
			return err
		}},
		{"print a letter to a submitter", []cases.Role{cases.RoleSecretariat, cases.RoleChair}, &docs.calls, func(a cases.User) error {
			lc := k.declaredCase(a)
			_, err := k.svc.Letter(ctx, a, cases.LetterRequest{Kind: cases.LetterAcknowledgement, Case: lc, From: a})
			return err
		}},
		{"verify a signed PDF", cases.AllRoles, &keys.calls, func(a cases.User) error {
			_, err := k.svc.VerifyPDF(ctx, a, []byte("%PDF"))
			return err
		}},
	}
	actors := map[cases.Role]cases.User{cases.RoleSecretariat: k.sec, cases.RoleMember: k.members[0],
		cases.RoleChair: k.chair, cases.RoleAdministrator: k.admin}
	for _, role := range cases.AllRoles {
		a := actors[role]
		for _, r := range rules {
			want := false
			for _, ok := range r.allowed {
				want = want || ok == role
			}
			before := 0
			if r.port != nil {
				before = *r.port
			}
			err := r.run(a)
			if (err == nil) != want {
				t.Errorf("%s may %s: %v, want %v (%v)", role, r.name, err == nil, want, err)
			}
			if r.port != nil && !want && *r.port != before {
				t.Errorf("%s was refused to %s, yet the call reached the program", role, r.name)
			}
		}
		// The window offers exactly what the Service allows.
		if got, want := k.svc.MayBackup(a), a.Can(cases.ActBackup); got != want {
			t.Errorf("%s: MayBackup %v, want %v", role, got, want)
		}
		if got, want := k.svc.MayRestore(a), role == cases.RoleSecretariat || role == cases.RoleAdministrator; got != want {
			t.Errorf("%s: MayRestore %v, want %v", role, got, want)
		}
		if got, want := k.svc.MayWriteLetters(a), role == cases.RoleSecretariat || role == cases.RoleChair; got != want {
			t.Errorf("%s: MayWriteLetters %v, want %v", role, got, want)
		}
		if got, want := k.svc.MayManageKeys(a), role == cases.RoleAdministrator; got != want {
			t.Errorf("%s: MayManageKeys %v, want %v", role, got, want)
		}
	}
	// Without the ports (the command line), nothing is offered.
	bare := cases.NewService(k.db, nil)
	if bare.MayBackup(k.sec) || bare.MayRestore(k.admin) || bare.MayManageKeys(k.admin) || bare.MayWriteLetters(k.sec) {
		t.Error("a service without ports offers backups, keys or letters")
	}
	if _, err := bare.Backup(ctx, k.sec, "/tmp/x.db"); !errors.Is(err, cases.ErrNotAvailable) {
		t.Errorf("a backup without maintenance: %v, want ErrNotAvailable", err)
	}
}

// TestRegisterVisibilityRule is the rule the store turns into its query.
func TestRegisterVisibilityRule(t *testing.T) {
	for _, role := range cases.AllRoles {
		u := cases.User{ID: 7, Role: role, Active: true}
		v := cases.VisibilityFor(u)
		if v.AllConfidential != (role == cases.RoleSecretariat) {
			t.Errorf("%s sees every confidential case: %v", role, v.AllConfidential)
		}
		if !v.AllConfidential && v.PanelMember != 7 {
			t.Errorf("%s: confidential cases kept for user %d, want 7", role, v.PanelMember)
		}
		if (cases.Query{Viewer: u}).Visibility() != v {
			t.Errorf("%s: the query's visibility differs from the rule", role)
		}
	}
	if cases.VisibilityFor(cases.User{ID: 3, Role: cases.RoleSecretariat}).AllConfidential {
		t.Error("a deactivated secretary still sees every confidential case")
	}
}

// TestWhoMaySignAnOpinion: the rapporteur of a saved draft in opinion
// drafting signs as author (and may write the draft); the chair
// countersigns once the rapporteur signed; nobody else signs.
func TestWhoMaySignAnOpinion(t *testing.T) {
	rapp := cases.User{ID: 5, Role: cases.RoleMember, Active: true}
	other := cases.User{ID: 6, Role: cases.RoleMember, Active: true}
	chair := cases.User{ID: 2, Role: cases.RoleChair, Active: true}
	sec := cases.User{ID: 1, Role: cases.RoleSecretariat, Active: true}
	drafting := cases.Case{ID: 1, RapporteurID: 5, Status: cases.OpinionDrafting}
	draft := cases.Opinion{ID: 9, State: cases.OpinionDraft}
	signed := cases.Opinion{ID: 9, State: cases.OpinionSignedRapporteur}
	svc := cases.NewService(nil, nil)
	for _, tc := range []struct {
		who   string
		actor cases.User
		c     cases.Case
		op    cases.Opinion
		want  string
		draft bool
	}{
		{"rapporteur, saved draft", rapp, drafting, draft, cases.MeaningAuthor, true},
		{"rapporteur, nothing saved yet", rapp, drafting, cases.Opinion{}, "", true},
		{"rapporteur, case in deliberation", rapp, cases.Case{ID: 1, RapporteurID: 5, Status: cases.Deliberation}, draft, "", false},
		{"rapporteur, correction of an issued opinion", rapp, cases.Case{ID: 1, RapporteurID: 5, Status: cases.FollowUp}, cases.Opinion{ID: 9, State: cases.OpinionDraft, CorrectsID: 3}, cases.MeaningAuthor, true},
		{"rapporteur, deactivated", cases.User{ID: 5, Role: cases.RoleMember}, drafting, draft, "", false},
		{"another member", other, drafting, draft, "", false},
		{"chair, draft", chair, drafting, draft, "", false},
		{"chair, signed by the rapporteur", chair, drafting, signed, cases.MeaningApproval, false},
		{"secretariat, signed by the rapporteur", sec, drafting, signed, "", false},
		{"rapporteur, signed", rapp, drafting, signed, "", false},
	} {
		if got := cases.SignatureDue(tc.actor, tc.c, tc.op); got != tc.want {
			t.Errorf("%s: signature due %q, want %q", tc.who, got, tc.want)
		}
		if got := svc.CanDraftOpinion(tc.actor, tc.c, tc.op); got != tc.draft {
			t.Errorf("%s: may draft %v, want %v", tc.who, got, tc.draft)
		}
	}
}
