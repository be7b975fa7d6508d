package cli

import (
	"context"
	"flag"
	"fmt"
	"io"

	"ethicsdesk/cases"
	"ethicsdesk/internal/safefile"
	"ethicsdesk/store"
)

func init() {
	subcommands["backup"] = subcommand{"write a checked copy of a register (safe while the app runs)", cmdBackup}
}

// cmdBackup writes a consistent copy with VACUUM INTO and reports success
// only after the copy passed its checks.
func cmdBackup(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "register file to back up")
	out := fs.String("out", "", "backup file to write (must not exist, unless --force)")
	force := addForceFlag(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *db == "" || *out == "" {
		fmt.Fprintln(stderr, "backup: give the register with --db PATH and the backup file with --out FILE")
		return 2
	}
	if err := safefile.Check(*out, outputOptions(*db, *force)); err != nil {
		fmt.Fprintln(stderr, "backup:", err)
		return 1
	}
	reg, err := store.OpenExisting(*db)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer reg.Close()
	res, err := reg.BackupTo(context.Background(), *out, *force)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "Backed up %d cases to %s (%s); the copy passed its checks.\n", res.Cases, res.Path, cases.HumanSize(res.Size))
	return 0
}
