package remote

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/remote/internal/apigen"
)

// The wire schema is generated from cases.API: a method added or changed
// there must be generated again (go generate ./remote/), or this fails.
func TestGeneratedSchemaIsUpToDate(t *testing.T) {
	want, err := apigen.Generate("../cases")
	if err != nil {
		t.Fatal(err)
	}
	got, err := readFile("api_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("remote/api_gen.go is out of date with cases.API: run go generate ./remote/")
	}
}

// Every method of cases.API is either served or answered by the client
// itself (the clock), and nothing else is served.
func TestEveryMethodIsServed(t *testing.T) {
	api := reflect.TypeFor[cases.API]()
	for i := range api.NumMethod() {
		name := api.Method(i).Name
		if _, ok := generatedMethods[name]; !ok && name != "Now" && name != "Today" {
			t.Errorf("cases.API.%s has no entry in the server's table", name)
		}
	}
	if len(generatedMethods) != api.NumMethod()-2 {
		t.Errorf("the server serves %d methods; cases.API has %d (two answered locally)", len(generatedMethods), api.NumMethod())
	}
}

var (
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	timeType      = reflect.TypeFor[time.Time]()
	certType      = reflect.TypeFor[*x509.Certificate]()
	ctxType       = reflect.TypeFor[context.Context]()
	errType       = reflect.TypeFor[error]()
)

// Every argument and result of cases.API must survive JSON whole: no
// struct with unexported fields (they would arrive empty, as dates did
// before they learnt to write themselves), no interface or channel.
func TestEveryTypeOnTheWireSurvivesJSON(t *testing.T) {
	api := reflect.TypeFor[cases.API]()
	seen := map[reflect.Type]bool{}
	for i := range api.NumMethod() {
		m := api.Method(i)
		var types []reflect.Type
		for j := range m.Type.NumIn() {
			types = append(types, m.Type.In(j))
		}
		for j := range m.Type.NumOut() {
			types = append(types, m.Type.Out(j))
		}
		for _, typ := range types {
			if typ == ctxType || typ == errType || typ == certType {
				continue
			}
			if typ.Kind() == reflect.Func { // callbacks: their arguments travel
				for j := range typ.NumIn() {
					checkWireType(t, m.Name, typ.In(j), seen)
				}
				continue
			}
			checkWireType(t, m.Name, typ, seen)
		}
	}
}

func checkWireType(t *testing.T, method string, typ reflect.Type, seen map[reflect.Type]bool) {
	if seen[typ] {
		return
	}
	seen[typ] = true
	if typ == timeType || typ.Implements(jsonMarshaler) || typ.Implements(textMarshaler) || reflect.PointerTo(typ).Implements(textMarshaler) {
		return
	}
	switch typ.Kind() {
	case reflect.Interface, reflect.Chan, reflect.Func, reflect.UnsafePointer:
		t.Errorf("%s: %s cannot travel as JSON", method, typ)
	case reflect.Pointer, reflect.Slice, reflect.Array:
		checkWireType(t, method, typ.Elem(), seen)
	case reflect.Map:
		checkWireType(t, method, typ.Key(), seen)
		checkWireType(t, method, typ.Elem(), seen)
	case reflect.Struct:
		for i := range typ.NumField() {
			f := typ.Field(i)
			if !f.IsExported() {
				t.Errorf("%s: %s has the unexported field %s, which JSON leaves out", method, typ, f.Name)
				continue
			}
			if f.Tag.Get("json") == "-" {
				t.Errorf("%s: %s.%s is left out of JSON", method, typ, f.Name)
			}
			checkWireType(t, method, f.Type, seen)
		}
	}
}
