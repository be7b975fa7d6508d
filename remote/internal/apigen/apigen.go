// Package apigen writes the committee server's wire schema from the
// cases.API interface: for every method, the JSON types of its arguments
// and results, the server's dispatch entry and the remote.Client method.
// A method added to cases.API leaves remote.Client short of the interface
// (a compile error) until the file is generated again, and a test fails
// when the generated file is out of date.
package apigen

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// localMethods are answered by the client itself: the clock.
var localMethods = map[string]bool{"Now": true, "Today": true}

// handWrittenClient are sent to the server as generated but their client
// method is written by hand: SignOpinion signs with the key on this
// computer, in two calls; ChangePassword also reseals that key
// (remote/laptop_signing.go).
var handWrittenClient = map[string]bool{"SignOpinion": true, "ChangePassword": true}

// signInMethods return the account a new session is opened for.
var signInMethods = map[string]bool{"Login": true, "Bootstrap": true}

type param struct {
	name, field, typ string // Go name, exported wire field, type as written in package remote
	fn               *ast.FuncType
	fnArgs           []string // for a callback: its parameter types
	fnErr            bool     // the callback returns an error
	cert             bool     // *x509.Certificate travels as DER
}

type method struct {
	name     string
	ctx      bool
	actor    bool
	params   []param // sent (neither ctx nor actor)
	all      []param // in order, for the signature
	results  []param // without the final error
	err      bool
	large    bool // arguments carry file contents
	callback []param
}

