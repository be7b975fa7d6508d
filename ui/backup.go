package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// busyDelay is how long a save may take before the window says it is
// waiting, typically for another copy of the program to finish its write.
const busyDelay = 300 * time.Millisecond

// busy runs a write off the main goroutine and shows a "waiting" dialog if
// it takes longer than busyDelay, so a write queued behind another copy of
// the program neither freezes the window nor fails; done runs on the main
// goroutine with the result.
func (d *desk) busy(win fyne.Window, what string, work func() error, done func(error)) {
	var dlg dialog.Dialog
	timer := time.AfterFunc(busyDelay, func() {
		d.run.post(func() {
			if dlg != nil {
				return
			}
			bar := widget.NewProgressBarInfinite()
			l := widget.NewLabel(lang.L("Waiting for the register: another user or window is saving. Your change will be saved as soon as it is free."))
			if d.opt.Server != "" {
				l.SetText(lang.L("Waiting for the committee server at {{.Server}}…", map[string]any{"Server": d.opt.Server}))
			}
			l.Wrapping = fyne.TextWrapWord
			dlg = dialog.NewCustomWithoutButtons(what, widget.NewForm(widget.NewFormItem("", l), widget.NewFormItem("", bar)), win)
			dlg.Resize(fyne.NewSize(420, 160))
			dlg.Show()
		})
	})
	d.run.background(func() func() {
		err := work()
		return func() {
			timer.Stop()
			if dlg != nil {
				dlg.Hide()
			}
			dlg = &dialog.ConfirmDialog{} // a late timer must not open a dialog now
			done(err)
		}
	})
}

// backupNow asks where to write a backup and writes it.
func (r *registerWindow) backupNow() {
	if !r.answers.mayBackup {
		return
	}
	save := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close() // unused: the backup is written beside and renamed into place
		r.d.busy(r.win, lang.L("Backing up…"), func() error {
			msg, err := r.d.svc.Backup(context.Background(), r.d.actor, path)
			if err == nil {
				r.d.run.post(func() { dialog.ShowInformation(lang.L("Backup written"), msg, r.win) })
			}
			return err
		}, func(err error) {
			if err != nil {
				showError(err, r.win)
			}
		})
	}, r.win)
	base := filepath.Base(r.d.opt.DBPath)
	save.SetFileName(fmt.Sprintf("%s-backup-%s.db", trimExt(base), time.Now().Format("2006-01-02-1504")))
	save.Resize(fyne.NewSize(800, 560))
	save.Show()
}

// restoreFromBackup asks for a backup file, confirms, and restores it.
func (r *registerWindow) restoreFromBackup() {
	if !r.answers.mayRestore {
		return
	}
	// The newest backup is asked off the main goroutine; the file dialog
	// opens in its folder when the answer lands.
	d := r.d
	d.run.background(func() func() {
		latest, err := d.svc.LatestBackup(d.actor)
		if err != nil {
			latest = ""
		}
		return func() { r.chooseBackup(latest) }
	})
}

// chooseBackup asks for the backup file to restore, starting in the
// folder of latest ("" for none).
func (r *registerWindow) chooseBackup(latest string) {
	open := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		r.confirmRestore(path)
	}, r.win)
	if latest != "" {
		if dir, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(latest))); err == nil {
			open.SetLocation(dir)
		}
	}
	open.Resize(fyne.NewSize(800, 560))
	open.Show()
}

// confirmRestore explains what restoring does before doing it.
func (r *registerWindow) confirmRestore(path string) {
	msg := lang.L("Replace the register with the backup {{.File}}? Changes made since that backup will not be in the register. The current file is kept aside under a new name, not deleted.",
		map[string]any{"File": filepath.Base(path)})
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	dlg := dialog.NewCustomConfirm(lang.L("Restore from backup"), lang.L("Restore"), lang.L("Cancel"), l, func(ok bool) {
		if !ok {
			return
		}
		var aside string
		r.d.busy(r.win, lang.L("Restore from backup"), func() error {
			var err error
			aside, err = r.d.svc.Restore(context.Background(), r.d.actor, path)
			return err
		}, func(err error) {
			if err != nil {
				showError(err, r.win)
				return
			}
			dialog.ShowInformation(lang.L("Register restored"),
				lang.L("The backup was restored. The previous register is kept as {{.File}}.", map[string]any{"File": aside}), r.win)
		})
	}, r.win)
	dlg.Resize(fyne.NewSize(480, 220))
	dlg.Show()
}

// OfferRestore is shown at start-up when the register is damaged: it says
// so in a sentence and offers the newest backup. Nothing is repaired or
// discarded without the user's choice.
func OfferRestore(win fyne.Window, problem, latest string, restore func()) {
	text := problem
	if latest == "" {
		text += " " + lang.L("No automatic backup was found; restore one with File › Restore from backup… or ethicsdesk restore.")
		dialog.ShowInformation(lang.L("The register is damaged"), text, win)
		return
	}
	text += " " + lang.L("The newest backup is {{.File}}.", map[string]any{"File": filepath.Base(latest)})
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	dlg := dialog.NewCustomConfirm(lang.L("The register is damaged"), lang.L("Restore the latest backup"), lang.L("Not now"), l,
		func(ok bool) {
			if ok {
				restore()
			}
		}, win)
	dlg.Resize(fyne.NewSize(520, 240))
	dlg.Show()
}

func trimExt(name string) string { return name[:len(name)-len(filepath.Ext(name))] }
