package cases

import (
	"strings"
	"testing"
)

var testRef = Reference{
	Types: map[string]CaseType{
		"ethics_complaint": {Code: "ethics_complaint", Name: "Ethics complaint", Complaint: true, DecisionDays: 30},
		"guidance_request": {Code: "guidance_request", Name: "Guidance request", DecisionDays: 30},
	},
	Catalogue: map[string]CatalogueEntry{"Q84": {Code: "Q84", Name: "Health care"}},
}

func goodDraft() Draft {
	return Draft{TypeCode: "ethics_complaint", Title: "Biased triage model", Summary: "A hospital's triage model ranks older patients lower.",
		ReceivedOn: MustDate("2026-03-02"), Channel: ChannelWebForm, Submitter: Submitter{Kind: SubmitterPerson, Name: "Chen Jie"},
		Respondent: "City Hospital", AISystem: "TriageAI", Sector: "healthcare", CatalogueCode: "q84", Risk: RiskHigh,
		Breach: "discrimination", Priority: PriorityNormal}
}

func TestValidDraftPasses(t *testing.T) {
	d := goodDraft().Normalize(testRef.Types)
	if fe := d.Validate(testRef, MustDate("2026-03-05")); fe != nil {
		t.Fatalf("valid draft refused: %v", fe)
	}
	if d.CatalogueCode != "Q84" {
		t.Fatalf("catalogue code not normalised: %q", d.CatalogueCode)
	}
}

func TestValidationMessages(t *testing.T) {
	today := MustDate("2026-03-05")
	cases := []struct {
		name  string
		edit  func(*Draft)
		field string
		want  string
	}{
		{"missing title", func(d *Draft) { d.Title = "  " }, FieldTitle, "Enter a title."},
		{"title too long", func(d *Draft) { d.Title = strings.Repeat("長", MaxTitle+1) }, FieldTitle, "Too long: 201 characters, at most 200."},
		{"future date", func(d *Draft) { d.ReceivedOn = MustDate("2026-03-06") }, FieldReceivedOn, "The received date cannot be in the future."},
		{"ancient date", func(d *Draft) { d.ReceivedOn = MustDate("0201-01-01") }, FieldReceivedOn, "too far in the past"},
		{"no date", func(d *Draft) { d.ReceivedOn = Date{} }, FieldReceivedOn, "Enter the date"},
		{"unknown code", func(d *Draft) { d.CatalogueCode = "Z99" }, FieldCatalogue, "Unknown classification code \"Z99\""},
		{"unknown type", func(d *Draft) { d.TypeCode = "complaint_about_cats" }, FieldType, "not in the committee's list"},
		{"no submitter", func(d *Draft) { d.Submitter.Name = "" }, FieldSubmitter, "or mark the submission anonymous"},
		{"no breach on complaint", func(d *Draft) { d.Breach = "" }, FieldBreach, "Choose the alleged breach."},
		{"no respondent on complaint", func(d *Draft) { d.Respondent = "" }, FieldRespondent, "Enter the organisation"},
		{"bad channel", func(d *Draft) { d.Channel = "pigeon" }, FieldChannel, "Choose how"},
		{"bad risk", func(d *Draft) { d.Risk = "" }, FieldRisk, "Choose a risk tier."},
		{"summary too long", func(d *Draft) { d.Summary = strings.Repeat("a", MaxSummary+1) }, FieldSummary, "Too long"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := goodDraft()
			tc.edit(&d)
			fe := d.Normalize(testRef.Types).Validate(testRef, today)
			if !strings.Contains(fe[tc.field], tc.want) {
				t.Fatalf("field %s: got %q, want it to contain %q (all: %v)", tc.field, fe[tc.field], tc.want, fe)
			}
			if len(fe) != 1 {
				t.Fatalf("expected only %s to fail, got %v", tc.field, fe)
			}
		})
	}
}

func TestAnonymousAndGuidanceNormalisation(t *testing.T) {
	d := goodDraft()
	d.TypeCode = "guidance_request"
	d.Submitter = Submitter{Kind: SubmitterAnonymous, Name: "should vanish", Contact: "x"}
	d = d.Normalize(testRef.Types)
	if d.Breach != "" || d.Submitter.Name != "" || d.Submitter.Contact != "" {
		t.Fatalf("normalisation kept what does not apply: %+v", d)
	}
	if fe := d.Validate(testRef, MustDate("2026-03-05")); fe != nil {
		t.Fatalf("anonymous guidance request refused: %v", fe)
	}
}

func TestHostileTextIsCleaned(t *testing.T) {
	d := goodDraft()
	d.Title = "Bad\x00title\nwith\u202eRTL \xff"
	d.Summary = "line1\r\nline2\x07"
	d = d.Normalize(testRef.Types)
	if strings.ContainsAny(d.Title, "\x00\n") || d.Summary != "line1\nline2" {
		t.Fatalf("not cleaned: %q / %q", d.Title, d.Summary)
	}
	if fe := d.Validate(testRef, MustDate("2026-03-05")); fe != nil {
		t.Fatalf("cleaned draft refused: %v", fe)
	}
}

// A draft's edges: a title of exactly 200 characters and a date of
// receipt of 1 January 1990 are accepted, 31 December 1989 is not; a
// draft without a priority is normal, and one marked emergency stays so.
func TestDraftEdgesAndPriority(t *testing.T) {
	today := MustDate("2026-03-05")
	d := goodDraft()
	d.Title = strings.Repeat("長", MaxTitle)
	d.ReceivedOn = NewDate(EarliestYear, 1, 1)
	if fe := d.Normalize(testRef.Types).Validate(testRef, today); fe != nil {
		t.Fatalf("a 200-character title received on 1 January 1990: %v", fe)
	}
	d.ReceivedOn = NewDate(EarliestYear-1, 12, 31)
	if fe := d.Normalize(testRef.Types).Validate(testRef, today); !strings.Contains(fe[FieldReceivedOn], "too far in the past") {
		t.Fatalf("received on 31 December 1989: %v", fe)
	}
	d = goodDraft()
	d.Priority = ""
	if got := d.Normalize(testRef.Types).Priority; got != PriorityNormal {
		t.Fatalf("a draft without a priority is %q", got)
	}
	d.Priority = PriorityEmergency
	if got := d.Normalize(testRef.Types).Priority; got != PriorityEmergency {
		t.Fatalf("an emergency draft became %q", got)
	}
}
