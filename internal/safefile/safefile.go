// Package safefile is the one way Ethics Desk writes a file the user named
// (reports, exports, opinions, letters, backups): it refuses to replace an
// existing file unless asked to, never writes onto the open register, its
// companion files or its backups, and writes through a temporary file in
// the same folder that is synced and renamed into place, so an interrupted
// or failed write (a full disk) leaves no partial file under the name asked
// for. Files are created readable by their owner only.
package safefile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"ethicsdesk/internal/filelock"
)

// TempPrefix starts the name of every temporary file this package makes;
// RemoveStale finds the ones a killed process left behind by it.
const TempPrefix = ".ethicsdesk-tmp-"

// RegisterApplicationID is the SQLite application_id of an Ethics Desk
// register (store.ApplicationID): a file carrying it is never replaced.
const RegisterApplicationID = 0x4544534b

// Guard names what a write must never touch.
type Guard struct {
	// Register is the open register file; its -wal, -shm, -journal and
	// .lock companions are guarded with it.
	Register string
	// BackupDir is the register's backup folder: new files may be written
	// there, but no existing file in it is ever replaced.
	BackupDir string
}

// Options say how a file may be written.
type Options struct {
	// Replace allows an existing file to be replaced (--force, or a save
	// dialog that already asked). A register or a backup is never replaced.
	Replace bool
	Guard   Guard
}

// ExistsError refuses to replace a file the user did not ask to replace.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s already exists: choose another name, or give --force to replace it.", e.Path)
}

// RefusedError refuses a target that must never be written.
type RefusedError struct{ Path, Why string }

func (e *RefusedError) Error() string {
	return fmt.Sprintf("%s cannot be written: %s Nothing was written.", e.Path, e.Why)
}

// Check says whether path may be written under opt, without writing. A
// command calls it before expensive work, so that a refusal comes first.
func Check(path string, opt Options) error {
	_, err := check(path, opt)
	return err
}

