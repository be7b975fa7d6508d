package pdf

import (
	"reflect"
	"testing"
)

// A generation is read by its digits: two digits are as good as one or
// five, and six are refused even when they are zeros before a small
// number.
func TestScanObjectsReadsGenerationsByTheirDigits(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []Ref
	}{
		{"5 10 obj ", []Ref{{5, 10}}},
		{"5 99 obj ", []Ref{{5, 99}}},
		{"5 123 obj ", []Ref{{5, 123}}},
		{"5 00007 obj ", []Ref{{5, 7}}},
		{"5 000007 obj ", nil},
		{"5 0000007 obj ", nil},
	} {
		var got []Ref
		for _, h := range ScanObjects([]byte(c.in), 0, len(c.in), 0) {
			got = append(got, h.Ref)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: headers %v, want %v", c.in, got, c.want)
		}
	}
}

// A range that starts right on an "obj" (the file's first bytes, or the
// keyword of a header whose number lies before the range) goes on to the
// headers after it, and so does a scan that finds "obj" right where the
// last one ended.
func TestScanObjectsGoesOnPastAnObjAtTheStartOfItsRange(t *testing.T) {
	nums := func(hs []Header) (out []int) {
		for _, h := range hs {
			out = append(out, h.Ref.Num)
		}
		return out
	}
	for _, c := range []struct {
		name string
		data string
		from int
		want []int
	}{
		{"obj at the file's first byte", "obj\n1 0 obj 1 endobj\n", 0, []int{1}},
		{"range from a header's keyword", "1 0 obj 1 endobj\n2 0 obj 2 endobj\n", 4, []int{2}},
		{"obj right after obj", "xobjobj\n3 0 obj 3 endobj\n", 0, []int{3}},
	} {
		if got := nums(ScanObjects([]byte(c.data), c.from, len(c.data), 0)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
