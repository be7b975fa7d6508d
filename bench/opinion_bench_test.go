package bench

import (
	"context"
	"crypto/x509"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/internal/testworld"
	"ethicsdesk/issuing"
	"ethicsdesk/signing"
	"ethicsdesk/store"
)

const (
	adminPass = "bench-admin-pass"
	rappPass  = "bench-rapporteur-pass"
	chairPass = "bench-chair-pass"
)

// signingDesk is a small register with a committee root and the keys of a
// rapporteur and a chair, for rendering and signing opinions.
type signingDesk struct {
	db          *store.DB
	pub         issuing.Renderer
	keys        issuing.Keyring
	rapp, chair cases.User
}

// newSigningDesk uses the shared test register without password hashes:
// only the signing keys' own sealing (argon2id) should cost anything.
func newSigningDesk(b *testing.B) *signingDesk {
	b.Helper()
	w := testworld.New(b, testworld.Options{AdminPassword: adminPass, RapporteurPassword: rappPass,
		ChairPassword: chairPass, NoLogins: true})
	return &signingDesk{db: w.DB, pub: w.Renderer, keys: w.Keys, rapp: w.Rapporteur, chair: w.Chair}
}

// tenPageDocument is a bilingual opinion of about ten A4 pages.
func tenPageDocument(d *signingDesk) cases.OpinionDocument {
	en := "The respondent deployed an automated system that scores applicants for social housing. " +
		"The submitter contends that the system processed sensitive personal information without an adequate legal basis " +
		"and that affected persons were not told how the score was computed or how to contest it."
	zh := "申诉人称，该系统在未告知当事人的情况下处理了敏感个人信息，且未提供有效的申诉渠道。" +
		"委员会认为该系统未充分保护个人信息。委员会注意到，被申诉人在答辩中未能说明数据最小化措施的具体内容。"
	var paras []cases.Paragraph
	for i := 0; i < 23; i++ {
		h := cases.AllHeadings[i%len(cases.AllHeadings)]
		paras = append(paras, cases.Paragraph{Heading: h, Text: en}, cases.Paragraph{Heading: h, Text: zh},
			cases.Paragraph{Heading: h, Text: en + " " + zh})
	}
	now := time.Date(2026, 11, 24, 14, 5, 0, 0, time.UTC)
	return cases.OpinionDocument{
		Case: cases.Case{Reference: "EC-2026-0042", Draft: cases.Draft{
			Title:     "Opinion on the complaint concerning the HomeScore allocation system 住房评分系统",
			Submitter: cases.Submitter{Kind: cases.SubmitterPerson, Name: "Li Wei 李伟"}, Respondent: "City Housing Agency",
			AISystem: "HomeScore v3"}},
		TypeName: "Privacy complaint",
		Opinion:  cases.Opinion{Text: cases.OpinionText{Decision: cases.DecisionUpheld, Paragraphs: paras}, UpdatedAt: now},
		Signatories: []cases.Signatory{
			{Name: d.rapp.Name(), Role: "Member, rapporteur", Meaning: cases.MeaningAuthor, SignedAt: now},
			{Name: d.chair.Name(), Role: "Chair of the committee", Meaning: cases.MeaningApproval},
		},
		AuditSeq: 1234, AuditHash: strings.Repeat("9f2c4e1b", 8),
	}
}

// identity is a member's key, unlocked once.
func (d *signingDesk) identity(b *testing.B, u cases.User, password string) *signing.Identity {
	der, chainDER, sealed, err := d.db.UserKey(context.Background(), u.ID)
	if err != nil {
		b.Fatal(err)
	}
	key, err := signing.OpenKey(sealed, password)
	if err != nil {
		b.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		b.Fatal(err)
	}
	chain, err := x509.ParseCertificates(chainDER)
	if err != nil {
		b.Fatal(err)
	}
	return &signing.Identity{Cert: cert, Chain: chain, Key: key}
}

func rectAt(l cases.SignatureLayout, i int) [4]float64 {
	if i < len(l.Rects) {
		return l.Rects[i]
	}
	return [4]float64{}
}

