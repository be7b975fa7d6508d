package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
	"ethicsdesk/internal/safefile"
)

// savePDF asks where to save pdf and writes it there, never onto the
// register or its backups.
func savePDF(d *desk, parent fyne.Window, name string, pdf []byte) {
	saveProducedPDF(d, parent, name, func() ([]byte, error) { return pdf, nil }, nil)
}

// saveProducedPDF asks where to save a document and only once a file is
// chosen calls produce for its bytes: a letter is issued (and kept with
// the case) when the secretariat saves it, so cancelling the dialog
// issues and keeps nothing. failedAfter, if set, words a write that
// failed after produce succeeded.
func saveProducedPDF(d *desk, parent fyne.Window, name string, produce func() ([]byte, error), failedAfter func(error) error) {
	dlg := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close() // unused: the file is written by safefile
		// Producing it may ask the committee server: off the main goroutine.
		opts := d.saveOptions()
		d.busy(parent, lang.L("Saving the document"), func() error {
			pdf, err := produce()
			if err != nil {
				return err
			}
			if err := safefile.WriteBytes(path, pdf, opts); err != nil {
				if failedAfter != nil {
					err = failedAfter(err)
				}
				return err
			}
			return nil
		}, func(err error) {
			if err != nil {
				showError(err, parent)
				return
			}
			d.saveFolder = filepath.Dir(path)
			dialog.ShowInformation(lang.L("Saved"), lang.L("Saved as {{.Path}}.", map[string]any{"Path": path}), parent)
		})
	}, parent)
	dlg.SetFileName(name)
	dlg.SetFilter(storage.NewExtensionFileFilter([]string{".pdf"}))
	if d.saveFolder != "" {
		if dir, err := storage.ListerForURI(storage.NewFileURI(d.saveFolder)); err == nil {
			dlg.SetLocation(dir)
		}
	}
	dlg.Show()
}

// saveIssuedPDF saves the exact bytes that were issued.
func (ed *opinionEditor) saveIssuedPDF() {
	d, caseID, ref := ed.d, ed.caseID, ed.c.Reference
	loadFor(d, ed.win, func(ctx context.Context) (issuedPDF, error) {
		pdf, op, err := d.svc.IssuedOpinionPDF(ctx, d.actor, caseID)
		return issuedPDF{pdf, op}, err
	}, func(got issuedPDF) {
		savePDF(d, ed.win, fmt.Sprintf("%s-opinion-%d.pdf", safeFileName(ref), got.op.ID), got.pdf)
	})
}

// issuedPDF is an issued opinion's bytes, read to be saved.
type issuedPDF struct {
	pdf []byte
	op  cases.Opinion
}

// lettersButton offers the letters to the submitter (askActions found
// that the user may write them).
func (cw *caseWindow) lettersButton() *widget.Button {
	var b *widget.Button
	b = widget.NewButtonWithIcon(lang.L("Letters…"), theme.MailComposeIcon(), func() {
		menu := fyne.NewMenu("",
			fyne.NewMenuItem(lang.L("Acknowledgement of receipt"), func() { cw.letter(cases.LetterAcknowledgement, nil, time.Time{}) }),
			fyne.NewMenuItem(lang.L("Request for information…"), cw.askInformation),
		)
		notice := fyne.NewMenuItem(lang.L("Notice of decision"), func() { cw.letter(cases.LetterDecisionNotice, nil, time.Time{}) })
		notice.Disabled = !cw.issued
		menu.Items = append(menu.Items, notice)
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
		widget.ShowPopUpMenuAtPosition(menu, cw.win.Canvas(), pos.Add(fyne.NewPos(0, b.Size().Height)))
	})
	return b
}

// letterPDF renders one letter for the case as the user sees it, in
// language l ("" for the committee's language of documents).
func (cw *caseWindow) letterPDF(kind cases.LetterKind, items []string, due time.Time, l cases.DocumentLanguage) ([]byte, error) {
	return cw.letterFor(cw.c, kind, items, due, l)
}

