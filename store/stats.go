package store

import (
	"context"
	"database/sql"
	"runtime"
	"sync"
	"time"

	"ethicsdesk/cases"
)

// decidingStatuses are the moves that decide a case (see cases.Statistics).
const decidingStatuses = "('opinion_issued', 'inadmissible', 'withdrawn')"

// decisionWindow is the range of status_changes.at (UTC timestamps) that
// can fall on a local day within p: one day of margin each side for the
// time zone; the exact local day is then checked in Go.
func decisionWindow(p cases.Period) (string, string) {
	from := p.From.AddDays(-1).Time()
	to := p.To.AddDays(2).Time()
	return formatTime(from), formatTime(to)
}

// decidedOn is the local calendar day of a status change's timestamp.
func decidedOn(at string) cases.Date {
	if at == "" {
		return cases.Date{}
	}
	return cases.DateOf(parseTime(at).In(time.Local))
}

// StatsRecords implements cases.StatsRepository: every case received in p
// or first decided (within the margin) in p, with its decision time.
//
// The cases are read in statsParts shares at once, each on a read
// connection of its own: SQLite runs a statement on one core, and stepping
// through a year of a busy register (30,000 cases, each with its first
// decision looked up) is most of the statistics screen's time. A case's
// share is its id modulo the number of shares, so every case falls in
// exactly one: none is counted twice or missed. Each share reads its own
// snapshot, so a case saved while the figures are read counts as it stood
// before or after that save, never both. (Shares of consecutive ids were
// measured too: no faster than one statement, 25-35 % slower than these
// on the benchmark register.)
func (db *DB) StatsRecords(ctx context.Context, p cases.Period) ([]cases.StatsRecord, error) {
	parts := statsParts()
	shares := make([][]cases.StatsRecord, parts)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for k := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			shares[k], errs[k] = db.statsShare(ctx, p, parts, k)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err // the first: a cancelled screen stops every share, said once
		}
	}
	n := 0
	for _, sh := range shares {
		n += len(sh)
	}
	out := make([]cases.StatsRecord, 0, n)
	for _, sh := range shares {
		out = append(out, sh...)
	}
	return out, nil
}

// statsParts is how many shares StatsRecords reads at once: one per core,
// at most four (the read connections the register keeps at least). A
// variable for the tests, which read in several shares on any machine.
var statsParts = func() int { return min(max(runtime.NumCPU(), 1), 4) }

// statsShare is StatsRecords for the cases whose id is k modulo parts.
func (db *DB) statsShare(ctx context.Context, p cases.Period, parts, k int) ([]cases.StatsRecord, error) {
	wFrom, wTo := decisionWindow(p)
	// The two ways into the period are collected as one set of ids first:
	// an OR of the two conditions makes SQLite visit the cases twice.
	rows, err := db.read.QueryContext(ctx, `WITH ids(id) AS (
			SELECT id FROM cases WHERE received_on BETWEEN ?1 AND ?2 AND id % ?5 = ?6
			UNION
			SELECT case_id FROM status_changes WHERE to_status IN `+decidingStatuses+` AND at >= ?3 AND at < ?4 AND case_id % ?5 = ?6)
		SELECT c.type_code, c.status, c.sector, c.catalogue_code, c.risk, c.breach,
			c.received_on, c.accepted_on, c.due_on,
			COALESCE((SELECT MIN(s.at) FROM status_changes s WHERE s.case_id = c.id AND s.to_status IN `+decidingStatuses+`), '')
		FROM ids JOIN cases c ON c.id = ids.id`,
		p.From.String(), p.To.String(), wFrom, wTo, parts, k)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]cases.StatsRecord, 0, (1<<15)/parts) // a year of a busy register (30,000 cases): no regrowth
	// The categorical columns repeat a handful of values: scanning them as
	// raw bytes and sharing one string per value saves an allocation per
	// column per case, which is most of the time on a large year.
	intern := map[string]string{}
	str := func(b sql.RawBytes) string {
		if v, ok := intern[string(b)]; ok {
			return v
		}
		v := string(b)
		intern[v] = v
		return v
	}
	var typ, status, sector, code, risk, breach, received, accepted, due, decided sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&typ, &status, &sector, &code, &risk, &breach, &received, &accepted, &due, &decided); err != nil {
			return nil, err
		}
		r := cases.StatsRecord{TypeCode: str(typ), Status: cases.Status(str(status)), Sector: cases.Sector(str(sector)),
			CatalogueCode: str(code), Risk: cases.Risk(str(risk)), Breach: cases.Breach(str(breach))}
		r.ReceivedOn, _ = cases.ParseDate(string(received))
		r.AcceptedOn, _ = cases.ParseDate(string(accepted))
		r.DueOn, _ = cases.ParseDate(string(due))
		r.DecidedOn = decidedOn(string(decided))
		out = append(out, r)
	}
	return out, rows.Err()
}

// OpinionsIssuedIn implements cases.StatsRepository: the cases whose first
// move to "Opinion issued" falls in p, with the decision of their latest
// issued opinion when the register holds one.
func (db *DB) OpinionsIssuedIn(ctx context.Context, p cases.Period) ([]cases.IssuedOpinionRow, error) {
	wFrom, wTo := decisionWindow(p)
	rows, err := db.read.QueryContext(ctx, `SELECT c.reference, c.title, c.confidential, MIN(s.at),
			COALESCE((SELECT o.decision FROM opinions o WHERE o.case_id = c.id AND o.state = 'issued' ORDER BY o.id DESC LIMIT 1), '')
		FROM status_changes s JOIN cases c ON c.id = s.case_id
		WHERE s.to_status = 'opinion_issued'
		  AND s.case_id IN (SELECT case_id FROM status_changes WHERE to_status = 'opinion_issued' AND at >= ?1 AND at < ?2)
		GROUP BY c.id ORDER BY MIN(s.at), c.id`, wFrom, wTo)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cases.IssuedOpinionRow
	for rows.Next() {
		var r cases.IssuedOpinionRow
		var at string
		if err := rows.Scan(&r.Reference, &r.Title, &r.Confidential, &at, &r.Decision); err != nil {
			return nil, err
		}
		r.IssuedOn = decidedOn(at)
		if p.Contains(r.IssuedOn) {
			out = append(out, r)
		}
	}
	return out, rows.Err()
}
