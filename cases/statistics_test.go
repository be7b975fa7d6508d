package cases_test

import (
	"context"
	"errors"
	"testing"

	"ethicsdesk/cases"
)

// The committee's figures for 2026, as the statistics screen and the
// annual report print them: received and decided counted by their own
// dates in the period, the time from acceptance to decision (median and
// nearest-rank 90th percentile) over the decided cases that had been
// accepted, overdue as the register's filter says, and each breakdown in
// the workflow's or the lists' order with its labels, values the lists do
// not know last, others by code.
func TestStatisticsFollowTheirDefinitions(t *testing.T) {
	d := cases.MustDate
	ref := cases.Reference{
		Types:     map[string]cases.CaseType{"privacy_complaint": {Code: "privacy_complaint", Name: "Privacy complaint"}},
		Catalogue: map[string]cases.CatalogueEntry{"G54": {Code: "G54", Name: "Road transport"}},
	}
	rec := func(received, accepted, decided, due string, st cases.Status) cases.StatsRecord {
		r := cases.StatsRecord{TypeCode: "privacy_complaint", Status: st, Sector: "transport", CatalogueCode: "G54", Risk: cases.RiskHigh, Breach: "privacy"}
		for _, f := range []struct {
			s string
			d *cases.Date
		}{{received, &r.ReceivedOn}, {accepted, &r.AcceptedOn}, {decided, &r.DecidedOn}, {due, &r.DueOn}} {
			if f.s != "" {
				*f.d = d(f.s)
			}
		}
		return r
	}
	recs := []cases.StatsRecord{
		rec("2026-01-10", "2026-01-20", "2026-02-19", "", cases.OpinionIssued),    // 30 days
		rec("2026-02-01", "2026-02-05", "2026-02-15", "", cases.Closed),           // 10 days
		rec("2025-12-20", "2025-12-21", "2026-01-05", "", cases.Closed),           // received in 2025: decided only, 15 days
		rec("2026-03-01", "2026-03-02", "2026-04-01", "", cases.OpinionIssued),    // 30 days
		rec("2026-04-01", "", "2026-04-02", "", cases.Withdrawn),                  // never accepted: no duration
		rec("2026-04-10", "2026-04-12", "2026-04-11", "", cases.Inadmissible),     // decided before acceptance: no duration
		rec("2026-05-01", "2026-05-02", "", "2026-05-31", cases.UnderReview),      // overdue
		rec("2026-05-02", "2026-05-03", "", "2026-05-10", cases.AwaitingInfo),     // paused: not overdue
		rec("2026-05-03", "2026-05-04", "", "2026-06-01", cases.UnderReview),      // due today: not overdue
		rec("2025-01-01", "2025-01-02", "2025-02-01", "2025-02-01", cases.Closed), // outside the period
		rec("2027-01-01", "", "", "", cases.Received),                             // outside the period
	}
	recs[4].Breach, recs[4].Sector, recs[4].Risk = "", "", cases.RiskLow
	// A case of another type, with a risk tier the lists do not know (an
	// import), overdue in screening.
	other := rec("2026-05-05", "", "", "2026-05-20", cases.Screening)
	other.TypeCode, other.Risk = "research_review", "extreme"
	recs = append(recs, other)
	st := cases.ComputeStatistics(recs, cases.YearPeriod(2026), d("2026-06-01"), ref)
	if st.Received != 9 || st.Decided != 6 || st.Overdue != 2 {
		t.Errorf("received %d, decided %d, overdue %d; want 9, 6, 2", st.Received, st.Decided, st.Overdue)
	}
	// 10, 15, 30, 30 days: the median is 22.5, the 90th percentile 30.
	if st.DecisionTime != (cases.DurationStats{Cases: 4, MedianDays: 22.5, P90Days: 30}) {
		t.Errorf("time to decision %+v, want 4 cases, median 22.5, 90th percentile 30", st.DecisionTime)
	}
	// An odd count: 10, 15, 30 days: the median is 15; 90% of 3 is 2.7, so
	// the third value.
	odd := cases.ComputeStatistics(recs[1:4], cases.YearPeriod(2026), d("2026-06-01"), ref)
	if odd.DecisionTime != (cases.DurationStats{Cases: 3, MedianDays: 15, P90Days: 30}) {
		t.Errorf("time to decision of three cases %+v, want median 15, 90th percentile 30", odd.DecisionTime)
	}
	if len(st.Tables) != len(cases.StatDimensions) {
		t.Fatalf("%d tables", len(st.Tables))
	}
	type row struct {
		label             string
		received, decided int
	}
	for _, tc := range []struct {
		dim  cases.StatDimension
		want []row
	}{
		{cases.ByStatus, []row{{"Screening", 1, 0}, {"Under review", 2, 0}, {"Awaiting information", 1, 0}, {"Opinion issued", 2, 2}, {"Inadmissible", 1, 1}, {"Withdrawn", 1, 1}, {"Closed", 1, 2}}},
		{cases.ByRisk, []row{{"Low", 1, 1}, {"High", 7, 5}, {"Extreme", 1, 0}}},
		{cases.ByBreach, []row{{"Privacy or personal information", 8, 5}, {"None (not a complaint)", 1, 1}}},
		{cases.BySector, []row{{"Transport", 8, 5}, {"Not recorded", 1, 1}}},
		{cases.ByType, []row{{"Privacy complaint", 8, 6}, {"Research review", 1, 0}}},
		{cases.ByCatalogue, []row{{"G54 Road transport", 9, 6}}},
	} {
		tab := st.Table(tc.dim)
		var got []row
		for _, r := range tab.Rows {
			got = append(got, row{r.Label, r.Received, r.Decided})
		}
		if tab.Dimension != tc.dim || len(got) != len(tc.want) {
			t.Errorf("%s: %+v, want %+v", tc.dim, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s: %+v, want %+v", tc.dim, got, tc.want)
				break
			}
		}
	}
}

