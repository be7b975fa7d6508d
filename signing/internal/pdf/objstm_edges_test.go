package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// rawObjStm builds an object stream from its index and bodies as written,
// so that a test can give it an index that does not match /N.
func rawObjStm(t *testing.T, index, bodies string, n int) ([]byte, Stream) {
	t.Helper()
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	if _, err := zw.Write([]byte(index + bodies)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	data := append([]byte(fmt.Sprintf("1 0 obj\n<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>\nstream\n", n, len(index), z.Len())), z.Bytes()...)
	data = append(data, "\nendstream\nendobj\n"...)
	_, o, err := NewParser(data, 0).Indirect()
	if err != nil {
		t.Fatal(err)
	}
	return data, o.(Stream)
}

// The members of an object stream are those its index names, no more than
// /N, with numbers from 0 to 2^31 and offsets that increase; an index
// that repeats an offset ends there.
func TestObjectStreamMembersFollowTheIndex(t *testing.T) {
	for _, c := range []struct {
		name          string
		index, bodies string
		n             int
		want          map[int]Object
	}{
		{"more pairs than /N", "5 0 6 2 ", "1 2 ", 1, map[int]Object{5: Integer(1)}},
		{"object number 0", "0 0 ", "7 ", 1, map[int]Object{0: Integer(7)}},
		{"object number 2^31", "2147483648 0 ", "7 ", 1, map[int]Object{1 << 31: Integer(7)}},
		{"object number past 2^31", "2147483649 0 ", "7 ", 1, map[int]Object{}},
		{"a repeated offset", "5 0 6 0 ", "7 ", 2, map[int]Object{5: Integer(7)}},
	} {
		data, s := rawObjStm(t, c.index, c.bodies, c.n)
		got := ObjectStreamMembers(data, s, &ObjStmBudget{Bytes: 1 << 20, Members: 100})
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: members %v, want %v", c.name, got, c.want)
		}
	}
}

// An object stream may hold up to 10,000 objects.
func TestObjectStreamMemberCountBounds(t *testing.T) {
	var index, bodies strings.Builder
	for i := 0; i < maxObjStmObjects; i++ {
		fmt.Fprintf(&index, "%d %d ", 100+i, bodies.Len())
		bodies.WriteString("1 ")
	}
	data, s := rawObjStm(t, index.String(), bodies.String(), maxObjStmObjects)
	if got := ObjectStreamMembers(data, s, &ObjStmBudget{Bytes: 1 << 20, Members: 1 << 20}); len(got) != maxObjStmObjects {
		t.Errorf("%d members read of %d", len(got), maxObjStmObjects)
	}
}
