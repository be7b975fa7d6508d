package cases

import (
	"context"
	"math"
	"sort"
)

// Statistics are the committee's figures for a period. They hold counts
// and durations only, never a person's data, so anyone who may view the
// register may see them; confidential cases are counted like any other.
//
// Definitions (also printed in the annual report):
//   - Received: cases whose date of receipt falls in the period.
//   - Decided: cases whose decision falls in the period. A case is decided
//     on the day (local time) of its first move to Opinion issued,
//     Inadmissible or Withdrawn.
//   - Time to decision: calendar days from acceptance (the end of
//     screening) to the decision, for the cases decided in the period that
//     had been accepted; a case found inadmissible or withdrawn during
//     screening has no acceptance and is left out. The median is the middle
//     value (the mean of the two middle values for an even count); the 90th
//     percentile is the nearest-rank value: the smallest duration at least
//     90% of the cases did not exceed.
//   - Overdue: cases received in the period whose running deadline (the
//     decision deadline, or the follow-up review after an approving
//     opinion) has passed as of today, not counting cases paused awaiting
//     information: the register's "Overdue" filter.
//
// Breakdowns count each case by its current type, status, sector,
// classification code, risk tier and alleged breach.
type Statistics struct {
	Period   Period
	AsOf     Date // "today" of the overdue count
	Received int
	Decided  int
	Overdue  int
	// DecisionTime is the time from acceptance to decision.
	DecisionTime DurationStats
	// Tables are the breakdowns, in StatDimensions order.
	Tables []StatTable
}

// Period is a span of calendar days, both ends included.
type Period struct {
	From, To Date
}

// YearPeriod is 1 January to 31 December of year.
func YearPeriod(year int) Period {
	return Period{From: NewDate(year, 1, 1), To: NewDate(year, 12, 31)}
}

// Contains reports whether d falls within the period.
func (p Period) Contains(d Date) bool {
	return !d.IsZero() && !d.Before(p.From) && !d.After(p.To)
}

func (p Period) String() string { return p.From.String() + " – " + p.To.String() }

// DurationStats summarises durations in days.
type DurationStats struct {
	Cases      int
	MedianDays float64
	P90Days    float64
}

// StatDimension is what a breakdown counts by.
type StatDimension string

const (
	ByType      StatDimension = "type"
	ByStatus    StatDimension = "status"
	BySector    StatDimension = "sector"
	ByCatalogue StatDimension = "catalogue"
	ByRisk      StatDimension = "risk"
	ByBreach    StatDimension = "breach"
)

// StatDimensions lists the breakdowns in the order they are shown.
var StatDimensions = []StatDimension{ByType, ByStatus, BySector, ByCatalogue, ByRisk, ByBreach}

var statDimensionTitles = map[StatDimension]string{
	ByType: "Case type", ByStatus: "Current status", BySector: "Sector", ByCatalogue: "Classification code",
	ByRisk: "Risk tier", ByBreach: "Alleged breach",
}

// StatTable is one breakdown: a row per value that occurred.
type StatTable struct {
	Dimension StatDimension
	Title     string
	Rows      []StatCount
}

// StatCount is how many cases with one value were received and decided.
type StatCount struct {
	Code     string
	Label    string
	Received int
	Decided  int
}

// Table returns the breakdown by dim.
func (st Statistics) Table(dim StatDimension) StatTable {
	for _, t := range st.Tables {
		if t.Dimension == dim {
			return t
		}
	}
	return StatTable{Dimension: dim, Title: statDimensionTitles[dim]}
}

// StatsRecord is what statistics need of one case: no names, no text.
type StatsRecord struct {
	TypeCode      string
	Status        Status
	Sector        Sector
	CatalogueCode string
	Risk          Risk
	Breach        Breach
	ReceivedOn    Date
	AcceptedOn    Date
	DecidedOn     Date // zero if never decided
	DueOn         Date
}

// IssuedOpinionRow is one line of the annual report's list of opinions.
type IssuedOpinionRow struct {
	Reference    string
	Title        string
	Decision     Decision // "" when the register has no issued opinion text (imported cases)
	IssuedOn     Date
	Confidential bool
}

// StatsRepository is the storage side of statistics.
type StatsRepository interface {
	// StatsRecords returns every case received in p or decided in p.
	StatsRecords(ctx context.Context, p Period) ([]StatsRecord, error)
	// OpinionsIssuedIn lists the cases whose opinion was issued in p, oldest first.
	OpinionsIssuedIn(ctx context.Context, p Period) ([]IssuedOpinionRow, error)
}

func (s *Service) stats() (StatsRepository, error) {
	return s.repo, nil
}

// CheckPeriod refuses a period that ends before it starts or has no ends.
func CheckPeriod(p Period) error {
	switch {
	case p.From.IsZero() || p.To.IsZero():
		return FieldErrors{"period": "Enter both the first and the last day of the period (YYYY-MM-DD)."}
	case p.To.Before(p.From):
		return FieldErrors{"period": "The period ends before it starts."}
	}
	return nil
}

// Statistics computes the figures for p. The statistics screen and the
// annual report both call it, so their numbers are the same.
func (s *Service) Statistics(ctx context.Context, actor User, p Period) (Statistics, error) {
	if err := require(actor, ActViewRegister); err != nil {
		return Statistics{}, err
	}
	if err := CheckPeriod(p); err != nil {
		return Statistics{}, err
	}
	sr, err := s.stats()
	if err != nil {
		return Statistics{}, err
	}
	recs, err := sr.StatsRecords(ctx, p)
	if err != nil {
		return Statistics{}, err
	}
	ref, err := s.Reference(ctx)
	if err != nil {
		return Statistics{}, err
	}
	return ComputeStatistics(recs, p, s.Today(), ref), nil
}

