package cases_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"ethicsdesk/cases"
)

// The duties checklist of Article 66 on a real register: only a panel
// member who declared no conflict marks a duty, and only while the case is
// open; met needs its evidence, at most 2000 characters; a duty of
// another tier is refused; the audit entry records the finding and the
// one it replaced; after the risk is reassessed, the new tier's duties
// show, unmarked.
func TestDutyChecksFollowTheRulesOfThePanel(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskHigh)
	rapp, undeclared, recused, outsider := k.members[0], k.members[1], k.members[2], k.members[3]
	assigned, err := k.svc.AssignRapporteur(ctx, k.sec, c.ID, rapp.ID)
	if err != nil || assigned.ID != c.ID || assigned.RapporteurID != rapp.ID || assigned.Rapporteur != rapp.Name() || assigned.Version <= c.Version {
		t.Fatalf("the case after assigning its rapporteur: %+v %v", assigned, err)
	}
	must(t, k.svc.AddPanelMember(ctx, k.sec, c.ID, undeclared.ID))
	must(t, k.svc.AddPanelMember(ctx, k.sec, c.ID, recused.ID))
	must(t, k.svc.DeclareInterest(ctx, rapp, c.ID, false, ""))
	must(t, k.svc.DeclareInterest(ctx, recused, c.ID, true, "I advised the respondent."))

	for _, tc := range []struct {
		who  cases.User
		want bool
	}{{rapp, true}, {undeclared, false}, {recused, false}, {outsider, false}, {k.sec, false}, {k.chair, false}} {
		if got := k.svc.MayMarkDuties(ctx, tc.who, c.ID); got != tc.want {
			t.Errorf("%s may mark the duties: %v, want %v", tc.who.Username, got, tc.want)
		}
	}
	if k.svc.MayMarkDuties(ctx, rapp, 99999) {
		t.Error("the rapporteur may mark the duties of a case that does not exist")
	}
	var forbidden *cases.ForbiddenError
	if _, err := k.svc.MarkDuty(ctx, k.sec, c.ID, cases.DutyPriorAssessment, false, ""); !errors.As(err, &forbidden) {
		t.Errorf("the secretariat marked a duty: %v", err)
	}
	if _, err := k.svc.MarkDuty(ctx, outsider, c.ID, cases.DutyPriorAssessment, false, ""); err == nil {
		t.Errorf("a member off the panel marked a duty: %v", err)
	}

	evidence2000 := strings.Repeat("证", 2000)
	for _, tc := range []struct {
		name     string
		duty     cases.Duty
		met      bool
		evidence string
		refusal  string // "" when saved
	}{
		{"met without evidence", cases.DutyPriorAssessment, true, "   ", "Say what shows that the duty is met: a document, its date, what it says."},
		{"evidence of 2001 characters", cases.DutyPriorAssessment, false, evidence2000 + "x", "Keep the evidence to 2000 characters; attach longer documents to the case."},
		{"a duty of the medium and low tiers", cases.DutyDisclosure, false, "", "Disclosure is not a duty for a system of high risk."},
		{"not met, without evidence", cases.DutyRiskWarning, false, "", ""},
		{"met, with 2000 characters of evidence", cases.DutyPriorAssessment, true, evidence2000, ""},
	} {
		check, err := k.svc.MarkDuty(ctx, rapp, c.ID, tc.duty, tc.met, tc.evidence)
		var fe cases.FieldErrors
		switch {
		case tc.refusal == "" && err != nil:
			t.Errorf("%s: refused: %v", tc.name, err)
		case tc.refusal == "" && (check.Duty != tc.duty || check.Met != tc.met || check.MarkedByID != rapp.ID || check.MarkedBy != rapp.Name() || check.MarkedAt.IsZero()):
			t.Errorf("%s: recorded as %+v", tc.name, check)
		case tc.refusal != "" && (err == nil || (errors.As(err, &fe) && fe[cases.FieldEvidence] != tc.refusal) || (!errors.As(err, &fe) && err.Error() != tc.refusal)):
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.refusal)
		}
	}
	checks, err := k.svc.CaseDuties(ctx, k.sec, c.ID)
	must(t, err)
	if len(checks) != 2 || checks[0].Duty != cases.DutyPriorAssessment || !checks[0].Met || checks[0].Evidence != evidence2000 ||
		checks[1].Duty != cases.DutyRiskWarning || checks[1].Met || !checks[1].Marked() {
		t.Fatalf("the checklist reads %s", describeChecks(checks))
	}

	// Marking again records what it replaces.
	_, err = k.svc.MarkDuty(ctx, rapp, c.ID, cases.DutyPriorAssessment, false, "The assessment was withdrawn.")
	must(t, err)
	r := k.head()
	if r.Action != "case.duty" || r.EntityID != c.ID || !strings.Contains(r.Before, `"met":true`) || !strings.Contains(r.After, `"met":false`) ||
		!strings.Contains(r.After, "The assessment was withdrawn.") {
		t.Errorf("the second mark's audit entry: %s before %s after %s", r.Action, r.Before, r.After)
	}
	_, err = k.svc.MarkDuty(ctx, rapp, c.ID, cases.DutyRiskWarning, true, "A notice at every gate.")
	must(t, err)
	if r := k.head(); !strings.Contains(r.Before, `"met":false`) || !strings.Contains(r.Before, `"duty":"risk_warning"`) {
		t.Errorf("the risk warning's audit entry does not record the mark it replaced: %s", r.Before)
	}
	if r := k.head(); strings.Contains(r.Before, "withdrawn") {
		t.Errorf("the risk warning's audit entry records another duty's mark: %s", r.Before)
	}

	// The risk reassessed as low: the new tier's duties, none marked.
	cur, err := k.svc.GetCase(ctx, k.sec, c.ID)
	must(t, err)
	d := cur.Draft
	d.Risk = cases.RiskLow
	cur, err = k.svc.UpdateCase(ctx, k.sec, c.ID, cur.Version, d)
	must(t, err)
	checks, err = k.svc.CaseDuties(ctx, rapp, c.ID)
	must(t, err)
	if len(checks) != 2 || checks[0].Duty != cases.DutyDisclosure || checks[1].Duty != cases.DutyFollowUp || checks[0].Marked() || checks[1].Marked() {
		t.Fatalf("after the risk was reassessed as low: %s", describeChecks(checks))
	}

	// A withdrawn case's duties are no longer checked.
	_, err = k.svc.Transition(ctx, k.sec, c.ID, cur.Version, cases.Withdrawn, "The submitter withdrew the complaint.")
	must(t, err)
	if k.svc.MayMarkDuties(ctx, rapp, c.ID) {
		t.Error("the rapporteur may still mark a withdrawn case's duties")
	}
	if _, err := k.svc.MarkDuty(ctx, rapp, c.ID, cases.DutyDisclosure, false, ""); err == nil || !strings.Contains(err.Error(), "its duties can no longer be checked") {
		t.Errorf("marking a withdrawn case's duty: %v", err)
	}
	// A deactivated rapporteur no longer marks.
	must(t, k.svc.Deactivate(ctx, k.admin, rapp.ID))
	rapp.Active = false
	if _, err := k.svc.MarkDuty(ctx, rapp, c.ID, cases.DutyDisclosure, false, ""); err == nil {
		t.Error("a deactivated rapporteur marked a duty")
	}
}

