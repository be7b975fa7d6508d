package remote

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"ethicsdesk/cases"
)

// Every result of cases.API, filled with awkward values (Chinese, markup,
// quotes, control characters, line separators, invalid UTF-8, large and
// negative numbers, nil and empty lists, times in other zones), is
// written by the server to the very bytes encoding/json writes, and read
// by the client into the very value encoding/json reads: a client and a
// server of either codec understand each other, and nothing an answer
// carries changes on the way.
func TestAnswersTravelAsEncodingJSONWouldCarryThem(t *testing.T) {
	api := reflect.TypeFor[cases.API]()
	seen := map[reflect.Type]bool{}
	for i := range api.NumMethod() {
		m := api.Method(i)
		for j := range m.Type.NumOut() {
			typ := m.Type.Out(j)
			if typ == errType || typ == certType || typ.Kind() == reflect.Func || seen[typ] {
				continue
			}
			seen[typ] = true
			for variant := range 3 {
				v := reflect.New(typ)
				fill(v.Elem(), variant, 0)
				checkAnswer(t, fmt.Sprintf("%s (%s, variant %d)", m.Name, typ, variant), v.Interface())
			}
		}
	}
	if len(seen) < 40 {
		t.Fatalf("only %d result types checked; cases.API returns more", len(seen))
	}
	detail, _ := json.Marshal(map[string]any{"Field": "標題 <", "Max": 200})
	checkAnswer(t, "an error answer", &wireError{Message: "案件已由他人修改 — \"reload\" <b>&</b>", Sentinel: "ErrStale",
		Type: "FieldError", Detail: detail, Code: "session"})
}

func checkAnswer(t *testing.T, name string, ptr any) {
	t.Helper()
	value := reflect.ValueOf(ptr).Elem().Interface()
	want, werr := json.Marshal(response{Result: value})
	got, gerr := marshalAnswer(response{Result: value})
	if (werr != nil) != (gerr != nil) {
		t.Errorf("%s: encoding/json says %v, the answer's codec %v", name, werr, gerr)
		return
	}
	if werr != nil {
		return
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: written differently\n got %s\nwant %s", name, got, want)
		return
	}
	read := func(unmarshal func([]byte, any) error) (string, error) {
		out := reflect.New(reflect.TypeOf(ptr).Elem())
		r := struct {
			Result any        `json:"result"`
			Error  *wireError `json:"error"`
		}{Result: out.Interface()}
		if err := unmarshal(want, &r); err != nil {
			return "", err
		}
		again, err := json.Marshal(out.Interface())
		return string(again), err
	}
	stdRead, serr := read(json.Unmarshal)
	ourRead, oerr := read(unmarshalAnswer)
	if (serr != nil) != (oerr != nil) || stdRead != ourRead {
		t.Errorf("%s: read differently\n got %s (%v)\nwant %s (%v)", name, ourRead, oerr, stdRead, serr)
	}
}

var awkwardStrings = []string{
	"关于地铁人脸识别的投诉 <script>alert(1)</script> & \"quoted\" \\ back",
	"line\nbreak\ttab \u2028 \u2029 \x01 \x7f 😀 e\u0301",
	"invalid \xff\xfe utf-8 \xe4\xb8",
}

// fill gives v values that differ with variant: nil or empty lists and
// pointers in one, filled ones in the others.
func fill(v reflect.Value, variant, depth int) {
	if depth > 6 {
		return
	}
	switch v.Type() {
	case reflect.TypeFor[time.Time]():
		zones := []*time.Location{time.UTC, time.FixedZone("CST", 8*3600), time.FixedZone("", -(3*3600 + 30*60))}
		v.Set(reflect.ValueOf(time.Date(2026, 12, 3, 18, 4, 5, 123456789*(variant%2), zones[variant%3])))
		return
	case reflect.TypeFor[cases.Date]():
		v.Set(reflect.ValueOf(cases.DateOf(time.Date(2024+variant, 2, 29-variant, 0, 0, 0, 0, time.UTC))))
		return
	case reflect.TypeFor[json.RawMessage]():
		if variant > 0 {
			v.Set(reflect.ValueOf(json.RawMessage(`{"a":[1,"二"]}`)))
		}
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(awkwardStrings[(variant+depth)%len(awkwardStrings)])
	case reflect.Bool:
		v.SetBool(variant != 1)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt([]int64{-7, 1<<(v.Type().Bits()-1) - 1, 0}[variant]) // the largest: beyond a float64's 2^53 for int64
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(200 + variant))
	case reflect.Float32, reflect.Float64:
		v.SetFloat([]float64{0.1, 1e21, -2.5e-7}[variant])
	case reflect.Pointer:
		if variant == 1 {
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), variant, depth+1)
		v.Set(p)
	case reflect.Slice:
		if variant == 1 {
			return // nil: null on the wire
		}
		n := 2
		if variant == 2 {
			n = 0 // empty: [] on the wire
		}
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			fill(s.Index(i), (variant+i)%3, depth+1)
		}
		v.Set(s)
	case reflect.Array:
		for i := range v.Len() {
			fill(v.Index(i), variant, depth+1)
		}
	case reflect.Map:
		if variant == 1 {
			return
		}
		m := reflect.MakeMap(v.Type())
		for i := range 3 {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(k, i, depth+1+i) // distinct keys
			fill(e, (variant+i)%3, depth+1)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), (variant+i)%3, depth+1)
			}
		}
	}
}
