package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"ethicsdesk/pgstore"
	"ethicsdesk/store"
)

func init() {
	subcommands["migrate"] = subcommand{"copy a register file into an empty PostgreSQL database for the committee server", cmdMigrate}
}

// cmdMigrate copies a SQLite register into an empty PostgreSQL database:
// every row with its id and stored values, so that the audit chain keeps
// its hashes and check finds the copy sound. The file is left as it is.
func cmdMigrate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	from := fs.String("from", "", "the register file to copy (required)")
	to := fs.String("to", "", "the empty PostgreSQL database: postgres://USER@HOST:PORT/DATABASE (what it leaves out comes from PGHOST, PGUSER, PGPASSWORD, PGSSLMODE …; required)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ethicsdesk migrate --from register.db --to postgres://USER@HOST/DATABASE")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *from == "" || *to == "" || fs.NArg() != 0 {
		fs.Usage()
		return 2
	}
	ctx := context.Background()
	src, err := store.OpenExisting(*from)
	if err != nil {
		fmt.Fprintln(stderr, "migrate:", err)
		return 1
	}
	defer src.Close()
	problems, err := src.Check(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "migrate:", err)
		return 1
	}
	if len(problems) > 0 {
		fmt.Fprintf(stderr, "migrate: %s has %d problem(s) (ethicsdesk check --db %s lists them). Only a sound register is copied, so nothing was copied.\n", src.Path, len(problems), *from)
		return 1
	}
	foreign, err := pgstore.ForeignTables(ctx, *to)
	if err != nil {
		fmt.Fprintln(stderr, "migrate:", err)
		return 1
	}
	if len(foreign) > 0 {
		fmt.Fprintln(stderr, "migrate:", &pgstore.NotEmptyError{Source: "PostgreSQL database", Holds: fmt.Sprintf("it has the tables %s", strings.Join(foreign, ", "))})
		return 1
	}
	dst, err := pgstore.Open(ctx, *to)
	if err != nil {
		fmt.Fprintln(stderr, "migrate:", err)
		return 1
	}
	defer dst.Close()
	rep, srcSeq, srcHead, err := copyRegister(ctx, src, dst)
	if err != nil {
		fmt.Fprintln(stderr, "migrate:", err)
		return 1
	}
	problems, sum, err := dst.CheckWithSummary(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "migrate:", err)
		return 1
	}
	if len(problems) > 0 || sum.Entries != srcSeq || sum.Head != srcHead {
		fmt.Fprintf(stderr, "migrate: the copy in the %s does not check out (audit head %d %s, the file's %d %s):\n", dst.Source, sum.Entries, sum.Head, srcSeq, srcHead)
		for _, p := range problems {
			fmt.Fprintln(stderr, "  -", p)
		}
		return 1
	}
	fmt.Fprintf(stdout, "Copied %s into the %s: %d cases, %d notes, %d opinions, %d attachments, %d accounts, %d audit entries.\n",
		src.Path, dst.Source, rep.Rows["cases"], rep.Rows["notes"], rep.Rows["opinions"], rep.Rows["attachments"], rep.Rows["users"], rep.Rows["audit_log"])
	fmt.Fprintf(stdout, "The audit chain is the same on both (entry %d, hash %s), and check finds the copy sound.\n", sum.Entries, sum.Head)
	fmt.Fprintln(stdout, "The file was left as it is; serve the database with: ethicsdesk serve --postgres URL --user ADMIN")
	return 0
}

// copyRegister copies the register src, read at one moment (a read
// transaction), into dst. It returns the audit head of that moment, which
// the copy's must equal: the file may be written while it is copied (the
// desktop app still open on it), and those later entries are not in the
// copy.
func copyRegister(ctx context.Context, src *store.DB, dst *pgstore.DB) (rep pgstore.CopyReport, seq int64, head string, err error) {
	tx, seq, head, done, err := src.ReadSnapshot(ctx)
	if err != nil {
		return rep, 0, "", err
	}
	defer done()
	rep, err = dst.CopyFromSQLite(ctx, tx)
	return rep, seq, head, err
}
