package ui

import (
	"context"
	"errors"
	"io"
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
	"ethicsdesk/signing"
)

// maxVerifySize bounds the files the verify screen reads: an opinion is a
// few hundred kilobytes, so anything near this is not one.
const maxVerifySize = 64 << 20

// verifyWindow checks the digital signatures of a PDF opened or dropped
// on it and shows, per signature, what the signature proves.
type verifyWindow struct {
	d       *desk
	win     fyne.Window
	file    *widget.Label
	verdict *widget.Label
	root    *widget.Label // the committee root's fingerprint, for comparing with the published one
	result  *fyne.Container
}

// openVerify shows the verify screen.
func (d *desk) openVerify() *verifyWindow {
	v := &verifyWindow{d: d}
	v.win = d.app.NewWindow(lang.L("Verify a PDF") + " — " + lang.L("Ethics Desk"))
	intro := widget.NewLabel(lang.L("Open a signed PDF opinion, or drop it on this window, to check who signed it, in what capacity, and whether it has changed since."))
	intro.Wrapping = fyne.TextWrapWord
	open := widget.NewButtonWithIcon(lang.L("Open a PDF…"), theme.FolderOpenIcon(), v.choose)
	open.Importance = widget.HighImportance
	v.file = widget.NewLabel("")
	v.file.Truncation = fyne.TextTruncateEllipsis
	v.verdict = widget.NewLabel("")
	v.verdict.Wrapping = fyne.TextWrapWord
	v.verdict.TextStyle = fyne.TextStyle{Bold: true}
	v.verdict.Hide()
	v.result = container.NewVBox()
	v.root = loadingText()
	v.root.Wrapping = fyne.TextWrapWord
	v.root.Importance = widget.LowImportance
	top := container.NewVBox(intro, v.root, container.NewBorder(nil, nil, open, nil, v.file), v.verdict, widget.NewSeparator())
	v.win.SetContent(container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewVScroll(container.NewPadded(v.result))))
	v.win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
		for _, u := range uris {
			if strings.EqualFold(u.Extension(), ".pdf") {
				v.openURI(u)
				return
			}
		}
		v.showProblem(lang.L("Drop a PDF file (a file whose name ends in .pdf)."))
	})
	closeOnEscape(v.win, v.win.Close)
	v.win.Resize(fyne.NewSize(760, 680))
	v.win.Show()
	// The root is read off the main goroutine; "Loading…" stands meanwhile.
	d.load(v.win, sayIn(v.root, nil), nil, func() (func(), error) {
		text, err := v.rootText()
		return func() { v.root.SetText(text) }, err
	})
	return v
}

func (v *verifyWindow) choose() {
	dlg := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		v.read(r.URI().Name(), r)
	}, v.win)
	dlg.SetFilter(storage.NewExtensionFileFilter([]string{".pdf"}))
	dlg.Show()
}

func (v *verifyWindow) openURI(u fyne.URI) {
	r, err := storage.Reader(u)
	if err != nil {
		v.showProblem(lang.L("The file could not be opened: {{.Error}}", map[string]any{"Error": err.Error()}))
		return
	}
	defer r.Close()
	v.read(u.Name(), r)
}

func (v *verifyWindow) read(name string, r io.Reader) {
	data, err := io.ReadAll(io.LimitReader(r, maxVerifySize+1))
	if err != nil {
		v.showProblem(lang.L("The file could not be read: {{.Error}}", map[string]any{"Error": err.Error()}))
		return
	}
	if len(data) > maxVerifySize {
		v.showProblem(lang.L("This file is too large to be an opinion of this committee."))
		return
	}
	v.check(name, data)
}

// rootText says which root signatures are checked against, with its
// SHA-256 fingerprint, or that there is none; an error only when the
// committee server could not be asked.
func (v *verifyWindow) rootText() (string, error) {
	cert, err := v.d.svc.CommitteeRoot(context.Background())
	if err := unreachableIn(err); err != nil {
		return "", err
	}
	if errors.Is(err, cases.ErrNotAvailable) {
		return lang.L("No committee root certificate is available here: signatures are checked, but who made them cannot be verified."), nil
	}
	if err != nil {
		return lang.L("This committee has no root certificate yet: signatures are checked, but who made them cannot be verified."), nil
	}
	return lang.L("Signers must chain to this committee's root certificate, SHA-256 fingerprint {{.Fingerprint}}.",
		map[string]any{"Fingerprint": signing.Fingerprint(cert)}), nil
}

// check verifies data and shows the report; the verdict is the one
// `ethicsdesk verify` gives for the same file and register.
func (v *verifyWindow) check(name string, data []byte) {
	v.file.SetText(signing.Printable(filepath.Base(name)))
	d := v.d
	// Checking asks the register (the committee's root): off the main goroutine.
	say := func(text string) {
		if text != "" {
			v.showProblem(text)
		}
	}
	d.load(v.win, say, nil, func() (func(), error) {
		rep, err := d.svc.VerifyPDF(context.Background(), d.actor, data)
		return func() {
			if err != nil {
				v.showProblem(lang.L("This file could not be checked: {{.Error}}.", map[string]any{"Error": userText(err)}))
				return
			}
			v.show(rep)
		}, unreachableIn(err)
	})
}

func (v *verifyWindow) showProblem(msg string) {
	v.verdict.SetText(signing.Printable(msg))
	v.verdict.Importance = widget.DangerImportance
	v.verdict.Show()
	v.verdict.Refresh()
	v.result.RemoveAll()
}