// The figures need a period that ends after it starts; anyone who views
// the register reads them, a deactivated account does not.
func TestStatisticsPeriodAndReaders(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	k.newCase(false, cases.RiskLow)
	var fe cases.FieldErrors
	for _, p := range []cases.Period{{From: cases.MustDate("2026-12-31"), To: cases.MustDate("2026-01-01")}, {From: cases.MustDate("2026-01-01")}} {
		if _, err := k.svc.Statistics(ctx, k.sec, p); !errors.As(err, &fe) || fe["period"] == "" {
			t.Errorf("the period %s: %v", p, err)
		}
	}
	for _, u := range []cases.User{k.sec, k.members[0], k.chair, k.admin} {
		st, err := k.svc.Statistics(ctx, u, cases.YearPeriod(2026))
		if err != nil || st.Received != 1 {
			t.Errorf("%s reads %d received (%v), want 1", u.Username, st.Received, err)
		}
	}
	if same, err := k.svc.Statistics(ctx, k.sec, cases.Period{From: cases.MustDate("2026-03-02"), To: cases.MustDate("2026-03-02")}); err != nil || same.Received != 1 {
		t.Errorf("a one-day period: %d received (%v), want 1", same.Received, err)
	}
	gone := k.members[1]
	must(t, k.svc.Deactivate(ctx, k.admin, gone.ID))
	gone.Active = false
	if _, err := k.svc.Statistics(ctx, gone, cases.YearPeriod(2026)); !isForbidden(err) {
		t.Errorf("a deactivated account reads the statistics: %v", err)
	}
}

// Breakdown rows without a place in the lists' order (case types,
// classification codes, values an import brought) come by code, after
// those with one.
func TestStatisticsRowsWithoutAPlaceComeByCode(t *testing.T) {
	var recs []cases.StatsRecord
	for _, r := range []struct {
		typ  string
		risk cases.Risk
	}{{"e_type", "zeta"}, {"b_type", cases.RiskHigh}, {"d_type", "alpha"}, {"a_type", cases.RiskLow}, {"c_type", "mu"}} {
		recs = append(recs, cases.StatsRecord{TypeCode: r.typ, Risk: r.risk, Status: cases.Received, ReceivedOn: cases.MustDate("2026-02-01")})
	}
	st := cases.ComputeStatistics(recs, cases.YearPeriod(2026), cases.MustDate("2026-06-01"), cases.Reference{})
	for dim, want := range map[cases.StatDimension][]string{
		cases.ByType: {"a_type", "b_type", "c_type", "d_type", "e_type"},
		cases.ByRisk: {"low", "high", "alpha", "mu", "zeta"},
	} {
		var got []string
		for _, r := range st.Table(dim).Rows {
			got = append(got, r.Code)
		}
		if !sameLines(got, want) {
			t.Errorf("%s rows: %v, want %v", dim, got, want)
		}
	}
}

// The statistics screen heads its figures with the period, first and last
// day.
func TestTheStatisticsPeriodReadsAsItsDays(t *testing.T) {
	if got := cases.YearPeriod(2026).String(); got != "2026-01-01 – 2026-12-31" {
		t.Errorf("the year 2026 reads %q", got)
	}
	p := cases.Period{From: cases.MustDate("2026-03-02"), To: cases.MustDate("2026-04-30")}
	if got := p.String(); got != "2026-03-02 – 2026-04-30" {
		t.Errorf("a period reads %q", got)
	}
}
