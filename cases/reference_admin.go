package cases

import (
	"context"
	"regexp"
	"unicode/utf8"
)

// The administrator keeps the register's reference data in the window:
// the case types with their day counts (SaveCaseType, service.go), new
// case types, and the classification catalogue (Art. 9). Each change is
// audited.

// Fields of the reference data forms.
const (
	FieldTypeCode      = "type_code"
	FieldTypeName      = "type_name"
	FieldCatalogueCode = "catalogue_code"
	FieldCatalogueName = "catalogue_name"
)

// caseTypeCode is a case type's code: it is stored on every case of the
// type and names its translation ("type.<code>"), so it is kept plain.
var caseTypeCode = regexp.MustCompile(`^[a-z][a-z0-9_]{1,39}$`)

// catalogueCode is an industry classification code as GB/T 4754 writes
// them: a section letter and up to four digits (I65, C3911).
var catalogueCode = regexp.MustCompile(`^[A-Z][0-9]{0,4}$`)

// AddCaseType adds a case type (administrator only). Its code cannot be one
// already used; name and day count are checked as SaveCaseType checks them.
func (s *Service) AddCaseType(ctx context.Context, actor User, t CaseType) error {
	if err := require(actor, ActManageSettings); err != nil {
		return err
	}
	t.Code = CleanLine(t.Code)
	if !caseTypeCode.MatchString(t.Code) {
		return FieldErrors{FieldTypeCode: "Write the code in small letters, digits and underscores, starting with a letter, for example research_review."}
	}
	types, err := s.repo.CaseTypes(ctx)
	if err != nil {
		return err
	}
	for _, old := range types {
		if old.Code == t.Code {
			return FieldErrors{FieldTypeCode: "There is already a case type with this code."}
		}
	}
	return s.saveCaseType(ctx, actor, t, nil, "case_type.add")
}

// CatalogueRepository stores the classification catalogue.
type CatalogueRepository interface {
	SaveCatalogueEntry(ctx context.Context, e CatalogueEntry, audit AuditEntry) error
}

// AddCatalogueEntry adds a classification code that is not in the
// catalogue yet (administrator only); SaveCatalogueEntry renames.
func (s *Service) AddCatalogueEntry(ctx context.Context, actor User, e CatalogueEntry) error {
	if err := require(actor, ActManageSettings); err != nil {
		return err
	}
	entries, err := s.repo.Catalogue(ctx)
	if err != nil {
		return err
	}
	for _, old := range entries {
		if old.Code == CleanLine(e.Code) {
			return FieldErrors{FieldCatalogueCode: "There is already a classification with this code."}
		}
	}
	return s.SaveCatalogueEntry(ctx, actor, e)
}

// SaveCatalogueEntry adds a classification code or renames one
// (administrator only). Codes are never removed: cases keep theirs.
func (s *Service) SaveCatalogueEntry(ctx context.Context, actor User, e CatalogueEntry) error {
	if err := require(actor, ActManageSettings); err != nil {
		return err
	}
	e.Code, e.Name = CleanLine(e.Code), CleanLine(e.Name)
	fe := FieldErrors{}
	if !catalogueCode.MatchString(e.Code) {
		fe[FieldCatalogueCode] = "Write the code as the national classification does: a capital letter and up to four digits, for example I65."
	}
	if e.Name == "" {
		fe[FieldCatalogueName] = "Enter the name of the classification."
	} else if utf8.RuneCountInString(e.Name) > 200 {
		fe[FieldCatalogueName] = "Keep the name to 200 characters."
	}
	if len(fe) > 0 {
		return fe
	}
	repo, ok := s.repo.(CatalogueRepository)
	if !ok {
		return ErrNotAvailable
	}
	entries, err := s.repo.Catalogue(ctx)
	if err != nil {
		return err
	}
	audit := AuditEntry{Actor: actor, Action: "catalogue.add", Entity: "catalogue", After: e}
	for _, old := range entries {
		if old.Code == e.Code {
			audit.Action, audit.Before = "catalogue.rename", old
		}
	}
	return repo.SaveCatalogueEntry(ctx, e, audit)
}
