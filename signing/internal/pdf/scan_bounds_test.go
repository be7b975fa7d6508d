package pdf

import (
	"reflect"
	"testing"
)

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
