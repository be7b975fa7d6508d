package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"ethicsdesk/cases"
)

func init() {
	subcommands["search"] = subcommand{"full-text search of the register, best match first", cmdSearch}
}

func cmdSearch(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", "", "register file to search")
	limit := fs.Int("limit", 20, "number of results to print")
	snippets := fs.Bool("snippets", false, "print the matching extract under each result")
	userName := addUserFlag(fs)
	srv := addServerFlags(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	text := strings.Join(fs.Args(), " ")
	if (*db == "") == !srv.given() || strings.TrimSpace(text) == "" {
		fmt.Fprintln(stderr, "search: usage: ethicsdesk search --db PATH|--server URL --user NAME WORDS…")
		return 2
	}
	// The search acts as a signed-in user, so it finds only what that user
	// may read in the window (confidential cases, private notes).
	sess, code := openSession("search", *db, srv, *userName, stderr)
	if sess == nil {
		return code
	}
	defer sess.close()
	svc, actor := sess.svc, sess.actor
	start := time.Now()
	hits, err := svc.Search(context.Background(), actor, text, cases.Query{}, 0, *limit)
	if err != nil {
		fmt.Fprintln(stderr, "search:", err)
		return 1
	}
	data := plain(stdout) // the results read the same in every language
	for _, h := range hits {
		fmt.Fprintf(data, "%s\t%s\t%.3f\n", h.Reference, oneLine(h.Title), h.Score)
		if *snippets {
			fmt.Fprintf(data, "\t%s: %s\n", h.Source, oneLine(cases.SpansText(h.Snippet, "[", "]")))
		}
	}
	fmt.Fprintf(stderr, "%d result(s) in %s\n", len(hits), time.Since(start).Round(time.Microsecond))
	return 0
}

// oneLine keeps tab-separated output one record per line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