// BenchmarkRenderAndSign renders the ten-page bilingual opinion and signs
// it with the rapporteur's key already unlocked: the document work of the
// Sign button. Fonts are loaded by the first render, before the timing.
// With ED_BENCH_OUT set it leaves its result there: the time pdfsig takes
// to verify it is the reference.
func BenchmarkRenderAndSign(b *testing.B) {
	d := newSigningDesk(b)
	doc := tenPageDocument(d)
	id := d.identity(b, d.rapp, rappPass)
	if _, _, err := d.pub.RenderOpinion(doc); err != nil {
		b.Fatal(err)
	}
	var lat latencies
	var err error
	var signed []byte
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lat.time(func() {
			var pdf []byte
			var layout cases.SignatureLayout
			if pdf, layout, err = d.pub.RenderOpinion(doc); err != nil {
				return
			}
			// As the Sign button does: the widget gets a font for the
			// signer's Chinese name (Helvetica would print "??").
			signed, err = signing.SignPDF(pdf, id, issuing.WithAppearanceFont(signing.SignatureInfo{Name: d.rapp.Name(), Reason: cases.MeaningAuthor,
				FieldName: "Rapporteur", Page: layout.Page, Rect: rectAt(layout, 0), Time: time.Now()}))
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	lat.report(b)
	if out := os.Getenv("ED_BENCH_OUT"); out != "" {
		if err := os.WriteFile(filepath.Join(out, "opinion-1sig.pdf"), signed, 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRenderUnlockAndSign is the whole Sign button: render, unlock the
// sealed key with the member's password (argon2id, deliberately slow
// against password guessing) and sign, through issuing.Keyring.
func BenchmarkRenderUnlockAndSign(b *testing.B) {
	d := newSigningDesk(b)
	doc := tenPageDocument(d)
	ctx := context.Background()
	var lat latencies
	var err error
	for i := 0; i < b.N; i++ {
		lat.time(func() {
			var pdf []byte
			var layout cases.SignatureLayout
			if pdf, layout, err = d.pub.RenderOpinion(doc); err != nil {
				return
			}
			_, err = d.keys.SignPDF(ctx, pdf, cases.SignRequest{Signer: d.rapp, Password: rappPass, Meaning: cases.MeaningAuthor,
				FieldName: "Rapporteur", Page: layout.Page, Rect: rectAt(layout, 0), Time: time.Now()})
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	lat.report(b)
}

// BenchmarkVerifyTwoSignatures verifies the opinion signed by the
// rapporteur and countersigned by the chair, against the committee root.
// With ED_BENCH_OUT set it leaves the file there for pdfsig, the reference.
func BenchmarkVerifyTwoSignatures(b *testing.B) {
	d := newSigningDesk(b)
	ctx := context.Background()
	doc := tenPageDocument(d)
	pdf, layout, err := d.pub.RenderOpinion(doc)
	if err != nil {
		b.Fatal(err)
	}
	for i, s := range []struct {
		u       cases.User
		pass    string
		meaning string
		field   string
	}{{d.rapp, rappPass, cases.MeaningAuthor, "Rapporteur"}, {d.chair, chairPass, cases.MeaningApproval, "Chair"}} {
		pdf, err = d.keys.SignPDF(ctx, pdf, cases.SignRequest{Signer: s.u, Password: s.pass, Meaning: s.meaning,
			FieldName: s.field, Page: layout.Page, Rect: rectAt(layout, i), Time: time.Now()})
		if err != nil {
			b.Fatal(err)
		}
	}
	if out := os.Getenv("ED_BENCH_OUT"); out != "" {
		if err := os.WriteFile(filepath.Join(out, "opinion-2sig.pdf"), pdf, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	var lat latencies
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var rep *signing.Report
		lat.time(func() { rep, err = d.keys.Verify(ctx, pdf) })
		// The file is signed here, not issued through the register, so the
		// verdict also says the register holds no such opinion: what is
		// timed is the checking of both signatures and that lookup.
		if err != nil || len(rep.Signatures) != 2 || !rep.Signatures[0].Valid || !rep.Signatures[1].Valid ||
			!rep.Signatures[0].ChainsToRoot || !rep.Signatures[1].ChainsToRoot {
			b.Fatalf("verification failed: %v %q", err, rep.Reasons())
		}
	}
	b.StopTimer()
	lat.report(b)
}
