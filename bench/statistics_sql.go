package bench

import (
	"strings"

	"ethicsdesk/cases"
)

// StatisticsSQL is the statistics screen's figures for p written as plain
// SQL, the reference the app's statistics are timed against in the sqlite3
// shell: the same definitions (cases.Statistics) computed by SQLite alone,
// with the same indexes, as one statement. Its rows are
// (figure, code, received, decided):
//
//	("total", "", received, decided)
//	("overdue", "", overdue, 0)
//	("decision-time", "", median×2, 90th percentile)  — median doubled to stay whole
//	(dimension, code, received, decided)              — one per breakdown value
//
// TestStatisticsSQLMatchesTheApp keeps it equal to cases.Statistics.
func StatisticsSQL(p cases.Period, today cases.Date) string {
	// ":today" before ":to", which is its prefix.
	r := strings.NewReplacer(":today", quote(today.String()), ":from", quote(p.From.String()), ":to", quote(p.To.String()),
		":wfrom", quote(p.From.AddDays(-1).String()), ":wto", quote(p.To.AddDays(2).String()))
	return r.Replace(statisticsSQL)
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

const statisticsSQL = `
WITH ids(id) AS (
	SELECT id FROM cases WHERE received_on BETWEEN :from AND :to
	UNION
	SELECT case_id FROM status_changes
	WHERE to_status IN ('opinion_issued', 'inadmissible', 'withdrawn') AND at >= :wfrom AND at < :wto),
days AS MATERIALIZED (
	SELECT c.type_code, c.status, c.sector, c.catalogue_code, c.risk, c.breach, c.accepted_on, c.due_on, c.received_on,
		(SELECT date(MIN(s.at), 'localtime') FROM status_changes s
		 WHERE s.case_id = c.id AND s.to_status IN ('opinion_issued', 'inadmissible', 'withdrawn')) AS day
	FROM ids JOIN cases c ON c.id = ids.id),
recs AS (
	SELECT *, received_on BETWEEN :from AND :to AS received, COALESCE(day BETWEEN :from AND :to, 0) AS decided FROM days),
counted AS MATERIALIZED (SELECT * FROM recs WHERE received OR decided),
durations AS MATERIALIZED (
	SELECT julianday(day) - julianday(accepted_on) AS days,
		ROW_NUMBER() OVER (ORDER BY julianday(day) - julianday(accepted_on)) AS n,
		COUNT(*) OVER () AS total
	FROM counted WHERE decided AND accepted_on <> '' AND day >= accepted_on)
SELECT 'total', '', SUM(received), SUM(decided) FROM counted
UNION ALL SELECT 'overdue', '', COUNT(*), 0 FROM counted
	WHERE received AND due_on <> '' AND due_on < :today AND status <> 'awaiting_info'
UNION ALL SELECT 'decision-time', '',
	COALESCE((SELECT SUM(days) FROM durations WHERE n IN ((total + 1) / 2, total / 2 + 1)) * 2
		/ (SELECT COUNT(*) FROM durations WHERE n IN ((total + 1) / 2, total / 2 + 1)), 0),
	COALESCE((SELECT days FROM durations WHERE n = CAST(total * 0.9 AS INTEGER) + (total * 0.9 > CAST(total * 0.9 AS INTEGER))), 0)
	FROM (SELECT MAX(total) AS total FROM durations)
UNION ALL SELECT 'type', type_code, SUM(received), SUM(decided) FROM counted GROUP BY type_code
UNION ALL SELECT 'status', status, SUM(received), SUM(decided) FROM counted GROUP BY status
UNION ALL SELECT 'sector', sector, SUM(received), SUM(decided) FROM counted GROUP BY sector
UNION ALL SELECT 'catalogue', catalogue_code, SUM(received), SUM(decided) FROM counted GROUP BY catalogue_code
UNION ALL SELECT 'risk', risk, SUM(received), SUM(decided) FROM counted GROUP BY risk
UNION ALL SELECT 'breach', breach, SUM(received), SUM(decided) FROM counted GROUP BY breach`
