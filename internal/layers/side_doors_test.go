package layers

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// sideDoors are calls that would let the window act without the Service's
// rules: verifying against roots it picked, writing the annual report
// outside the statistics' rules, handling keys without the key rule. The
// window reaches each through cases.API (VerifyPDF, AnnualReport,
// SigningKeys and the key calls).
var sideDoors = map[string]bool{
	"signing.Verify":  true,
	"report.Annual":   true,
	"issuing.Keyring": true,
	"store.Open":      true,
}

func TestWindowHasNoSideDoors(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "ui", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("found no ui sources (%v): the test no longer sees the window", err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); ok && sideDoors[pkg.Name+"."+sel.Sel.Name] {
				t.Errorf("%s uses %s.%s: the window goes through cases.API", fset.Position(sel.Pos()), pkg.Name, sel.Sel.Name)
			}
			return true
		})
	}
}
