package cli

import (
	"flag"
	"path/filepath"

	"ethicsdesk/internal/safefile"
	"ethicsdesk/store"
)

// addForceFlag adds --force to a command that writes a file: without it an
// existing file is refused with a sentence.
func addForceFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("force", false, "replace the output file if it exists (a register or a backup is never replaced)")
}

// outputOptions are the rules for a command's output file: replace only
// with --force, and never the register named by --db, its -wal, -shm or
// lock files, or its backups.
func outputOptions(dbPath string, force bool) safefile.Options {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		abs = dbPath
	}
	return safefile.Options{Replace: force, Guard: safefile.Guard{Register: abs, BackupDir: store.DefaultBackupDir(abs)}}
}
