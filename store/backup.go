package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"ethicsdesk/internal/safefile"
)

// DefaultBackupKeep is how many daily backups are kept when the setting is missing.
const DefaultBackupKeep = 14

// BackupResult describes a backup that was written and verified.
type BackupResult struct {
	Path  string
	Size  int64
	Cases int
}

// Backup writes a consistent copy of the register to out while the program
// keeps working (VACUUM INTO reads one snapshot; writers are not blocked),
// then checks the copy (SQLite's quick check and the register's own checks,
// attachments included) before putting it in place. It never overwrites an
// existing file.
func (db *DB) Backup(ctx context.Context, out string) (BackupResult, error) {
	return db.BackupTo(ctx, out, false)
}

// BackupTo is Backup that, with replace, may replace an existing file that
// is not a register or a backup (--force, or a save dialog that asked).
// The copy is written beside out (owner-only) and appears under its name
// only once checked.
func (db *DB) BackupTo(ctx context.Context, out string, replace bool) (BackupResult, error) {
	out, err := filepath.Abs(out)
	if err != nil {
		return BackupResult{}, fmt.Errorf("The backup path %q is not valid.", out)
	}
	dir := filepath.Dir(out)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return BackupResult{}, fmt.Errorf("The backup folder %s cannot be created: %v.", dir, err)
	}
	opt := safefile.Options{Replace: replace, Guard: safefile.Guard{Register: db.Path}}
	if err := safefile.Check(out, opt); err != nil {
		return BackupResult{}, err
	}
	f, err := safefile.Temp(dir)
	if err != nil {
		return BackupResult{}, backupWriteError(dir, err)
	}
	tmp := f.Name()
	defer f.Close() // holds the temporary file's lock until the copy is in place
	defer removeDBFiles(tmp)

	if err := db.vacuumInto(ctx, tmp); err != nil {
		return BackupResult{}, backupWriteError(dir, err)
	}
	if err := syncFile(tmp); err != nil {
		return BackupResult{}, backupWriteError(dir, err)
	}
	problems, err := verifyCopy(ctx, tmp)
	if err != nil {
		return BackupResult{}, fmt.Errorf("The backup could not be checked, so it was not kept: %v", err)
	}
	if len(problems) > 0 {
		return BackupResult{}, fmt.Errorf("The backup copy failed its check, so it was not kept: %s. Run \"ethicsdesk check\" on the register.", strings.Join(problems, "; "))
	}
	res := BackupResult{Path: out}
	res.Cases, _ = countCases(ctx, tmp)
	if err := safefile.Place(tmp, out, opt); err != nil {
		return BackupResult{}, err
	}
	if fi, err := os.Stat(out); err == nil {
		res.Size = fi.Size()
	}
	return res, nil
}

// vacuumInto copies one consistent snapshot on a reader connection, so
// writers go on meanwhile. Readers are query_only, which also refuses
// VACUUM INTO; the flag is lifted for this statement only, and a connection
// that cannot get it back is discarded rather than returned to the pool.
func (db *DB) vacuumInto(ctx context.Context, target string) error {
	conn, err := db.read.Conn(ctx)
	if err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA query_only = 0"); err != nil {
		conn.Close()
		return err
	}
	_, vacErr := conn.ExecContext(ctx, "VACUUM INTO ?1", target)
	if _, err := conn.ExecContext(context.Background(), "PRAGMA query_only = 1"); err != nil {
		conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	conn.Close()
	return vacErr
}

func backupWriteError(dir string, err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.Code == sqlite3.ErrFull || errors.Is(err, errNoSpace) || strings.Contains(err.Error(), "no space left") {
		return fmt.Errorf("The backup could not be written to %s: the disk is full. Free some space or choose another place; the register was not changed.", dir)
	}
	return fmt.Errorf("The backup could not be written to %s: %v. The register was not changed.", dir, err)
}

// errNoSpace is matched by message because it reaches us wrapped in
// different ways on different systems.
var errNoSpace = errors.New("no space left on device")

// verifyCopy checks a register file that nobody else has open: SQLite's
// quick check on the raw file first (so a damaged copy is never migrated),
// then the register's own checks and every attachment's fingerprint.
func verifyCopy(ctx context.Context, path string) ([]string, error) {
	raw, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath())
	if err != nil {
		return nil, err
	}
	var problems []string
	rows, err := raw.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		raw.Close()
		return nil, explain(path, err)
	}
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			raw.Close()
			return nil, explain(path, err)
		}
		if msg != "ok" {
			problems = append(problems, "SQLite quick check: "+msg)
		}
	}
	rows.Close()
	raw.Close()
	if len(problems) > 0 {
		return problems, nil
	}
	db, err := Open(path, Options{})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	more, err := db.Check(ctx) // includes every attachment's fingerprint
	if err != nil {
		return nil, err
	}
	return append(problems, more...), nil
}

