package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"ethicsdesk/demo"
	"ethicsdesk/store"
)

func cmdSeed(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "register file to fill (created if missing)")
	n := fs.Int("cases", 2000, "number of cases to add")
	notes := fs.Int("notes", -1, "number of notes to add in all (default: 5 per case)")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same register")
	opinions := fs.Int("opinions", demo.DefaultOpinions, "recent decided cases that get real signed opinions (each takes about a second)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *db == "" {
		fmt.Fprintln(stderr, "seed: give the register file with --db PATH")
		return 2
	}
	if *n < 0 {
		fmt.Fprintln(stderr, "seed: --cases must be 0 or more")
		return 2
	}
	if *notes < 0 {
		*notes = 5 * *n
	}
	reg, err := store.Open(*db, store.Options{})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer reg.Close()
	start := time.Now()
	last := time.Now()
	err = demo.Seed(context.Background(), reg, demo.SeedOptions{Cases: *n, Notes: *notes, Seed: *seed, Opinions: *opinions,
		Progress: func(done, total int) {
			if time.Since(last) > 2*time.Second {
				fmt.Fprintf(stdout, "  %d of %d cases…\n", done, total)
				last = time.Now()
			}
		}})
	if err != nil {
		fmt.Fprintln(stderr, "seed:", err)
		return 1
	}
	fmt.Fprintf(stdout, "Added %d cases and %d notes to %s in %s.\n", *n, *notes, reg.Path, time.Since(start).Round(time.Millisecond))
	return 0
}