// ComputeStatistics aggregates records (which may include cases outside p:
// they are ignored) as Statistics defines.
func ComputeStatistics(recs []StatsRecord, p Period, today Date, ref Reference) Statistics {
	st := Statistics{Period: p, AsOf: today}
	counts := map[StatDimension]map[string]*StatCount{}
	for _, d := range StatDimensions {
		counts[d] = map[string]*StatCount{}
	}
	var days []int
	for _, r := range recs {
		received, decided := p.Contains(r.ReceivedOn), p.Contains(r.DecidedOn)
		if !received && !decided {
			continue
		}
		if received {
			st.Received++
			if !r.DueOn.IsZero() && r.DueOn.Before(today) && r.Status != AwaitingInfo {
				st.Overdue++
			}
		}
		if decided {
			st.Decided++
			if !r.AcceptedOn.IsZero() && !r.DecidedOn.Before(r.AcceptedOn) {
				days = append(days, r.AcceptedOn.DaysUntil(r.DecidedOn))
			}
		}
		keys := map[StatDimension]string{ByType: r.TypeCode, ByStatus: string(r.Status), BySector: string(r.Sector),
			ByCatalogue: r.CatalogueCode, ByRisk: string(r.Risk), ByBreach: string(r.Breach)}
		for dim, k := range keys {
			c := counts[dim][k]
			if c == nil {
				c = &StatCount{Code: k, Label: statLabel(dim, k, ref)}
				counts[dim][k] = c
			}
			if received {
				c.Received++
			}
			if decided {
				c.Decided++
			}
		}
	}
	st.DecisionTime = durationStats(days)
	for _, dim := range StatDimensions {
		st.Tables = append(st.Tables, StatTable{Dimension: dim, Title: statDimensionTitles[dim], Rows: orderedCounts(dim, counts[dim])})
	}
	return st
}

// durationStats is the median and nearest-rank 90th percentile of days.
func durationStats(days []int) DurationStats {
	n := len(days)
	if n == 0 {
		return DurationStats{}
	}
	sort.Ints(days)
	median := float64(days[n/2])
	if n%2 == 0 {
		median = float64(days[n/2-1]+days[n/2]) / 2
	}
	rank := int(math.Ceil(0.9 * float64(n)))
	return DurationStats{Cases: n, MedianDays: median, P90Days: float64(days[rank-1])}
}

func statLabel(dim StatDimension, code string, ref Reference) string {
	switch {
	case code == "" && dim == ByBreach:
		return "None (not a complaint)"
	case code == "":
		return "Not recorded"
	case dim == ByStatus:
		return StatusLabel(Status(code))
	case dim == ByType:
		if t, ok := ref.Types[code]; ok {
			return t.Name
		}
	case dim == ByCatalogue:
		if c, ok := ref.Catalogue[code]; ok {
			return code + " " + c.Name
		}
		return code
	}
	return CodeLabel(code)
}

// orderedCounts puts a breakdown's rows in the workflow's or the lists'
// order (statuses as the workflow runs, risk low to high), others by code.
func orderedCounts(dim StatDimension, m map[string]*StatCount) []StatCount {
	var order []string
	switch dim {
	case ByStatus:
		for _, s := range AllStatuses {
			order = append(order, string(s))
		}
	case BySector:
		for _, s := range AllSectors {
			order = append(order, string(s))
		}
	case ByRisk:
		for _, r := range AllRisks {
			order = append(order, string(r))
		}
	case ByBreach:
		for _, b := range AllBreaches {
			order = append(order, string(b))
		}
	}
	pos := map[string]int{}
	for i, k := range order {
		pos[k] = i + 1
	}
	out := make([]StatCount, 0, len(m))
	for _, c := range m {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		pi, pj := pos[out[i].Code], pos[out[j].Code]
		if pi == 0 {
			pi = len(order) + 1
		}
		if pj == 0 {
			pj = len(order) + 1
		}
		if pi != pj {
			return pi < pj
		}
		return out[i].Code < out[j].Code
	})
	return out
}

// OpinionsIssuedIn lists the opinions issued in p for the annual report.
// The title of a confidential case is not printed.
func (s *Service) OpinionsIssuedIn(ctx context.Context, actor User, p Period) ([]IssuedOpinionRow, error) {
	if err := require(actor, ActViewRegister); err != nil {
		return nil, err
	}
	if err := CheckPeriod(p); err != nil {
		return nil, err
	}
	sr, err := s.stats()
	if err != nil {
		return nil, err
	}
	rows, err := sr.OpinionsIssuedIn(ctx, p)
	for i := range rows {
		if rows[i].Confidential {
			rows[i].Title = ConfidentialTitle
		}
	}
	return rows, err
}

// ConfidentialTitle stands in for the title of a confidential case in
// documents that leave the committee.
const ConfidentialTitle = "(confidential case)"

// CommitteeLetterhead is the committee's name and address for documents
// such as the annual report; empty until the administrator sets them.
func (s *Service) CommitteeLetterhead(ctx context.Context) (name, address string, err error) {
	return s.repo.CommitteeLetterhead(ctx)
}