func countCases(ctx context.Context, path string) (int, error) {
	raw, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer raw.Close()
	var n int
	err = raw.QueryRowContext(ctx, "SELECT count(*) FROM cases").Scan(&n)
	return n, err
}

// VerifyBackup checks a backup file without changing it: it checks a
// temporary copy, so even an older backup is left exactly as it was.
func VerifyBackup(ctx context.Context, path string) ([]string, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("There is no backup at %s.", path)
	}
	tmp, err := tempPath(os.TempDir(), "ethicsdesk-verify-*.db")
	if err != nil {
		return nil, err
	}
	defer removeDBFiles(tmp)
	if err := copyFile(path, tmp); err != nil {
		return nil, err
	}
	return verifyCopy(ctx, tmp)
}

// BackupSettings reads where automatic backups go and how many are kept;
// an empty folder setting means a "backups" folder beside the register.
func (db *DB) BackupSettings(ctx context.Context) (dir string, keep int, err error) {
	var d string
	err = db.read.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'backup_dir'").Scan(&d)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", 0, err
	}
	if strings.TrimSpace(d) == "" {
		d = DefaultBackupDir(db.Path)
	}
	k, err := db.readIntSetting(ctx, "backup_keep", DefaultBackupKeep)
	if k <= 0 {
		k = DefaultBackupKeep
	}
	return d, int(k), err
}

// DefaultBackupDir is the "backups" folder beside the register.
func DefaultBackupDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "backups")
}

// dailyName is the automatic backup's file name for a day:
// register-2026-03-02.db for register.db.
func dailyName(dbPath string, day time.Time) string {
	base := strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath))
	return base + "-" + day.Format("2006-01-02") + ".db"
}

// Backups lists the automatic backups of dbPath in dir, oldest first.
func Backups(dir, dbPath string) ([]string, error) {
	base := strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath))
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		day, ok := strings.CutPrefix(name, base+"-")
		if !ok || e.IsDir() {
			continue
		}
		day, ok = strings.CutSuffix(day, ".db")
		if _, err := time.Parse("2006-01-02", day); !ok || err != nil {
			continue
		}
		out = append(out, filepath.Join(dir, name))
	}
	sort.Strings(out) // the date in the name sorts as it reads
	return out, nil
}

// LatestBackup is the newest automatic backup of dbPath in dir, "" if none.
func LatestBackup(dir, dbPath string) (string, error) {
	list, err := Backups(dir, dbPath)
	if err != nil || len(list) == 0 {
		return "", err
	}
	return list[len(list)-1], nil
}

// AutoBackup makes the day's backup of db into dir ("" for the default
// folder) unless one exists already, and then keeps only the newest keep
// automatic backups. It returns the path written, or "" when today's backup
// was already there. The window calls it at start-up.
func AutoBackup(db *DB, dir string, keep int, now time.Time) (string, error) {
	if dir == "" {
		dir = DefaultBackupDir(db.Path)
	}
	if keep <= 0 {
		keep = DefaultBackupKeep
	}
	if dir == DefaultBackupDir(db.Path) {
		// The folder is the app's own: backups are for the register's
		// owner only, even where an older version made it readable.
		if err := os.MkdirAll(dir, 0o700); err == nil {
			os.Chmod(dir, 0o700)
		}
	}
	target := filepath.Join(dir, dailyName(db.Path, now.Local()))
	written := ""
	if _, err := os.Stat(target); errors.Is(err, os.ErrNotExist) {
		if _, err := db.Backup(context.Background(), target); err != nil {
			return "", err
		}
		written = target
	}
	list, err := Backups(dir, db.Path)
	if err != nil {
		return written, err
	}
	for len(list) > keep {
		if err := os.Remove(list[0]); err != nil && !errors.Is(err, os.ErrNotExist) {
			return written, fmt.Errorf("The old backup %s could not be removed: %v.", list[0], err)
		}
		list = list[1:]
	}
	return written, nil
}

func tempPath(dir, pattern string) (string, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	name := f.Name()
	f.Close()
	// VACUUM INTO refuses an existing file, even an empty one.
	return name, os.Remove(name)
}

// removeDBFiles removes a temporary database and its -wal and -shm files.
func removeDBFiles(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal", ".lock"} {
		os.Remove(path + suffix)
	}
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// syncDir makes a rename durable; not every system supports it, so
// failures are ignored.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}
