package pgstore

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"ethicsdesk/cases"
)

// sortColumns maps the register's sort keys onto indexed expressions, in
// byte order as on SQLite; every order ends in id so pages never overlap.
var sortColumns = map[cases.SortKey]string{
	cases.SortReference:  `c.reference COLLATE "C"`,
	cases.SortTitle:      `lower(c.title COLLATE "C")`,
	cases.SortType:       `c.type_code COLLATE "C"`,
	cases.SortStatus:     "c.status_rank",
	cases.SortReceived:   `c.received_on COLLATE "C"`,
	cases.SortDue:        "c.due_key",
	cases.SortRapporteur: `c.rapporteur_name COLLATE "C"`,
}

// where builds the filter of q as SQL with numbered parameters, the SQLite
// store's filter (store/register.go) in PostgreSQL's words.
func where(q cases.Query) (string, []any) { return whereAfter(q, 0) }

// whereAfter is where with its parameters numbered from before+1, for a
// filter placed in a statement that has before parameters of its own.
func whereAfter(q cases.Query, before int) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, v ...any) {
		parts := strings.Split(cond, "?")
		var b strings.Builder
		for i, part := range parts {
			b.WriteString(part)
			if i < len(parts)-1 {
				args = append(args, v[i])
				b.WriteString("$" + strconv.Itoa(before+len(args)))
			}
		}
		conds = append(conds, b.String())
	}
	if q.TypeCode != "" {
		add("c.type_code = ?", q.TypeCode)
	}
	if who := strings.TrimSpace(q.Submitter); who != "" {
		// NOCASE: ASCII letters fold, as lower() does in the "C" collation.
		add(`(lower(c.submitter_name COLLATE "C") = lower(? COLLATE "C") OR lower(c.submitter_contact COLLATE "C") = lower(? COLLATE "C"))`, who, who)
	}
	if q.Status != "" {
		add("c.status_rank = ?", cases.StatusRank(q.Status))
	}
	if q.Risk != "" {
		add("c.risk = ?", string(q.Risk))
	}
	if q.Sector != "" {
		add("c.sector = ?", string(q.Sector))
	}
	if q.Year != 0 {
		add("c.received_year = ?", q.Year)
	}
	if q.Breach != "" {
		add("c.breach = ?", string(q.Breach))
	}
	switch {
	case q.Rapporteur == cases.NoRapporteur:
		add("c.rapporteur_id IS NULL")
	case q.Rapporteur > 0:
		add("c.rapporteur_id = ?", q.Rapporteur)
	}
	today := q.Today.String()
	soon := q.Today.AddDays(cases.DueSoonDays).String()
	switch q.Due {
	case cases.DueOverdue:
		add("c.due_key < ? AND c.status <> 'awaiting_info'", today)
	case cases.DueWithin7:
		add("c.due_key BETWEEN ? AND ? AND c.status <> 'awaiting_info'", today, soon)
	case cases.DueOverdueOr7:
		add("c.due_key <= ? AND c.status <> 'awaiting_info'", soon)
	}
	if vis := q.Visibility(); !vis.AllConfidential {
		// The domain's rule (cases.CaseVisibility): confidential cases only
		// for their rapporteur and non-recused appointed panel, never for a
		// reader who declared while the case was open.
		add("(c.confidential = 0 OR c.rapporteur_id = ? OR EXISTS (SELECT 1 FROM case_panel p WHERE p.case_id = c.id AND p.user_id = ? AND p.appointed = 1 AND p.conflict <> 'declared'))",
			vis.PanelMember, vis.PanelMember)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// ListCases returns one page of the register, read by key
// (register_pages.go).
func (db *DB) ListCases(ctx context.Context, q cases.Query, offset, limit int) ([]cases.Row, error) {
	query, args, err := db.ListCasesSQL(ctx, q, offset, limit)
	if err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make([]cases.Row, 0, limit)
	for rows.Next() {
		var r cases.Row
		var received, due string
		if err := rows.Scan(&r.ID, &r.Reference, &r.Title, &r.TypeCode, &r.Status, &received, &due, &r.Rapporteur, &r.Confidential); err != nil {
			return nil, err
		}
		r.ReceivedOn, _ = cases.ParseDate(received)
		r.DueOn, _ = cases.ParseDate(due)
		out = append(out, r)
	}
	return out, rows.Err()
}

// CountCases counts the cases matching q.
func (db *DB) CountCases(ctx context.Context, q cases.Query) (int, error) {
	w, args := where(q)
	var n int
	count := func(pool *sql.DB) error {
		return pool.QueryRowContext(ctx, "SELECT COUNT(*) FROM cases c"+w, args...).Scan(&n)
	}
	if strings.TrimSpace(q.Submitter) != "" {
		// The search box asks this for every search: a name is found by
		// equality on its index, one plan for any name, where planning it
		// anew each time took longer than the count.
		return n, db.overGenericPlans(ctx, count)
	}
	return n, count(db.db)
}