// WriteBytes writes data to path (see Write).
func WriteBytes(path string, data []byte, opt Options) error {
	return Write(path, opt, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Write checks path, lets write fill a temporary file beside it, syncs it
// and puts it in place. On any error the temporary file is removed and
// nothing is left under path.
func Write(path string, opt Options, write func(w io.Writer) error) error {
	abs, err := check(path, opt)
	if err != nil {
		return err
	}
	f, err := Temp(filepath.Dir(abs))
	if err != nil {
		return writeError(abs, err)
	}
	tmp := f.Name()
	err = write(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return writeError(abs, err)
	}
	return Place(tmp, abs, opt)
}

// Temp creates an empty temporary file (0600) in dir, named with
// TempPrefix and locked while it is open, so RemoveStale leaves it alone
// until its writer ends.
func Temp(dir string) (*os.File, error) {
	f, err := os.CreateTemp(dir, TempPrefix+"*")
	if err != nil {
		return nil, err
	}
	// The lock lives as long as this open file; a killed writer loses it.
	filelock.TryExclusive(f)
	return f, nil
}

// Place moves the finished temporary file tmp (in path's folder) to path
// under opt, checking the target again just before: without Replace an
// existing file is never overwritten, even one that appeared meanwhile.
// tmp is removed on failure.
func Place(tmp, path string, opt Options) error {
	abs, err := check(path, opt)
	if err != nil {
		os.Remove(tmp)
		return err
	}
	os.Chmod(tmp, 0o600)
	if opt.Replace {
		err = os.Rename(tmp, abs)
	} else {
		// A hard link fails if the name exists, so nothing is overwritten.
		err = os.Link(tmp, abs)
		if errors.Is(err, os.ErrExist) {
			os.Remove(tmp)
			return &ExistsError{Path: abs}
		}
		if err != nil { // a file system without hard links
			if _, serr := os.Lstat(abs); serr == nil {
				os.Remove(tmp)
				return &ExistsError{Path: abs}
			}
			err = os.Rename(tmp, abs)
		}
		os.Remove(tmp)
	}
	if err != nil {
		os.Remove(tmp)
		return writeError(abs, err)
	}
	SyncDir(filepath.Dir(abs))
	return nil
}

// check returns the absolute target path, or why it may not be written.
func check(path string, opt Options) (string, error) {
	if strings.TrimSpace(path) == "" {
		return "", errors.New("No file name was given.")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", &RefusedError{Path: path, Why: "the path is not valid."}
	}
	dir := filepath.Dir(abs)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return "", &RefusedError{Path: abs, Why: fmt.Sprintf("the folder %s does not exist.", dir)}
	}
	target := resolve(abs)
	if g := opt.Guard.Register; g != "" {
		reg := resolve(absOr(g))
		for _, suffix := range []string{"", "-wal", "-shm", "-journal", ".lock"} {
			if same(target, reg+suffix) || same(abs, absOr(g)+suffix) {
				what := "it is the open register."
				if suffix != "" {
					what = "it belongs to the open register."
				}
				return "", &RefusedError{Path: abs, Why: what}
			}
		}
	}
	fi, err := os.Lstat(abs)
	if errors.Is(err, os.ErrNotExist) {
		return abs, nil
	}
	if err != nil {
		return "", &RefusedError{Path: abs, Why: fmt.Sprintf("it cannot be examined (%v).", err)}
	}
	if fi.IsDir() {
		return "", &RefusedError{Path: abs, Why: "it is a folder."}
	}
	if b := opt.Guard.BackupDir; b != "" && inside(target, resolve(absOr(b))) {
		return "", &RefusedError{Path: abs, Why: "it is a backup of the register, and backups are never replaced."}
	}
	if IsRegisterFile(target) {
		return "", &RefusedError{Path: abs, Why: "it is an Ethics Desk register or backup, and those are never replaced."}
	}
	if !opt.Replace {
		return "", &ExistsError{Path: abs}
	}
	if !fi.Mode().IsRegular() && fi.Mode()&os.ModeSymlink == 0 {
		return "", &RefusedError{Path: abs, Why: "it is not an ordinary file."}
	}
	return abs, nil
}

// IsRegisterFile reports whether path starts with the header of a SQLite
// file that carries the register's application_id.
func IsRegisterFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var h [72]byte
	if _, err := io.ReadFull(f, h[:]); err != nil {
		return false
	}
	if !bytes.Equal(h[:16], []byte("SQLite format 3\x00")) {
		return false
	}
	id := uint32(h[68])<<24 | uint32(h[69])<<16 | uint32(h[70])<<8 | uint32(h[71])
	return id == RegisterApplicationID
}

// resolve follows symbolic links in path (or in its folder when the file
// does not exist yet), so two names of one file compare equal.
func resolve(path string) string {
	if r, err := filepath.EvalSymlinks(path); err == nil {
		return r
	}
	if d, err := filepath.EvalSymlinks(filepath.Dir(path)); err == nil {
		return filepath.Join(d, filepath.Base(path))
	}
	return path
}

func absOr(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// same compares by name and, when both exist, by identity (hard links).
func same(a, b string) bool {
	if a == b {
		return true
	}
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

func inside(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func writeError(path string, err error) error {
	if errors.Is(err, syscall.ENOSPC) || strings.Contains(err.Error(), "no space left") {
		return fmt.Errorf("%s could not be written: the disk is full. Free some space or choose another place; nothing was written.", path)
	}
	return fmt.Errorf("%s could not be written: %w. Nothing was written.", path, err)
}

// SyncDir makes a rename durable; not every system supports it, so
// failures are ignored.
func SyncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}

// RemoveStale removes the temporary files in dir that a killed process
// left behind: ones whose writer still runs hold a lock and are kept.
func RemoveStale(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), TempPrefix) || e.IsDir() || companion(e.Name()) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		stale := filelock.TryExclusive(f) == nil
		f.Close() // before removing: Windows cannot remove an open file
		if stale {
			for _, suffix := range append(companions, "") {
				os.Remove(p + suffix)
			}
		}
	}
}

// companions are the files SQLite (and the register lock) keep beside a
// database; a temporary database's go with it.
var companions = []string{"-wal", "-shm", "-journal", ".lock"}

func companion(name string) bool {
	for _, c := range companions {
		if strings.HasSuffix(name, c) {
			return true
		}
	}
	return false
}
