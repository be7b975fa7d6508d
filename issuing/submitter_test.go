package issuing_test

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"

	"ethicsdesk/cases"
	"ethicsdesk/internal/testworld"
)

// The opinion names who asked — an organisation always, a natural person
// unless the case is confidential as to their identity — even when the
// member who drafts it may not see submitters' personal data.
func TestTheOpinionNamesWhoAskedUnlessAPersonIsConfidential(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is missing: run scripts/install-deps.sh")
	}
	w := testworld.New(t, testworld.Options{AdminPassword: adminPass, RapporteurPassword: rappPass, ChairPassword: chairPass})
	ctx := context.Background()
	for _, tc := range []struct {
		sub        cases.Submitter
		want, hide string
	}{
		{cases.Submitter{Kind: cases.SubmitterOrganisation, Name: "Harbour Consumer Association", Confidential: true}, "Harbour Consumer Association", "Withheld"},
		{cases.Submitter{Kind: cases.SubmitterPerson, Name: "Zhang Wei"}, "Zhang Wei", "Withheld"},
		{cases.Submitter{Kind: cases.SubmitterPerson, Name: "Zhang Wei", Confidential: true}, "Withheld at the submitter's request", "Zhang Wei"},
	} {
		id := w.AddCaseInOpinionDrafting(t, func(d *cases.Draft) { d.Submitter = tc.sub })
		if _, err := w.Service.SaveOpinionDraft(ctx, w.Rapporteur, id, 0, text()); err != nil {
			t.Fatal(err)
		}
		pdf, err := w.Service.PreviewOpinion(ctx, w.Rapporteur, id)
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("pdftotext", "-", "-")
		cmd.Stdin = bytes.NewReader(pdf)
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(strings.Fields(string(out)), " ")
		if !strings.Contains(got, tc.want) || strings.Contains(got, tc.hide) || strings.Contains(got, "zhang.wei@") {
			t.Errorf("%+v: the opinion should say %q and not %q:\n%s", tc.sub, tc.want, tc.hide, got)
		}
	}
}
