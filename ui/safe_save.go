package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage/repository"

	"ethicsdesk/internal/safefile"
)

// Fyne's save dialog opens the chosen file with os.Create, emptying it,
// before it calls back: choosing the register by mistake would destroy it
// before any check could run. The window therefore registers a file
// repository whose writers open the file only on the first Write. The
// save dialogs here never write through them: they take the path, close
// the writer (which leaves the file as it was) and write with safefile,
// which refuses the register, its companions and its backups.

// fileRepository is everything Fyne's own file repository does.
type fileRepository interface {
	repository.Repository
	repository.WritableRepository
	repository.AppendableRepository
	repository.ListableRepository
	repository.HierarchicalRepository
	repository.CopyableRepository
	repository.MovableRepository
}

type lazyFileRepository struct{ fileRepository }

func (r lazyFileRepository) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	return &lazyWriter{repo: r.fileRepository, uri: u}, nil
}

// lazyWriter opens its file on the first Write; closed unused, it leaves
// the file untouched (and creates none).
type lazyWriter struct {
	repo fileRepository
	uri  fyne.URI
	w    fyne.URIWriteCloser
}

func (l *lazyWriter) URI() fyne.URI { return l.uri }

func (l *lazyWriter) Write(p []byte) (int, error) {
	if l.w == nil {
		w, err := l.repo.Writer(l.uri)
		if err != nil {
			return 0, err
		}
		l.w = w
	}
	return l.w.Write(p)
}

func (l *lazyWriter) Close() error {
	if l.w == nil {
		return nil
	}
	return l.w.Close()
}

// keepSaveDialogsFromEmptyingFiles installs lazyFileRepository over the
// driver's file repository (each new app registers its own).
func keepSaveDialogsFromEmptyingFiles() {
	r, err := repository.ForScheme("file")
	if err != nil {
		return
	}
	if _, done := r.(lazyFileRepository); done {
		return
	}
	if full, ok := r.(fileRepository); ok {
		repository.Register("file", lazyFileRepository{full})
	}
}

// saveOptions are the rules for a file the user chose in a save dialog:
// the dialog already asked before replacing a file, but the register, its
// companion files and its backups are never written.
func (d *desk) saveOptions() safefile.Options {
	return safefile.Options{Replace: true, Guard: safefile.Guard{Register: d.opt.DBPath, BackupDir: d.opt.BackupDir}}
}
