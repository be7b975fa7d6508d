package layers

import (
	"bytes"
	"encoding/json"
	"io"
	"os/exec"
	"sort"
	"strings"
	"testing"
)

// The build tags every build and test uses (see the Makefile): without
// them go list would leave out files and so miss their imports.
const tags = "sqlite_fts5 migrated_fynedo no_emoji"

// casesLeaves are the only non-standard packages the domain may import:
// packages that import no other layer of Ethics Desk (only their own
// subpackages and the shared leaves below), so the domain stays free of
// Fyne, SQL and PDF layout and a remote implementation of the service can
// reuse it.
var casesLeaves = []string{
	"ethicsdesk/mailintake", // reading intake e-mail into a draft
	"ethicsdesk/textindex",  // the words of a text, for search
	// signing, only for the verification report the Service passes
	// through from its keyring port to the window.
	"ethicsdesk/signing",
	"ethicsdesk/third_party/argon2",    // password hashing (x/crypto's, with Prepare)
	"ethicsdesk/internal/passwordcost", // the cost of password hashes (tests lower it)
}

// sharedLeaves may be imported by the leaves above (and by anyone).
var sharedLeaves = []string{"ethicsdesk/internal/font", "ethicsdesk/third_party/argon2"}

type pkg struct {
	ImportPath string
	Standard   bool
	Imports    []string
	Deps       []string
}

// modulePackages lists every package of the module with its imports and
// all its dependencies, as the go command sees them.
func modulePackages(t *testing.T) map[string]pkg {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatal("the layering test needs the go command on PATH (scripts/install-deps.sh installs Go)")
	}
	cmd := exec.Command(goCmd, "list", "-deps", "-tags", tags, "-json=ImportPath,Standard,Imports,Deps", "ethicsdesk/...")
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go list failed: %v\n%s", err, stderr.String())
	}
	pkgs := map[string]pkg{}
	dec := json.NewDecoder(&out)
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs[p.ImportPath] = p
	}
	for _, want := range []string{"ethicsdesk/cases", "ethicsdesk/store", "ethicsdesk/ui", "ethicsdesk/opinion", "ethicsdesk/signing"} {
		if _, ok := pkgs[want]; !ok {
			t.Fatalf("go list did not list %s: the test no longer sees the module's layers", want)
		}
	}
	return pkgs
}

// under says whether path is prefix itself or a package below it.
func under(path, prefix string) bool {
	return path == prefix || strings.HasPrefix(path, prefix+"/")
}

// crossing lists the packages in list that fall under any of forbidden.
func crossing(list []string, forbidden ...string) []string {
	var bad []string
	for _, p := range list {
		for _, f := range forbidden {
			if under(p, f) {
				bad = append(bad, p)
				break
			}
		}
	}
	sort.Strings(bad)
	return bad
}

