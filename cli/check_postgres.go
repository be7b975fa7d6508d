package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"

	"ethicsdesk/pgstore"
)

// checkPostgres is `check --postgres URL`: the same checks as on a
// register file, on the committee server's PostgreSQL database (for
// instance one restored from pg_dump or by point-in-time recovery).
func checkPostgres(conn string, held []string, stdout, stderr io.Writer) int {
	ctx := context.Background()
	reg, err := pgstore.Open(ctx, conn)
	if err != nil {
		fmt.Fprintln(stderr, "check:", err)
		return 1
	}
	defer reg.Close()
	problems, sum, err := reg.CheckWithSummary(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "check:", err)
		return 1
	}
	for _, f := range held {
		pdf, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintf(stderr, "check: cannot read %s: %v\n", f, err)
			return 1
		}
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			fmt.Fprintf(stderr, "check: %s is not a PDF; on PostgreSQL, --against takes issued opinions (a backup is a pg_dump: restore it and check the restored database).\n", f)
			return 1
		}
		more, err := reg.CheckHeldPDF(ctx, f, pdf)
		if err != nil {
			fmt.Fprintln(stderr, "check:", err)
			return 1
		}
		problems = append(problems, more...)
	}
	if len(problems) > 0 {
		fmt.Fprintf(stderr, "The %s has %d problem(s):\n", reg.Source, len(problems))
		for _, p := range problems {
			fmt.Fprintln(stderr, "  -", p)
		}
		return 1
	}
	fmt.Fprintf(stdout, "The %s is sound: audit chain of %d entries intact (head %s).\n", reg.Source, sum.Entries, sum.Head)
	fmt.Fprintf(stdout, "  %d signed checkpoint(s) and %d audit head(s) printed on signed opinions match the chain; %d case, note, opinion and account rows match their last audit entry.\n",
		sum.Checkpoints, sum.Heads, sum.Rows)
	if sum.LegacyRows > 0 {
		fmt.Fprintf(stdout, "  %d rows were last written before this version fingerprinted rows, so their content could not be compared.\n", sum.LegacyRows)
	}
	if len(held) > 0 {
		fmt.Fprintf(stdout, "  The audit head of each of the %d file(s) given with --against is in the chain.\n", len(held))
	} else {
		fmt.Fprintln(stdout, "  A database rewound as a whole agrees with itself: give your newest issued opinion with --against FILE.")
	}
	return 0
}
