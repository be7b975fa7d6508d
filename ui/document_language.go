package ui

import (
	"context"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// documentLanguageName is a document language as the choosers list it,
// each in its own words.
func documentLanguageName(l cases.DocumentLanguage) string {
	switch l {
	case cases.DocumentsInChinese:
		return "中文"
	case cases.DocumentsBilingual:
		return "中文 + English"
	}
	return "English"
}

// documentLanguageChooser picks the language a document is printed in.
// With committeeDefault set it offers "the committee's language" first,
// which chooses "" (follow the committee); otherwise one of the languages.
type documentLanguageChooser struct {
	*widget.Select
	choices []cases.DocumentLanguage
}

// committee is the committee's language, read beforehand off the main
// goroutine (it names the first choice when committeeDefault is set).
func newDocumentLanguageChooser(committee cases.DocumentLanguage, committeeDefault bool, current cases.DocumentLanguage) *documentLanguageChooser {
	c := &documentLanguageChooser{}
	var names []string
	if committeeDefault {
		c.choices = append(c.choices, "")
		names = append(names, lang.L("The committee's language ({{.Language}})", map[string]any{"Language": documentLanguageName(committee)}))
	}
	for _, l := range cases.DocumentLanguages {
		c.choices = append(c.choices, l)
		names = append(names, documentLanguageName(l))
	}
	c.Select = widget.NewSelect(names, nil)
	for i, l := range c.choices {
		if l == current {
			c.SetSelectedIndex(i)
		}
	}
	if c.SelectedIndex() < 0 {
		c.SetSelectedIndex(0)
	}
	return c
}

// readCommittee reads the committee's language off the main goroutine and
// names the first choice after it when it lands.
func (c *documentLanguageChooser) readCommittee(d *desk) {
	d.run.background(func() func() {
		committee, err := d.svc.DocumentLanguage(context.Background())
		if err != nil {
			return nil // the choice keeps naming English, the default
		}
		return func() {
			if len(c.choices) > 0 && c.choices[0] == "" {
				c.Options[0] = lang.L("The committee's language ({{.Language}})", map[string]any{"Language": documentLanguageName(committee)})
				if c.SelectedIndex() == 0 {
					c.Selected = c.Options[0]
				}
				c.Refresh()
			}
		}
	})
}

// language is the choice: "" for the committee's language.
func (c *documentLanguageChooser) language() cases.DocumentLanguage {
	if i := c.SelectedIndex(); i >= 0 && i < len(c.choices) {
		return c.choices[i]
	}
	return ""
}
