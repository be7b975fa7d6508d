package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"ethicsdesk/internal/safefile"
)

// Restore replaces the register at dbPath with the backup from. Only an
// Ethics Desk register at a format this version reads is accepted; it is
// copied beside the register and fully checked first (Check: SQLite's
// integrity check, the audit chain, the register's own rules, every
// attachment's fingerprint). The current register (with its -wal and -shm
// files) is renamed aside with a time stamp, never overwritten or deleted,
// and its new name is returned ("" when there was no register). While any
// process has the register open, restore refuses with InUseError.
func Restore(ctx context.Context, dbPath, from string, now time.Time) (aside string, err error) {
	dbPath, err = filepath.Abs(dbPath)
	if err != nil {
		return "", fmt.Errorf("The register path %q is not valid.", dbPath)
	}
	if err := CheckBackupFile(from); err != nil {
		return "", err
	}
	dir := filepath.Dir(dbPath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("The register's folder %s cannot be created: %v.", dir, err)
	}
	lock, err := tryExclusive(dbPath)
	if err != nil {
		return "", err
	}
	defer lock.release()
	f, err := safefile.Temp(dir)
	if err != nil {
		return "", fmt.Errorf("The backup cannot be copied to %s: %v. Nothing was changed.", dir, err)
	}
	tmp := f.Name()
	defer f.Close() // holds the temporary file's lock until the copy is in place
	defer removeDBFiles(tmp)
	if err := copyInto(from, f); err != nil {
		return "", fmt.Errorf("The backup cannot be copied to %s: %v. Nothing was changed.", dir, err)
	}
	problems, err := verifyCopy(ctx, tmp)
	if err != nil {
		return "", fmt.Errorf("The backup %s cannot be used: %v Nothing was changed.", from, strings.TrimSuffix(err.Error(), ".")+".")
	}
	if len(problems) > 0 {
		return "", fmt.Errorf("The backup %s failed its check (%s), so it was not restored. Nothing was changed.", from, strings.Join(problems, "; "))
	}

	if _, err := os.Stat(dbPath); err == nil {
		checkpoint(dbPath)
		aside = asideName(dbPath, now)
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if _, err := os.Stat(dbPath + suffix); err != nil {
				continue
			}
			if err := os.Rename(dbPath+suffix, aside+suffix); err != nil {
				return "", fmt.Errorf("The current register could not be moved aside to %s: %v. The backup was not restored.", aside, err)
			}
		}
	}
	if err := os.Rename(tmp, dbPath); err != nil {
		return aside, fmt.Errorf("The backup could not be put in place: %v. The previous register is kept as %s.", err, aside)
	}
	syncDir(dir)
	return aside, nil
}

// CheckBackupFile refuses, before anything is copied or locked, a file
// that is not the backup of a register this version reads (the window asks
// before it closes its register).
func CheckBackupFile(from string) error {
	fi, err := os.Stat(from)
	if err != nil {
		return fmt.Errorf("There is no backup at %s.", from)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s is not a file, so it cannot be a backup. Nothing was changed.", from)
	}
	if fi.Size() == 0 {
		return fmt.Errorf("%s is empty: it is not a backup of an Ethics Desk register. Nothing was changed.", from)
	}
	kind, err := identify(from)
	if err != nil {
		problem := strings.TrimSuffix(strings.TrimSuffix(err.Error(), " It was left as it is."), " Install the newer version to open it; the file was not changed.")
		return fmt.Errorf("The backup cannot be restored: %s Nothing was changed.", problem)
	}
	if kind == kindUnmarked {
		if h, _ := readHeader(from); h.UserVersion == 0 {
			return fmt.Errorf("%s is an empty database, not a backup of an Ethics Desk register. Nothing was changed.", from)
		}
	}
	return nil
}

// copyInto copies the file from into the open file to and syncs it.
func copyInto(from string, to *os.File) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	if _, err := io.Copy(to, in); err != nil {
		return err
	}
	return to.Sync()
}

// asideName is where the current register goes on restore:
// register.db → register.before-restore-20260302-150405.db, with a counter
// if that exists already.
func asideName(dbPath string, now time.Time) string {
	ext := filepath.Ext(dbPath)
	base := strings.TrimSuffix(dbPath, ext) + ".before-restore-" + now.Format("20060102-150405")
	name := base + ext
	for i := 2; ; i++ {
		if _, err := os.Stat(name); errors.Is(err, os.ErrNotExist) {
			return name
		}
		name = fmt.Sprintf("%s-%d%s", base, i, ext)
	}
}

// checkpoint folds the -wal file into the register so the file moved aside
// is complete on its own. A damaged register may refuse; its -wal file is
// then moved along with it.
func checkpoint(path string) {
	raw, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?_busy_timeout=5000")
	if err != nil {
		return
	}
	defer raw.Close()
	raw.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
}
