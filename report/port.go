package report

import (
	"context"

	"ethicsdesk/cases"
	"ethicsdesk/opinion"
)

// Annuals writes annual reports for the Service (cases.AnnualReporter).
type Annuals struct{}

var _ cases.AnnualReporter = Annuals{}

// AnnualReport is Annual with the committee's name and address, in
// language.
func (Annuals) AnnualReport(ctx context.Context, svc *cases.Service, actor cases.User, year int, name, address string, language cases.DocumentLanguage, progress func(done, total int)) ([]byte, error) {
	return Annual(ctx, svc, actor, year, opinion.Letterhead{Name: name, Address: address, Language: opinion.Language(language)}, progress)
}