func TestImportsStayInTheirLayers(t *testing.T) {
	pkgs := modulePackages(t)
	own := func(prefix string) []pkg {
		var out []pkg
		for path, p := range pkgs {
			if under(path, prefix) {
				out = append(out, p)
			}
		}
		return out
	}
	rules := []struct {
		layer     string
		why       string
		forbidden []string
	}{
		{"ethicsdesk/ui", "the window reaches the register only through the cases service",
			[]string{"ethicsdesk/store", "github.com/mattn/go-sqlite3", "database/sql", "ethicsdesk/cli", "ethicsdesk/app"}},
		{"ethicsdesk/app", "the shared wiring knows neither the window nor the commands",
			[]string{"fyne.io", "ethicsdesk/ui", "ethicsdesk/cli"}},
		{"ethicsdesk/holidays", "holiday files are read without the window or the database",
			[]string{"fyne.io", "ethicsdesk/ui", "ethicsdesk/store", "github.com/mattn/go-sqlite3", "database/sql"}},
		{"ethicsdesk/cases", "the domain knows nothing of the window, SQL or PDF layout",
			[]string{"fyne.io", "ethicsdesk/ui", "ethicsdesk/store", "github.com/mattn/go-sqlite3", "database/sql",
				"ethicsdesk/opinion", "ethicsdesk/issuing", "ethicsdesk/report", "ethicsdesk/export"}},
		{"ethicsdesk/remote", "the committee server's transport serves and calls cases.API, knowing neither the window nor SQL",
			[]string{"fyne.io", "ethicsdesk/ui", "ethicsdesk/cli", "ethicsdesk/app", "ethicsdesk/store", "github.com/mattn/go-sqlite3", "database/sql"}},
		{"ethicsdesk/store", "storage knows nothing of the window",
			[]string{"fyne.io", "ethicsdesk/ui"}},
		{"ethicsdesk/pgstore", "storage on PostgreSQL knows nothing of the window, and a server on it needs no SQLite",
			[]string{"fyne.io", "ethicsdesk/ui", "ethicsdesk/store", "github.com/mattn/go-sqlite3"}},
		{"ethicsdesk/opinion", "PDF rendering knows nothing of the window or the database",
			[]string{"fyne.io", "ethicsdesk/ui", "ethicsdesk/store", "github.com/mattn/go-sqlite3"}},
		{"ethicsdesk/signing", "signatures know nothing of the window or the database",
			[]string{"fyne.io", "ethicsdesk/ui", "ethicsdesk/store", "github.com/mattn/go-sqlite3"}},
		{"ethicsdesk/internal/font", "font tables are a leaf shared by opinion and signing",
			[]string{"ethicsdesk/opinion", "ethicsdesk/signing", "fyne.io", "ethicsdesk/ui", "ethicsdesk/store"}},
	}
	for _, r := range rules {
		for _, p := range own(r.layer) {
			if bad := crossing(p.Deps, r.forbidden...); len(bad) > 0 {
				t.Errorf("%s depends on %s, but %s", p.ImportPath, strings.Join(bad, ", "), r.why)
			}
		}
	}

	// The domain imports only the standard library and the leaves above,
	// and the leaves import no package of Ethics Desk.
	allowed := map[string]bool{}
	for _, l := range casesLeaves {
		allowed[l] = true
		leaf, ok := pkgs[l]
		if !ok {
			continue // a leaf the domain no longer uses
		}
		var bad []string
		for _, dep := range crossing(leaf.Deps, "ethicsdesk") {
			if !under(dep, l) && len(crossing([]string{dep}, sharedLeaves...)) == 0 {
				bad = append(bad, dep)
			}
		}
		if len(bad) > 0 {
			t.Errorf("%s is listed as a leaf the domain may import, but depends on %s", l, strings.Join(bad, ", "))
		}
	}
	for _, p := range own("ethicsdesk/cases") {
		for _, imp := range p.Imports {
			if pkgs[imp].Standard || allowed[imp] {
				continue
			}
			t.Errorf("%s imports %s: the domain imports only the standard library and %s",
				p.ImportPath, imp, strings.Join(casesLeaves, ", "))
		}
	}
}

// TestLayerRulesCatchACrossing makes sure the rules above can fail: a
// package list with the window importing the database is reported.
func TestLayerRulesCatchACrossing(t *testing.T) {
	if bad := crossing([]string{"fmt", "ethicsdesk/store", "ethicsdesk/storefront"}, "ethicsdesk/store"); len(bad) != 1 || bad[0] != "ethicsdesk/store" {
		t.Fatalf("crossing found %v, want only ethicsdesk/store", bad)
	}
}

// The root package is start-up only: it hands the arguments to package cli.
// Commands, wiring and the window belong in cli, app and ui.
func TestTheRootPackageOnlyStartsTheProgram(t *testing.T) {
	root, ok := modulePackages(t)["ethicsdesk"]
	if !ok {
		t.Fatal("go list did not list the root package")
	}
	allowed := map[string]bool{"os": true, "ethicsdesk/cli": true, "ethicsdesk/internal/startenv": true}
	for _, imp := range root.Imports {
		if !allowed[imp] {
			t.Errorf("main.go imports %s: the root package only starts the program (put the code in cli, app or ui)", imp)
		}
	}
}
