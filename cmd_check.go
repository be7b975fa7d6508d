package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"ethicsdesk/store"
)

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "register file to check")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *db == "" {
		fmt.Fprintln(stderr, "check: give the register file with --db PATH")
		return 2
	}
	reg, err := store.OpenExisting(*db)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer reg.Close()
	problems, err := reg.Check(context.Background())
	if err != nil {
		fmt.Fprintln(stderr, "check:", err)
		return 1
	}
	if len(problems) > 0 {
		fmt.Fprintf(stderr, "%s has %d problem(s):\n", reg.Path, len(problems))
		for _, p := range problems {
			fmt.Fprintln(stderr, "  -", p)
		}
		return 1
	}
	seq, hash, _ := reg.AuditHead(context.Background())
	fmt.Fprintf(stdout, "%s is sound: integrity check passed, audit chain of %d entries intact (head %s).\n", reg.Path, seq, hash[:16])
	return 0
}