// letterFor renders the letter for c as loaded (it runs off the main
// goroutine, so it reads no widget and not the window's current case).
func (cw *caseWindow) letterFor(c cases.Case, kind cases.LetterKind, items []string, due time.Time, l cases.DocumentLanguage) ([]byte, error) {
	if l == "" {
		l, _ = cw.d.svc.DocumentLanguage(context.Background())
	}
	req := cases.LetterRequest{Kind: kind, Case: c, From: cw.d.actor, Date: time.Now(), Items: items, DueBy: due, Language: l}
	if kind == cases.LetterDecisionNotice {
		_, op, err := cw.d.svc.IssuedOpinionPDF(context.Background(), cw.d.actor, cw.id)
		if errors.Is(err, cases.ErrNotFound) {
			return nil, fmt.Errorf("%s", lang.L("This case has no issued opinion yet."))
		}
		if err != nil {
			return nil, err
		}
		req.Decision, req.IssuedOn = op.Text.Decision, op.IssuedAt
	}
	return cw.d.svc.Letter(context.Background(), cw.d.actor, req)
}

func (cw *caseWindow) letter(kind cases.LetterKind, items []string, due time.Time) {
	cw.issueLetter(fmt.Sprintf("%s-%s.pdf", safeFileName(cw.c.Reference), strings.ReplaceAll(string(kind), "_", "-")),
		kind, items, due, "")
}

// issueLetter asks where to save the letter and, once a file is chosen,
// writes the letter, keeps it with the case and saves it there.
// Cancelling the dialog leaves no trace: the letter was not issued.
func (cw *caseWindow) issueLetter(name string, kind cases.LetterKind, items []string, due time.Time, l cases.DocumentLanguage) {
	c := cw.c
	saveProducedPDF(cw.d, cw.win, name, func() ([]byte, error) {
		pdf, err := cw.letterFor(c, kind, items, due, l)
		if err == nil {
			cw.reload() // the letter is now one of the case's documents
		}
		return pdf, err
	}, func(err error) error {
		return fmt.Errorf("%s", lang.L("The letter is issued and kept with the case's documents, but it could not be saved here: {{.Error}}. Save it again from the case's documents.",
			map[string]any{"Error": err.Error()}))
	})
}

// askInformation asks what is missing and by when, then prints the request.
func (cw *caseWindow) askInformation() {
	items := widget.NewMultiLineEntry()
	items.SetMinRowsVisible(5)
	items.SetPlaceHolder(lang.L("One item per line"))
	due := widget.NewEntry()
	due.SetText(time.Now().AddDate(0, 0, 14).Format("2006-01-02"))
	errL := newFieldError()
	printedIn := newDocumentLanguageChooser("", true, "")
	printedIn.readCommittee(cw.d)
	var dlg dialog.Dialog
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Information asked for"), items),
		widget.NewFormItem(lang.L("Reply by (YYYY-MM-DD)"), due),
		widget.NewFormItem(lang.L("Printed in"), printedIn.Select))
	submit := widget.NewButton(lang.L("Write the letter…"), func() {
		var list []string
		for _, l := range strings.Split(items.Text, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				list = append(list, l)
			}
		}
		if len(list) == 0 {
			errL.set(lang.L("List the information you are asking for."))
			return
		}
		by, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(due.Text), time.Local)
		if err != nil {
			errL.set(lang.L("Write the reply-by date as year-month-day, for example 2026-04-30."))
			return
		}
		dlg.Hide()
		cw.issueLetter(safeFileName(cw.c.Reference)+"-request-for-information.pdf", cases.LetterRequestInfo, list, by, printedIn.language())
	})
	submit.Importance = widget.HighImportance
	dlg = dialog.NewCustom(lang.L("Request for information"), lang.L("Cancel"),
		container.NewVBox(form, errL.Label, submit), cw.win)
	dlg.Resize(fyne.NewSize(560, 360))
	dlg.Show()
}
