package ui

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// attachmentsView is the "Attachments" section of a case window: each file
// with its size, type, who added it and when, an Open button, and (for
// those who may edit) an "Attach files…" button. Files dropped on the case
// window land here too.
type attachmentsView struct {
	cw   *caseWindow
	box  *fyne.Container
	list *fyne.Container
}

func newAttachmentsView(cw *caseWindow) *attachmentsView {
	v := &attachmentsView{cw: cw, list: container.NewVBox()}
	head := widget.NewLabel(lang.L("Attachments"))
	head.TextStyle = fyne.TextStyle{Bold: true}
	top := container.NewHBox(head, layout.NewSpacer())
	if cw.d.can(cases.ActEditCase) {
		top.Add(widget.NewButtonWithIcon(lang.L("Attach files…"), theme.ContentAddIcon(), v.choose))
	}
	v.box = container.NewVBox(widget.NewSeparator(), top, v.list)
	return v
}

// attachmentsData is a case's attachments as read from the service.
type attachmentsData struct {
	list []cases.Attachment
	err  error
}

func loadAttachments(d *desk, caseID int64) attachmentsData {
	list, err := d.svc.Attachments(context.Background(), d.actor, caseID)
	return attachmentsData{list, err}
}

// reload lists the case's attachments afresh, read off the main goroutine.
func (v *attachmentsView) reload() {
	d, id := v.cw.d, v.cw.id
	d.load(v.cw.win, v.cw.sayProblem, nil, func() (func(), error) {
		data := loadAttachments(d, id)
		return func() { v.show(data) }, unreachableIn(data.err)
	})
}

// show lists the attachments read.
func (v *attachmentsView) show(data attachmentsData) {
	list, err := data.list, data.err
	v.list.RemoveAll()
	switch {
	case err != nil:
		l := widget.NewLabel(lang.L("The attachments could not be read: {{.Error}}", map[string]any{"Error": domainText(err.Error())}))
		l.Importance = widget.DangerImportance
		l.Wrapping = fyne.TextWrapWord
		v.list.Add(l)
	case len(list) == 0:
		none := widget.NewLabel(lang.L("No attachments. Drop files on this window to attach them."))
		none.Importance = widget.LowImportance
		v.list.Add(none)
	}
	for _, a := range list {
		a := a
		name := widget.NewLabel(a.FileName)
		name.Truncation = fyne.TextTruncateEllipsis
		info := widget.NewLabel(fmt.Sprintf("%s · %s · %s · %s", cases.HumanSize(a.Size), a.ContentType, a.AddedBy, formatDateTime(a.AddedAt)))
		info.Importance = widget.LowImportance
		info.Truncation = fyne.TextTruncateEllipsis
		open := widget.NewButtonWithIcon(lang.L("Open"), theme.FileIcon(), func() { v.open(a) })
		v.list.Add(container.NewBorder(nil, nil, nil, open, container.NewVBox(name, info)))
	}
	v.list.Refresh()
}

// open checks the file against its fingerprint (in the Service), writes it
// to a private temporary folder and hands it to the system viewer.
func (v *attachmentsView) open(a cases.Attachment) {
	d := v.cw.d
	loadFor(d, v.cw.win, func(ctx context.Context) (openedFile, error) {
		data, meta, err := d.svc.OpenAttachment(ctx, d.actor, a.ID)
		return openedFile{data, meta}, err
	}, func(f openedFile) { v.view(f.data, f.meta) })
}

// openedFile is an attachment read to be viewed.
type openedFile struct {
	data []byte
	meta cases.Attachment
}

// view writes an attachment to a private temporary folder and hands it
// to the system viewer.
func (v *attachmentsView) view(data []byte, meta cases.Attachment) {
	win := v.cw.win
	dir, err := os.MkdirTemp("", "ethicsdesk-open-*")
	if err != nil {
		showError(fmt.Errorf(lang.L("The file could not be prepared for viewing: %v"), err), win)
		return
	}
	path := filepath.Join(dir, cases.CleanFileName(meta.FileName))
	if err := os.WriteFile(path, data, 0o600); err != nil {
		showError(fmt.Errorf(lang.L("The file could not be prepared for viewing: %v"), err), win)
		return
	}
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = v.cw.d.app.OpenURL(u)
	}
	if err != nil {
		showError(fmt.Errorf(lang.L("No program could open %s: %v. A copy is at %s."), meta.FileName, err, path), win)
	}
}

// choose lets the user pick a file to attach.
func (v *attachmentsView) choose() {
	dlg := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		defer rc.Close()
		v.attachURIs([]fyne.URI{rc.URI()})
	}, v.cw.win)
	dlg.Resize(fyne.NewSize(800, 560))
	dlg.Show()
}

// attachURIs reads local files and attaches them all, or none if one is
// refused (too large, empty, unreadable).
func (v *attachmentsView) attachURIs(uris []fyne.URI) {
	if !v.cw.d.can(cases.ActEditCase) {
		dialog.ShowInformation(lang.L("Attachments"), lang.L("You may not attach files to this case."), v.cw.win)
		return
	}
	files, err := readDroppedFiles(uris)
	if err != nil {
		showError(err, v.cw.win)
		return
	}
	if len(files) == 0 {
		return
	}
	v.cw.d.busy(v.cw.win, lang.L("Attaching…"), func() error {
		_, err := v.cw.d.svc.AddAttachments(context.Background(), v.cw.d.actor, v.cw.id, files)
		return err
	}, func(err error) {
		if err != nil {
			showError(err, v.cw.win)
			return
		}
		v.reload()
	})
}

// maxReadBytes bounds what is read from a dropped file before the Service
// applies the real limit, so a dropped disk image cannot exhaust memory.
const maxReadBytes = 1 << 30

func readDroppedFiles(uris []fyne.URI) ([]cases.NewAttachment, error) {
	var out []cases.NewAttachment
	for _, u := range uris {
		if u.Scheme() != "file" {
			continue
		}
		fi, err := os.Stat(u.Path())
		if err != nil {
			return nil, fmt.Errorf(lang.L("The file %s could not be read: %v"), u.Name(), err)
		}
		if fi.IsDir() {
			return nil, fmt.Errorf(lang.L("%s is a folder; drop the files inside it instead."), u.Name())
		}
		f, err := os.Open(u.Path())
		if err != nil {
			return nil, fmt.Errorf(lang.L("The file %s could not be read: %v"), u.Name(), err)
		}
		data, err := io.ReadAll(io.LimitReader(f, maxReadBytes))
		f.Close()
		if err != nil {
			return nil, fmt.Errorf(lang.L("The file %s could not be read: %v"), u.Name(), err)
		}
		out = append(out, cases.NewAttachment{FileName: u.Name(), ContentType: u.MimeType(), Data: data})
	}
	return out, nil
}

// dropped handles files dropped on a case window: .eml files are attached
// like any other file here (a new case from an e-mail is made by dropping
// it on the register window).
func (cw *caseWindow) dropped(_ fyne.Position, uris []fyne.URI) {
	if cw.attachments != nil {
		cw.attachments.attachURIs(uris)
	}
}

func isMailFile(u fyne.URI) bool {
	return strings.EqualFold(u.Extension(), ".eml")
}