// show draws the verdict, why it is not "verified", what the register
// says, one card per signature, and every change between and after them.
func (v *verifyWindow) show(rep *signing.Report) {
	v.result.RemoveAll()
	switch rep.Verdict() {
	case signing.Verified:
		v.verdict.SetText(lang.N("Verified: {{.Count}} valid signature, and the document has not changed since the last one.",
			len(rep.Signatures), map[string]any{"Count": len(rep.Signatures)}))
		v.verdict.Importance = widget.SuccessImportance
	case signing.SignersUnverified:
		v.verdict.SetText(lang.L("SIGNATURES INTACT BUT SIGNERS UNVERIFIED: the signatures are valid and the document has not changed, but there is no trusted root certificate to tell who made them."))
		v.verdict.Importance = widget.WarningImportance
	default:
		if len(rep.Signatures) == 0 {
			v.verdict.SetText(lang.L("NOT VERIFIED: this document carries no digital signature, so nothing proves who issued it."))
		} else {
			v.verdict.SetText(lang.L("NOT VERIFIED: see the problems listed below."))
		}
		v.verdict.Importance = widget.DangerImportance
	}
	v.verdict.Show()
	v.verdict.Refresh()
	section := func(title string, lines []string, bad bool) {
		if len(lines) == 0 {
			return
		}
		head := widget.NewLabel(title)
		head.TextStyle = fyne.TextStyle{Bold: true}
		body := widget.NewLabel("• " + strings.Join(lines, "\n• "))
		body.Wrapping = fyne.TextWrapWord
		if bad {
			body.Importance = widget.DangerImportance
		}
		v.result.Add(container.NewVBox(head, body, widget.NewSeparator()))
	}
	if rep.Verdict() == signing.NotVerified && len(rep.Signatures) > 0 {
		section(lang.L("Problems"), rep.Reasons(), true)
	}
	section(lang.L("Register"), rep.Notes, false)
	for i, s := range rep.Signatures {
		v.result.Add(signatureCard(i, len(rep.Signatures), s))
	}
	var between []string
	for _, c := range rep.Revisions {
		if c.Before > 0 {
			between = append(between, c.Text)
		}
	}
	section(lang.L("Changes between signatures"), between, false)
	changes := lang.L("None")
	if len(rep.ChangesAfterLastSignature) > 0 {
		changes = "• " + strings.Join(rep.ChangesAfterLastSignature, "\n• ")
	}
	if len(rep.Signatures) > 0 {
		head := widget.NewLabel(lang.L("Changes after the last signature"))
		head.TextStyle = fyne.TextStyle{Bold: true}
		body := widget.NewLabel(changes)
		body.Wrapping = fyne.TextWrapWord
		if len(rep.ChangesAfterLastSignature) > 0 {
			body.Importance = widget.DangerImportance
		}
		v.result.Add(container.NewVBox(head, body))
	}
	v.result.Refresh()
}

// signatureCard lists what one signature proves, problems in red.
func signatureCard(i, n int, s signing.SignatureReport) fyne.CanvasObject {
	title := widget.NewLabel(lang.L("Signature {{.N}} of {{.Total}}", map[string]any{"N": i + 1, "Total": n}))
	title.TextStyle = fyne.TextStyle{Bold: true}
	title.SizeName = theme.SizeNameSubHeadingText
	form := container.New(layout.NewFormLayout())
	row := func(k, val string, bad bool) {
		kl := widget.NewLabel(k)
		kl.TextStyle = fyne.TextStyle{Bold: true}
		vl := widget.NewLabel(val)
		vl.Wrapping = fyne.TextWrapWord
		if bad {
			vl.Importance = widget.DangerImportance
		}
		form.Add(kl)
		form.Add(vl)
	}
	signer := s.Signer()
	when := "—"
	if !s.SigningTime.IsZero() {
		when = formatDateTime(s.SigningTime)
	}
	valid := lang.L("Valid")
	if !s.Valid {
		valid = lang.L("Not valid: {{.Problem}}", map[string]any{"Problem": s.Problem})
	}
	chain := lang.L("Yes")
	if !s.ChainsToRoot {
		chain = lang.L("No")
		if s.ChainProblem != "" {
			chain += " — " + s.ChainProblem
		}
	}
	covers := lang.L("Yes")
	switch {
	case !s.CoversWholeFile && i < n-1:
		covers = lang.L("No: the later signatures were added after it, as expected")
	case !s.CoversWholeFile:
		covers = lang.L("No: something was added after this last signature")
	}
	row(lang.L("Signer"), orDash(signer), false)
	row(lang.L("Role"), orDash(s.SignerRole), false)
	row(lang.L("Meaning"), orDash(s.Reason), false)
	row(lang.L("Signed at"), when, false)
	row(lang.L("Signature"), valid, !s.Valid)
	row(lang.L("Chains to this committee's root"), chain, !s.ChainsToRoot)
	row(lang.L("Covers the whole document"), covers, !s.CoversWholeFile && i == n-1)
	if s.DocMDP > 0 {
		row(lang.L("Certification"), lang.L("Certifies the document; permission {{.P}} (1 no changes, 2 signing and forms, 3 also annotations)",
			map[string]any{"P": s.DocMDP}), false)
	}
	return container.NewVBox(title, form, widget.NewSeparator())
}

// verdictText is the verdict on display, for tests.
func (v *verifyWindow) verdictText() string { return v.verdict.Text }