// describeChecks lists duty checks without their (long) evidence.
func describeChecks(checks []cases.DutyCheck) string {
	var b strings.Builder
	for _, c := range checks {
		fmt.Fprintf(&b, "[%s met=%v marked by %d, %d characters of evidence] ", c.Duty, c.Met, c.MarkedByID, utf8.RuneCountInString(c.Evidence))
	}
	return b.String()
}

// The committee's language for documents: English until the
// administrator chooses one of the three; anything else is refused at
// its field, and nobody else may choose; the audit entry records the old
// and the new language.
func TestTheDocumentLanguageSetting(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	if l, err := k.svc.DocumentLanguage(ctx); l != cases.DocumentsInEnglish || err != nil {
		t.Fatalf("a new register prints documents in %q (%v)", l, err)
	}
	var fe cases.FieldErrors
	if err := k.svc.SaveDocumentLanguage(ctx, k.admin, "fr"); !errors.As(err, &fe) || fe["document_language"] != `"fr" is not a language documents can be printed in.` {
		t.Fatalf("French: %v", err)
	}
	var forbidden *cases.ForbiddenError
	if err := k.svc.SaveDocumentLanguage(ctx, k.sec, cases.DocumentsInChinese); !errors.As(err, &forbidden) {
		t.Fatalf("the secretariat chose the language: %v", err)
	}
	for _, l := range []cases.DocumentLanguage{cases.DocumentsBilingual, cases.DocumentsInChinese, cases.DocumentsInEnglish} {
		before, err := k.svc.DocumentLanguage(ctx)
		must(t, err)
		must(t, k.svc.SaveDocumentLanguage(ctx, k.admin, l))
		if got, err := k.svc.DocumentLanguage(ctx); got != l || err != nil {
			t.Fatalf("saved %q, read back %q (%v)", l, got, err)
		}
		r := k.head()
		if r.Action != "settings.document_language" || !strings.Contains(r.Before, `"`+string(before)+`"`) || !strings.Contains(r.After, `"`+string(l)+`"`) {
			t.Errorf("the audit entry of %q: %s %s -> %s", l, r.Action, r.Before, r.After)
		}
	}
}