// Generate reads cases.API (and the errors) from the package in casesDir
// and returns the formatted Go source of package remote's api_gen.go.
func Generate(casesDir string) ([]byte, error) {
	fset := token.NewFileSet()
	names, err := filepath.Glob(filepath.Join(casesDir, "*.go"))
	if err != nil {
		return nil, err
	}
	var files []*ast.File
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, n, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	var iface *ast.InterfaceType
	var sentinels, typed []string
	valueErrors := map[string]bool{}
	for _, f := range files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if s.Name.Name == "API" {
							iface, _ = s.Type.(*ast.InterfaceType)
						}
					case *ast.ValueSpec:
						if d.Tok != token.VAR {
							continue
						}
						for i, n := range s.Names {
							if strings.HasPrefix(n.Name, "Err") && i < len(s.Values) && isErrorsNew(s.Values[i]) {
								sentinels = append(sentinels, n.Name)
							}
						}
					}
				}
			case *ast.FuncDecl:
				if d.Name.Name != "Error" || d.Recv == nil || len(d.Type.Params.List) != 0 || !ast.IsExported(recvName(d)) {
					continue
				}
				typed = append(typed, recvName(d))
				if _, ptr := d.Recv.List[0].Type.(*ast.StarExpr); !ptr {
					valueErrors[recvName(d)] = true
				}
			}
		}
	}
	if iface == nil {
		return nil, fmt.Errorf("no API interface in %s", casesDir)
	}
	sort.Strings(sentinels)
	sort.Strings(typed)
	var methods []method
	var schema bytes.Buffer
	for _, f := range iface.Methods.List {
		ft, ok := f.Type.(*ast.FuncType)
		if !ok || len(f.Names) != 1 {
			return nil, fmt.Errorf("cases.API embeds %s: the generator reads only plain methods", exprString(fset, f.Type))
		}
		m := method{name: f.Names[0].Name}
		fmt.Fprintf(&schema, "%s%s\n", m.name, exprString(fset, ft))
		i := 0
		for _, fld := range ft.Params.List {
			names := fld.Names
			if len(names) == 0 {
				names = []*ast.Ident{ast.NewIdent(fmt.Sprintf("a%d", i))}
			}
			for _, n := range names {
				i++
				p := param{name: n.Name, field: exported(n.Name), typ: qualify(fset, fld.Type)}
				switch {
				case p.typ == "context.Context":
					m.ctx = true
				case n.Name == "actor" && p.typ == "cases.User":
					m.actor = true
				default:
					if fn, ok := fld.Type.(*ast.FuncType); ok {
						p.fn = fn
						for _, a := range fn.Params.List {
							for range max(1, len(a.Names)) {
								p.fnArgs = append(p.fnArgs, qualify(fset, a.Type))
							}
						}
						p.fnErr = fn.Results != nil && len(fn.Results.List) == 1
						m.callback = append(m.callback, p)
					} else {
						m.params = append(m.params, p)
						if strings.Contains(p.typ, "[]byte") || strings.Contains(p.typ, "NewAttachment") {
							m.large = true
						}
					}
				}
				m.all = append(m.all, p)
			}
		}
		if ft.Results != nil {
			j := 0
			for _, fld := range ft.Results.List {
				for range max(1, len(fld.Names)) {
					typ := qualify(fset, fld.Type)
					if typ == "error" {
						m.err = true
						continue
					}
					m.results = append(m.results, param{field: fmt.Sprintf("R%d", j), typ: typ, cert: typ == "*x509.Certificate"})
					j++
				}
			}
		}
		methods = append(methods, m)
	}
	sum := sha256.Sum256(schema.Bytes())
	var b bytes.Buffer
	w := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	w("// Code generated by ethicsdesk/remote/internal/apigen from cases.API; DO NOT EDIT.\n\n")
	w("package remote\n\nimport (\n\t\"context\"\n\t\"crypto/x509\"\n\t\"errors\"\n\t\"time\"\n\n\t\"ethicsdesk/cases\"\n\t\"ethicsdesk/signing\"\n)\n\n")
	w("// Schema fingerprints cases.API as this program was built with it.\nconst Schema = %q\n\n", hex.EncodeToString(sum[:6]))
	w("var (\n\t_ = time.Time{}\n\t_ *x509.Certificate\n\t_ *signing.Report\n\t_ = errors.New\n)\n\n")
	for _, m := range methods {
		if localMethods[m.name] {
			continue
		}
		w("type args%s struct {\n", m.name)
		for _, p := range m.params {
			w("\t%s %s `json:%q`\n", p.field, p.typ, p.name)
		}
		w("}\n\ntype results%s struct {\n", m.name)
		for _, r := range m.results {
			t := r.typ
			if r.cert {
				t = "[]byte"
			}
			w("\t%s %s\n", r.field, t)
		}
		for _, c := range m.callback {
			w("\tCalls%s []struct {\n", c.field)
			for k, t := range c.fnArgs {
				w("\t\tA%d %s\n", k, t)
			}
			w("\t}\n")
		}
		w("}\n\n")
		if signInMethods[m.name] {
			w("func (r *results%s) signedIn() cases.User { return r.R0 }\n\n", m.name)
		}
	}
	// The server's table.
	w("var generatedMethods = map[string]method{\n")
	for _, m := range methods {
		if localMethods[m.name] {
			continue
		}
		w("\t%q: {actor: %v, largeBody: %v, call: func(ctx context.Context, api cases.API, actor cases.User, decode func(any) error) (any, any, error) {\n", m.name, m.actor, m.large)
		w("\t\tvar in args%s\n\t\tif err := decode(&in); err != nil {\n\t\t\treturn nil, nil, err\n\t\t}\n", m.name)
		w("\t\tvar out results%s\n", m.name)
		var call []string
		for _, p := range m.all {
			switch {
			case p.typ == "context.Context":
				call = append(call, "ctx")
			case p.name == "actor" && p.typ == "cases.User":
				call = append(call, "actor")
			case p.fn != nil:
				var ps, as []string
				for k, t := range p.fnArgs {
					ps = append(ps, fmt.Sprintf("a%d %s", k, t))
					as = append(as, fmt.Sprintf("A%d: a%d", k, k))
				}
				ret := ""
				if p.fnErr {
					ret = " error"
				}
				body := fmt.Sprintf("out.Calls%s = append(out.Calls%s, struct{", p.field, p.field)
				for k, t := range p.fnArgs {
					body += fmt.Sprintf("A%d %s;", k, t)
				}
				body += fmt.Sprintf("}{%s})", strings.Join(as, ", "))
				if p.fnErr {
					body += "\n\t\t\treturn nil"
				}
				call = append(call, fmt.Sprintf("func(%s)%s {\n\t\t\t%s\n\t\t}", strings.Join(ps, ", "), ret, body))
			default:
				call = append(call, "in."+p.field)
			}
		}
		var lhs []string
		for _, r := range m.results {
			if r.cert {
				lhs = append(lhs, "cert"+r.field)
			} else {
				lhs = append(lhs, "out."+r.field)
			}
		}
		if m.err {
			lhs = append(lhs, "err")
			w("\t\tvar err error\n")
		}
		for _, r := range m.results {
			if r.cert {
				w("\t\tvar cert%s *x509.Certificate\n", r.field)
			}
		}
		invoke := fmt.Sprintf("api.%s(%s)", m.name, strings.Join(call, ", "))
		if len(lhs) > 0 {
			w("\t\t%s = %s\n", strings.Join(lhs, ", "), invoke)
		} else {
			w("\t\t%s\n", invoke)
		}
		for _, r := range m.results {
			if r.cert {
				w("\t\tif cert%s != nil {\n\t\t\tout.%s = cert%s.Raw\n\t\t}\n", r.field, r.field, r.field)
			}
		}
		if m.err {
			w("\t\treturn &in, &out, err\n")
		} else {
			w("\t\treturn &in, &out, nil\n")
		}
		w("\t}},\n")
	}
	w("}\n\n")
	// The client.
	for _, m := range methods {
		if localMethods[m.name] || handWrittenClient[m.name] {
			continue
		}
		var sig []string
		for _, p := range m.all {
			sig = append(sig, p.name+" "+p.typ)
		}
		var res []string
		for _, r := range m.results {
			res = append(res, r.typ)
		}
		if m.err {
			res = append(res, "error")
		}
		ret := strings.Join(res, ", ")
		if len(res) > 1 {
			ret = "(" + ret + ")"
		}
		w("func (rc *Client) %s(%s) %s {\n", m.name, strings.Join(sig, ", "), ret)
		if !m.ctx {
			w("\tctx := context.Background()\n")
		}
		if m.actor {
			w("\t_ = actor // the server acts as the user it signed in\n")
		}
		w("\twireIn := args%s{", m.name)
		for _, p := range m.params {
			w("%s: %s, ", p.field, p.name)
		}
		w("}\n\tvar wireOut results%s\n\terr := rc.call(ctx, %q, &wireIn, &wireOut)\n", m.name, m.name)
		var rets []string
		for _, r := range m.results {
			if r.cert {
				w("\tvar cert%s *x509.Certificate\n\tif err == nil && wireOut.%s != nil {\n\t\tcert%s, err = x509.ParseCertificate(wireOut.%s)\n\t}\n", r.field, r.field, r.field, r.field)
				rets = append(rets, "cert"+r.field)
			} else {
				rets = append(rets, "wireOut."+r.field)
			}
		}
		for _, cb := range m.callback {
			var as []string
			for k := range cb.fnArgs {
				as = append(as, fmt.Sprintf("call.A%d", k))
			}
			w("\tfor _, call := range wireOut.Calls%s {\n\t\tif err != nil || %s == nil {\n\t\t\tbreak\n\t\t}\n", cb.field, cb.name)
			if cb.fnErr {
				w("\t\terr = %s(%s)\n", cb.name, strings.Join(as, ", "))
			} else {
				w("\t\t%s(%s)\n", cb.name, strings.Join(as, ", "))
			}
			w("\t}\n")
		}
		if m.err {
			rets = append(rets, "err")
		} else {
			w("\trc.noteError(err)\n")
		}
		if len(rets) > 0 {
			w("\treturn %s\n", strings.Join(rets, ", "))
		}
		w("}\n\n")
	}
	// The errors that keep their identity across the wire.
	w("var sentinelErrors = map[string]error{\n")
	for _, s := range sentinels {
		w("\t%q: cases.%s,\n", s, s)
	}
	w("}\n\n")
	w("// typedError names the first error type of package cases found in err's chain.\nfunc typedError(err error) (string, error) {\n")
	for _, t := range typed {
		if valueErrors[t] {
			w("\tif e, ok := errors.AsType[cases.%s](err); ok {\n\t\treturn %q, e\n\t}\n", t, t)
		} else {
			w("\tif e, ok := errors.AsType[*cases.%s](err); ok {\n\t\treturn %q, e\n\t}\n", t, t)
		}
	}
	w("\treturn \"\", nil\n}\n\n")
	w("// newTypedError is an empty error of the named type, for decoding.\nfunc newTypedError(name string) (target any, value func() error) {\n\tswitch name {\n")
	for _, t := range typed {
		if valueErrors[t] {
			w("\tcase %q:\n\t\tvar e cases.%s\n\t\treturn &e, func() error { return e }\n", t, t)
		} else {
			w("\tcase %q:\n\t\te := new(cases.%s)\n\t\treturn e, func() error { return e }\n", t, t)
		}
	}
	w("\t}\n\treturn nil, nil\n}\n")
	out, err := format.Source(b.Bytes())
	if err != nil {
		return b.Bytes(), fmt.Errorf("the generated code does not parse: %w", err)
	}
	return out, nil
}

