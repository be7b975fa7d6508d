package cases

import (
	"context"
	"fmt"
)

// DocumentLanguage is the language in which opinions, letters, minutes and
// reports print their fixed texts (headings, labels, the signature block,
// page numbers) and dates. What people wrote is printed as written.
type DocumentLanguage string

const (
	DocumentsInEnglish DocumentLanguage = "en"
	DocumentsInChinese DocumentLanguage = "zh-Hans"
	// DocumentsBilingual prints each fixed text in Chinese with its English.
	DocumentsBilingual DocumentLanguage = "zh-Hans+en"
)

// DocumentLanguages lists the choices in the order a chooser shows them.
var DocumentLanguages = []DocumentLanguage{DocumentsInEnglish, DocumentsInChinese, DocumentsBilingual}

// Valid reports whether l is one of DocumentLanguages.
func (l DocumentLanguage) Valid() bool {
	for _, k := range DocumentLanguages {
		if l == k {
			return true
		}
	}
	return false
}

const settingDocumentLanguage = "document_language"

// DocumentLanguage is the committee's language for documents, English
// until the administrator chooses another. Anyone signed in may read it.
func (s *Service) DocumentLanguage(ctx context.Context) (DocumentLanguage, error) {
	repo, err := s.accounts()
	if err != nil {
		return DocumentsInEnglish, err
	}
	m, err := repo.Settings(ctx)
	if err != nil {
		return DocumentsInEnglish, err
	}
	if l := DocumentLanguage(m[settingDocumentLanguage]); l.Valid() {
		return l, nil
	}
	return DocumentsInEnglish, nil
}

// SaveDocumentLanguage sets the committee's language for documents
// (administrator only; *ForbiddenError otherwise, FieldErrors for a
// language that is not one of DocumentLanguages). A single opinion or
// letter may still be printed in another.
func (s *Service) SaveDocumentLanguage(ctx context.Context, actor User, l DocumentLanguage) error {
	if err := require(actor, ActManageSettings); err != nil {
		return err
	}
	if !l.Valid() {
		return FieldErrors{settingDocumentLanguage: fmt.Sprintf("%q is not a language documents can be printed in.", l)}
	}
	old, err := s.DocumentLanguage(ctx)
	if err != nil {
		return err
	}
	repo, _ := s.accounts()
	values := map[string]string{settingDocumentLanguage: string(l)}
	return repo.SaveSettings(ctx, values, AuditEntry{Actor: actor, Action: "settings.document_language", Entity: "settings",
		Before: map[string]string{settingDocumentLanguage: string(old)}, After: values})
}

// documentLanguage is the language op is printed in: its own choice, made
// in the opinion editor, or the committee's.
func (s *Service) documentLanguage(ctx context.Context, op Opinion) DocumentLanguage {
	if op.Text.Language.Valid() {
		return op.Text.Language
	}
	l, _ := s.DocumentLanguage(ctx)
	return l
}
