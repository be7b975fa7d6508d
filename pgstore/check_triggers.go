package pgstore

import (
	"context"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"
)

// The register's safeguards on PostgreSQL are triggers calling PL/pgSQL
// functions: the audit log and the signed checkpoints refuse changes, an
// issued opinion is frozen, the fingerprint baseline is fixed. The schema's
// owner can disable a trigger, drop it, or rewrite its function, change a
// row and put things back; the audit chain catches the changed row, but a
// safeguard left off would let the next change through unnoticed. check
// therefore holds every trigger (present, enabled, on its table) and every
// function (its body) against what the migrations create, as the file's
// check does with its triggers.

var (
	triggerOn    = regexp.MustCompile(`(?s)CREATE TRIGGER (\w+)\s.*?\sON (\w+)`)
	functionBody = regexp.MustCompile(`(?s)CREATE FUNCTION (\w+)\(.*?\$\$(.*?)\$\$`)
)

// expectedGuards are the triggers (name → table) and functions (name →
// body, canonically spaced) the embedded migrations create.
func expectedGuards() (triggers, functions map[string]string, err error) {
	triggers, functions = map[string]string{}, map[string]string{}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, nil, err
	}
	for _, name := range names {
		b, err := migrations.ReadFile(name)
		if err != nil {
			return nil, nil, err
		}
		sql := stripComments(string(b))
		for _, m := range triggerOn.FindAllStringSubmatch(sql, -1) {
			triggers[m[1]] = m[2]
		}
		for _, m := range functionBody.FindAllStringSubmatch(sql, -1) {
			functions[m[1]] = canonical(m[2])
		}
	}
	return triggers, functions, nil
}

func stripComments(sql string) string {
	lines := strings.Split(sql, "\n")
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "--") {
			lines[i] = ""
		}
	}
	return strings.Join(lines, "\n")
}

func canonical(s string) string { return strings.Join(strings.Fields(s), " ") }

// checkGuards names each safeguard trigger that is missing, disabled, on
// another table or not the migrations', and each safeguard function whose
// body was rewritten.
func (db *DB) checkGuards(ctx context.Context) ([]string, error) {
	wantTriggers, wantFunctions, err := expectedGuards()
	if err != nil {
		return nil, err
	}
	var problems []string
	rows, err := db.db.QueryContext(ctx, `SELECT t.tgname, c.relname, t.tgenabled::text
		FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE NOT t.tgisinternal AND n.nspname = current_schema()`)
	if err != nil {
		return nil, err
	}
	have := map[string]bool{}
	for rows.Next() {
		var name, table, enabled string
		if err := rows.Scan(&name, &table, &enabled); err != nil {
			rows.Close()
			return nil, err
		}
		have[name] = true
		switch want, ok := wantTriggers[name]; {
		case !ok:
			problems = append(problems, fmt.Sprintf("the database holds a trigger Ethics Desk did not make (%s on %s): it was added outside Ethics Desk", name, table))
		case want != table:
			problems = append(problems, fmt.Sprintf("the safeguard trigger %s is on the table %s instead of %s: it was remade outside Ethics Desk", name, table, want))
		case enabled == "D":
			problems = append(problems, fmt.Sprintf("the safeguard trigger %s is disabled: someone switched it off outside Ethics Desk, so changes it refuses may go through", name))
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for name := range wantTriggers {
		if !have[name] {
			problems = append(problems, fmt.Sprintf("the safeguard trigger %s is missing from the database: someone removed it outside Ethics Desk, so changes it refuses may have gone through", name))
		}
	}
	frows, err := db.db.QueryContext(ctx, `SELECT p.proname, p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
		WHERE n.nspname = current_schema()`)
	if err != nil {
		return nil, err
	}
	defer frows.Close()
	seen := map[string]bool{}
	for frows.Next() {
		var name, body string
		if err := frows.Scan(&name, &body); err != nil {
			return nil, err
		}
		want, ok := wantFunctions[name]
		if !ok {
			continue // a function of the database's own (an extension's)
		}
		seen[name] = true
		if canonical(body) != want {
			problems = append(problems, fmt.Sprintf("the safeguard function %s is not the one Ethics Desk made: it was rewritten outside Ethics Desk", name))
		}
	}
	if err := frows.Err(); err != nil {
		return nil, err
	}
	for name := range wantFunctions {
		if !seen[name] {
			problems = append(problems, fmt.Sprintf("the safeguard function %s is missing from the database", name))
		}
	}
	sort.Strings(problems)
	return problems, nil
}
