package store

import (
	"context"
	"fmt"
	"regexp"
	"strconv"

	"ethicsdesk/cases"
)

var referencePattern = regexp.MustCompile(`^EC-(\d{4})-(\d{4,})$`)

// Check runs SQLite's integrity check and the register's own consistency
// checks, and returns one sentence per problem found; none means sound.
func (db *DB) Check(ctx context.Context) ([]string, error) {
	problems, _, err := db.CheckWithSummary(ctx)
	return problems, err
}

// CheckSummary says what a check compared, for its closing sentence.
type CheckSummary struct {
	Entries     int64 // audit entries, all linked
	Head        string
	Checkpoints int // signed checkpoints verified against the chain
	Heads       int // audit heads printed on signed opinions found in the chain
	Rows        int // rows of cases, notes, opinions and accounts compared
	LegacyRows  int // rows last written before fingerprints, not comparable
}

// CheckWithSummary is Check, with what was compared.
func (db *DB) CheckWithSummary(ctx context.Context) ([]string, CheckSummary, error) {
	var sum CheckSummary
	problems, err := db.checkFile(ctx)
	if err != nil {
		return nil, sum, err
	}
	anchors, err := db.checkAnchors(ctx, &sum)
	if err != nil {
		return nil, sum, err
	}
	return append(problems, anchors...), sum, nil
}

// checkAnchors walks the audit chain and holds it against what must agree
// with it: the signed checkpoints, the heads printed on signed opinions,
// and the current rows.
func (db *DB) checkAnchors(ctx context.Context, sum *CheckSummary) ([]string, error) {
	w, err := db.walkAudit(ctx)
	if err != nil {
		return nil, err
	}
	var problems []string
	if w.BadSeq != 0 {
		problems = append(problems, fmt.Sprintf("audit log: %s (entry %d)", w.Problem, w.BadSeq))
	}
	sum.Entries = int64(len(w.Hashes) - 1)
	sum.Head = w.Hashes[len(w.Hashes)-1]
	roots, err := db.committeeRoots(ctx)
	if err != nil {
		return nil, err
	}
	more, n, err := db.checkCheckpoints(ctx, w, roots)
	if err != nil {
		return nil, err
	}
	problems, sum.Checkpoints = append(problems, more...), n
	more, n, err = db.checkOpinionPDFs(ctx, w, roots)
	if err != nil {
		return nil, err
	}
	problems, sum.Heads = append(problems, more...), n
	if w.BadSeq != 0 {
		return problems, nil // rows are compared with an intact chain only
	}
	more, compared, legacy, err := db.checkRowPrints(ctx, w.Prints)
	if err != nil {
		return nil, err
	}
	sum.Rows, sum.LegacyRows = compared, legacy
	return append(problems, more...), nil
}

// checkFile is SQLite's own checks and the register's consistency rules.
func (db *DB) checkFile(ctx context.Context) ([]string, error) {
	var problems []string
	rows, err := db.read.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, explain(db.Path, err)
	}
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			return nil, err
		}
		if msg != "ok" {
			problems = append(problems, "SQLite integrity check: "+msg)
		}
	}
	rows.Close()

	fk, err := db.read.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return nil, err
	}
	for fk.Next() {
		var table, parent string
		var rowid, fkid any
		if err := fk.Scan(&table, &rowid, &parent, &fkid); err != nil {
			fk.Close()
			return nil, err
		}
		problems = append(problems, fmt.Sprintf("a row of %s (rowid %v) refers to a missing row of %s", table, rowid, parent))
	}
	fk.Close()

	more, err := db.checkCases(ctx)
	if err != nil {
		return nil, err
	}
	index, err := db.CheckSearchIndex(ctx)
	if err != nil {
		return nil, err
	}
	files, err := db.CheckAttachments(ctx)
	if err != nil {
		return nil, err
	}
	guards, err := db.checkTriggers(ctx)
	if err != nil {
		return nil, err
	}
	return append(append(append(append(problems, more...), index...), files...), guards...), nil
}

// checkCases checks references, statuses and dates row by row.
func (db *DB) checkCases(ctx context.Context) ([]string, error) {
	var problems []string
	counters := map[int]int{}
	crows, err := db.read.QueryContext(ctx, "SELECT year, last FROM reference_counters")
	if err != nil {
		return nil, err
	}
	for crows.Next() {
		var y, n int
		if err := crows.Scan(&y, &n); err != nil {
			crows.Close()
			return nil, err
		}
		counters[y] = n
	}
	crows.Close()

	rows, err := db.read.QueryContext(ctx, "SELECT reference, status, status_rank, received_on, due_on FROM cases ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var ref, status, received, due string
		var rank int
		if err := rows.Scan(&ref, &status, &rank, &received, &due); err != nil {
			return nil, err
		}
		m := referencePattern.FindStringSubmatch(ref)
		if m == nil {
			problems = append(problems, fmt.Sprintf("case %q: the reference is not of the form EC-YYYY-NNNN", ref))
			continue
		}
		year, _ := strconv.Atoi(m[1])
		num, _ := strconv.Atoi(m[2])
		if num > counters[year] {
			problems = append(problems, fmt.Sprintf("case %s: its number is above the counter for %d (%d), so it could be handed out twice", ref, year, counters[year]))
		}
		st := cases.Status(status)
		if !st.Valid() {
			problems = append(problems, fmt.Sprintf("case %s: unknown status %q", ref, status))
		} else if statusRank(st) != rank {
			problems = append(problems, fmt.Sprintf("case %s: its sort position does not match its status", ref))
		}
		if _, err := cases.ParseDate(received); err != nil || received == "" {
			problems = append(problems, fmt.Sprintf("case %s: the received date %q is not a date", ref, received))
		}
		if _, err := cases.ParseDate(due); err != nil {
			problems = append(problems, fmt.Sprintf("case %s: the due date %q is not a date", ref, due))
		}
	}
	return problems, rows.Err()
}
