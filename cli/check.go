package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"ethicsdesk/store"
)

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "register file to check")
	var held []string
	fs.Func("against", "an issued opinion PDF or a backup kept outside the register, whose audit head must be in the chain (repeatable)", func(s string) error {
		held = append(held, s)
		return nil
	})
	pg := fs.String("postgres", "", "a register on PostgreSQL to check instead: postgres://USER@HOST/DATABASE (see the README, \"PostgreSQL\")")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *pg != "" && *db == "" {
		return checkPostgres(*pg, held, stdout, stderr)
	}
	if *db == "" || *pg != "" {
		fmt.Fprintln(stderr, "check: give the register file with --db PATH (or a PostgreSQL register with --postgres URL)")
		return 2
	}
	reg, err := store.OpenExisting(*db)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer reg.Close()
	problems, sum, err := reg.CheckWithSummary(context.Background())
	if err != nil {
		fmt.Fprintln(stderr, "check:", err)
		return 1
	}
	for _, f := range held {
		more, err := checkHeld(reg, f)
		if err != nil {
			fmt.Fprintln(stderr, "check:", err)
			return 1
		}
		problems = append(problems, more...)
	}
	if len(problems) > 0 {
		fmt.Fprintf(stderr, "%s has %d problem(s):\n", reg.Path, len(problems))
		for _, p := range problems {
			fmt.Fprintln(stderr, "  -", p)
		}
		return 1
	}
	fmt.Fprintf(stdout, "%s is sound: integrity check passed, audit chain of %d entries intact (head %s).\n", reg.Path, sum.Entries, sum.Head)
	fmt.Fprintf(stdout, "  %d signed checkpoint(s) and %d audit head(s) printed on signed opinions match the chain; %d case, note, opinion and account rows match their last audit entry.\n",
		sum.Checkpoints, sum.Heads, sum.Rows)
	if sum.LegacyRows > 0 {
		fmt.Fprintf(stdout, "  %d rows were last written before this version fingerprinted rows, so their content could not be compared.\n", sum.LegacyRows)
	}
	if len(held) > 0 {
		fmt.Fprintf(stdout, "  The audit head of each of the %d file(s) given with --against is in the chain.\n", len(held))
	} else {
		fmt.Fprintln(stdout, "  A register rewound as a whole agrees with itself: give your newest issued opinion or a backup kept elsewhere with --against FILE.")
	}
	return 0
}

// checkHeld compares one file kept outside the register, an issued
// opinion or a backup, with the register's chain.
func checkHeld(reg *store.DB, path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	head := make([]byte, 5)
	n, _ := io.ReadFull(f, head)
	f.Close()
	if string(head[:n]) != "%PDF-" {
		return reg.CheckHeldBackup(context.Background(), path)
	}
	pdf, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	return reg.CheckHeldPDF(context.Background(), path, pdf)
}
