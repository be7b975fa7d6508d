package cases

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Form fields, as keys of FieldErrors.
const (
	FieldType       = "type"
	FieldTitle      = "title"
	FieldSummary    = "summary"
	FieldReceivedOn = "received_on"
	FieldChannel    = "channel"
	FieldSubmitter  = "submitter_name"
	FieldSubKind    = "submitter_kind"
	FieldContact    = "submitter_contact"
	FieldRespondent = "respondent"
	FieldAISystem   = "ai_system"
	FieldSector     = "sector"
	FieldCatalogue  = "catalogue_code"
	FieldRisk       = "risk"
	FieldBreach     = "breach"
	FieldPriority   = "priority"
	FieldNote       = "note"
	FieldReason     = "reason"
)

// Length limits, in characters.
const (
	MaxTitle     = 200
	MaxShortText = 200
	MaxContact   = 500
	MaxSummary   = 20000
	MaxNote      = 20000
	MaxReason    = 2000
	EarliestYear = 1990
)

// Catalogue lookups the validator needs; the Service fills them from the store.
type Reference struct {
	Types     map[string]CaseType
	Catalogue map[string]CatalogueEntry
}

// CleanLine makes a single-line field safe: valid UTF-8, no control
// characters (line breaks become spaces), no surrounding blanks.
func CleanLine(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// CleanText makes a multi-line field safe: valid UTF-8, Unix line breaks,
// tabs kept, other control characters dropped.
func CleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// Normalize cleans every text field of a draft and clears what does not apply.
func (d Draft) Normalize(types map[string]CaseType) Draft {
	d.Title = CleanLine(d.Title)
	d.Summary = CleanText(d.Summary)
	d.Submitter.Name = CleanLine(d.Submitter.Name)
	d.Submitter.Contact = CleanText(d.Submitter.Contact)
	d.Respondent = CleanLine(d.Respondent)
	d.AISystem = CleanLine(d.AISystem)
	d.CatalogueCode = strings.ToUpper(CleanLine(d.CatalogueCode))
	if d.Priority == "" {
		d.Priority = PriorityNormal
	}
	if d.Submitter.Kind == SubmitterAnonymous {
		d.Submitter.Name, d.Submitter.Contact = "", ""
	}
	if t, ok := types[d.TypeCode]; ok && !t.Complaint {
		d.Breach = ""
	}
	return d
}

// Validate checks a normalised draft and returns every problem at once, one
// message per field; nil means the draft can be saved.
func (d Draft) Validate(ref Reference, today Date) FieldErrors {
	fe := FieldErrors{}
	t, typeOK := ref.Types[d.TypeCode]
	if d.TypeCode == "" {
		fe[FieldType] = "Choose the type of case."
	} else if !typeOK {
		fe[FieldType] = "This case type is not in the committee's list."
	}
	required(fe, FieldTitle, d.Title, "Enter a title.")
	tooLong(fe, FieldTitle, d.Title, MaxTitle)
	required(fe, FieldSummary, d.Summary, "Enter a summary of the submission.")
	tooLong(fe, FieldSummary, d.Summary, MaxSummary)
	switch {
	case d.ReceivedOn.IsZero():
		fe[FieldReceivedOn] = "Enter the date the submission was received (YYYY-MM-DD)."
	case d.ReceivedOn.After(today):
		fe[FieldReceivedOn] = "The received date cannot be in the future."
	case d.ReceivedOn.Year() < EarliestYear:
		fe[FieldReceivedOn] = "The received date is too far in the past; check the year."
	}
	if !oneOf(d.Channel, AllChannels) {
		fe[FieldChannel] = "Choose how the submission arrived."
	}
	if !oneOf(d.Submitter.Kind, AllSubmitterKinds) {
		fe[FieldSubKind] = "Say whether the submitter is a person, an organisation or anonymous."
	} else if d.Submitter.Kind != SubmitterAnonymous {
		required(fe, FieldSubmitter, d.Submitter.Name, "Enter the submitter's name, or mark the submission anonymous.")
	}
	tooLong(fe, FieldSubmitter, d.Submitter.Name, MaxShortText)
	tooLong(fe, FieldContact, d.Submitter.Contact, MaxContact)
	if typeOK && t.Complaint {
		required(fe, FieldRespondent, d.Respondent, "Enter the organisation the complaint is about.")
	}
	tooLong(fe, FieldRespondent, d.Respondent, MaxShortText)
	tooLong(fe, FieldAISystem, d.AISystem, MaxShortText)
	if !oneOf(d.Sector, AllSectors) {
		fe[FieldSector] = "Choose a sector."
	}
	if d.CatalogueCode != "" {
		if _, ok := ref.Catalogue[d.CatalogueCode]; !ok {
			fe[FieldCatalogue] = "Unknown classification code \"" + d.CatalogueCode + "\"; pick one from the catalogue."
		}
	}
	if !oneOf(d.Risk, AllRisks) {
		fe[FieldRisk] = "Choose a risk tier."
	}
	if typeOK && t.Complaint && !oneOf(d.Breach, AllBreaches) {
		fe[FieldBreach] = "Choose the alleged breach."
	}
	if !oneOf(d.Priority, AllPriorities) {
		fe[FieldPriority] = "Choose a priority."
	}
	if len(fe) == 0 {
		return nil
	}
	return fe
}

func required(fe FieldErrors, field, value, msg string) {
	if value == "" {
		fe[field] = msg
	}
}

func tooLong(fe FieldErrors, field, value string, max int) {
	if _, set := fe[field]; set {
		return
	}
	if n := utf8.RuneCountInString(value); n > max {
		fe[field] = fmt.Sprintf("Too long: %d characters, at most %d.", n, max)
	}
}

func oneOf[T comparable](v T, all []T) bool {
	for _, a := range all {
		if a == v {
			return true
		}
	}
	return false
}
