package ui

import (
	"context"
	"crypto/x509"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"

	"ethicsdesk/internal/safefile"
	"ethicsdesk/signing"
)

// exportRoot writes the committee's root certificate to a PEM file the
// user names, for recipients who install it in Adobe Reader or an NSS
// database, and shows the fingerprint they should compare it with.
func (r *registerWindow) exportRoot() {
	d := r.d
	d.load(r.win, nil, nil, func() (func(), error) {
		cert, err := d.svc.CommitteeRoot(context.Background())
		return func() { r.saveRoot(cert, err) }, unreachableIn(err)
	})
}

// saveRoot asks where to write the root certificate read.
func (r *registerWindow) saveRoot(cert *x509.Certificate, err error) {
	if err != nil {
		dialog.ShowInformation(lang.L("No root certificate"),
			lang.L("This committee has no root certificate yet: the administrator creates it in Signatures › Signing keys."), r.win)
		return
	}
	pem := signing.CertificatePEM(cert)
	fingerprint := signing.Fingerprint(cert)
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close() // unused: the file is written by safefile
		if err := safefile.WriteBytes(path, pem, r.d.saveOptions()); err != nil {
			showError(err, r.win)
			return
		}
		dialog.ShowInformation(lang.L("Root certificate exported"),
			lang.L("The committee's root certificate was written to {{.Path}}.\n\nSHA-256 fingerprint:\n{{.Fingerprint}}\n\nPublish the fingerprint where recipients can see it, so they can check the file before trusting it.",
				map[string]any{"Path": path, "Fingerprint": fingerprint}), r.win)
	}, r.win)
	save.SetFileName("committee-root.pem")
	save.SetFilter(storage.NewExtensionFileFilter([]string{".pem"}))
	save.Show()
}
