package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"ethicsdesk/store"
)

func init() {
	subcommands["restore"] = subcommand{"replace a register with a checked backup, keeping the current file aside", cmdRestore}
}

// cmdRestore checks the backup, moves the current register aside under a
// time-stamped name and puts the backup in its place.
func cmdRestore(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "register file to replace (close the app first)")
	from := fs.String("from", "", "backup file to restore")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *db == "" || *from == "" {
		fmt.Fprintln(stderr, "restore: give the register with --db PATH and the backup with --from FILE")
		return 2
	}
	aside, err := store.Restore(context.Background(), *db, *from, time.Now())
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if aside != "" {
		fmt.Fprintf(stdout, "Restored %s from %s. The previous register is kept as %s.\n", *db, *from, aside)
	} else {
		fmt.Fprintf(stdout, "Restored %s from %s.\n", *db, *from)
	}
	return 0
}
