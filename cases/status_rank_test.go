package cases

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// declaredStatuses reads this package's source for every constant of type
// Status, so a status added anywhere in the package is found even if it
// was not added to AllStatuses.
func declaredStatuses(t *testing.T) map[string]Status {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Status{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Status" {
					continue
				}
				for i, n := range vs.Names {
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok {
						t.Fatalf("%s: status %s is not a plain string", name, n.Name)
					}
					out[n.Name] = Status(strings.Trim(lit.Value, "\"`"))
				}
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("found no Status constants: the test no longer reads the package")
	}
	return out
}

// TestEveryStatusHasAFixedRank fails when a status is added without a rank
// of its own: the register would sort and filter it with unknown statuses,
// and without a migration existing rows would keep stale ranks.
func TestEveryStatusHasAFixedRank(t *testing.T) {
	declared := declaredStatuses(t)
	inList := map[Status]bool{}
	for _, s := range AllStatuses {
		inList[s] = true
	}
	seen := map[int]Status{}
	for name, s := range declared {
		if !inList[s] {
			t.Errorf("status %s (%q) is not in AllStatuses", name, s)
		}
		r, ok := statusRanks[s]
		if !ok {
			t.Errorf("status %s (%q) has no rank in statusRanks; give it a free number and a migration rewriting status_rank", name, s)
			continue
		}
		if r >= UnknownStatusRank {
			t.Errorf("status %s has rank %d, not below the rank of unknown statuses (%d)", name, r, UnknownStatusRank)
		}
		if other, dup := seen[r]; dup {
			t.Errorf("statuses %q and %q share rank %d", s, other, r)
		}
		seen[r] = s
	}
	if len(statusRanks) != len(declared) {
		t.Errorf("statusRanks has %d entries for %d declared statuses", len(statusRanks), len(declared))
	}
	// The register sorts by status in workflow order.
	for i := 1; i < len(AllStatuses); i++ {
		if StatusRank(AllStatuses[i-1]) >= StatusRank(AllStatuses[i]) {
			t.Errorf("%q (rank %d) sorts after %q (rank %d), against the workflow order of AllStatuses",
				AllStatuses[i-1], StatusRank(AllStatuses[i-1]), AllStatuses[i], StatusRank(AllStatuses[i]))
		}
	}
	if got := StatusRank("not_a_status"); got != UnknownStatusRank {
		t.Errorf("an unknown status ranks %d, want %d", got, UnknownStatusRank)
	}
}