func isErrorsNew(e ast.Expr) bool {
	c, ok := e.(*ast.CallExpr)
	if !ok {
		return false
	}
	s, ok := c.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	x, ok := s.X.(*ast.Ident)
	return ok && x.Name == "errors" && s.Sel.Name == "New"
}

func recvName(d *ast.FuncDecl) string {
	t := d.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

func exported(name string) string {
	r := []rune(name)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

var predeclared = map[string]bool{"bool": true, "string": true, "int": true, "int64": true, "int32": true, "float64": true,
	"byte": true, "rune": true, "error": true, "any": true, "uint": true, "uint64": true, "float32": true}

// qualify writes a type of package cases as package remote sees it.
func qualify(fset *token.FileSet, e ast.Expr) string {
	e = qualified(e)
	return exprString(fset, e)
}

func qualified(e ast.Expr) ast.Expr {
	switch t := e.(type) {
	case *ast.Ident:
		if !predeclared[t.Name] && ast.IsExported(t.Name) {
			return &ast.SelectorExpr{X: ast.NewIdent("cases"), Sel: ast.NewIdent(t.Name)}
		}
		return t
	case *ast.StarExpr:
		return &ast.StarExpr{X: qualified(t.X)}
	case *ast.ArrayType:
		return &ast.ArrayType{Len: t.Len, Elt: qualified(t.Elt)}
	case *ast.MapType:
		return &ast.MapType{Key: qualified(t.Key), Value: qualified(t.Value)}
	case *ast.FuncType:
		f := &ast.FuncType{Params: &ast.FieldList{}}
		for _, p := range t.Params.List {
			f.Params.List = append(f.Params.List, &ast.Field{Names: p.Names, Type: qualified(p.Type)})
		}
		if t.Results != nil {
			f.Results = &ast.FieldList{}
			for _, r := range t.Results.List {
				f.Results.List = append(f.Results.List, &ast.Field{Names: r.Names, Type: qualified(r.Type)})
			}
		}
		return f
	}
	return e
}

func exprString(fset *token.FileSet, e ast.Node) string {
	var b bytes.Buffer
	printer.Fprint(&b, fset, e)
	return b.String()
}

// WriteFile generates into path when its content changed.
func WriteFile(casesDir, path string) error {
	src, err := Generate(casesDir)
	if err != nil {
		return err
	}
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, src) {
		return nil
	}
	return os.WriteFile(path, src, 0o644)
}
