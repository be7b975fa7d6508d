package pdf

import (
	"reflect"
	"strings"
	"testing"
)

// readAfter reads the object stream (data, s) with budget and then a small
// stream holding object 7 (the integer 3) with what is left, and returns
// the members of the second: nil once the first has spent the budget.
func readAfter(t *testing.T, data []byte, s Stream, budget *ObjStmBudget) map[int]Object {
	t.Helper()
	ObjectStreamMembers(data, s, budget)
	later, ls := rawObjStm(t, "7 0 ", "3 ", 1)
	return ObjectStreamMembers(later, ls, budget)
}

// An object stream that holds no object (/N 0, or /First 0 so that its
// index is empty) is still inflated, and what it inflates counts against
// the file's byte limit: with exactly its size left, a later stream is
// not read.
func TestAnObjectStreamHoldingNoObjectStillSpendsTheByteLimit(t *testing.T) {
	pad := strings.Repeat(" ", 200)
	for _, c := range []struct {
		name          string
		index, bodies string
		n             int
	}{
		{"/N 0", "5 0 ", "1 " + pad, 0},
		{"/First 0", "", "5 0 1 " + pad, 1},
	} {
		data, s := rawObjStm(t, c.index, c.bodies, c.n)
		size := int64(len(StreamData(data, s)) + len(c.index) + len(c.bodies))
		if got := ObjectStreamMembers(data, s, &ObjStmBudget{Bytes: 1 << 20, Members: 100}); got == nil || len(got) != 0 {
			t.Errorf("%s: members %#v, want none (but read)", c.name, got)
		}
		if got := readAfter(t, data, s, &ObjStmBudget{Bytes: size, Members: 100}); got != nil {
			t.Errorf("%s: a later stream was read (%v) with the byte limit spent", c.name, got)
		}
		if got := readAfter(t, data, s, &ObjStmBudget{Bytes: size + 1<<10, Members: 100}); !reflect.DeepEqual(got, map[int]Object{7: Integer(3)}) {
			t.Errorf("%s: with bytes to spare, the later stream read %v", c.name, got)
		}
	}
}

// Every index entry up to and including one that points exactly at the end
// of the inflated data counts against the file's member limit, though such
// a member holds nothing; an entry past the end stops the index and does
// not count, nor does anything after it.
func TestIndexEntriesUpToTheEndOfTheDataCountAgainstTheMemberLimit(t *testing.T) {
	for _, c := range []struct {
		name          string
		index, bodies string
		n, members    int
		want          map[int]Object // the stream's own members
		laterRead     bool
	}{
		// "5 0 6 2 " then "1 ": member 6 starts at 8+2, the end.
		{"an entry at the end", "5 0 6 2 ", "1 ", 2, 2, map[int]Object{5: Integer(1)}, false},
		// member 6 would start at 8+3, one past the end.
		{"an entry one past the end", "5 0 6 3 ", "1 ", 2, 2, map[int]Object{5: Integer(1)}, true},
		{"entries past the end", "5 0 6 9 8 10 ", "1 ", 3, 2, map[int]Object{5: Integer(1)}, true},
		// /First is the length of the data: member 5 starts at the end.
		{"/First at the end", "5 0 ", "", 1, 1, map[int]Object{}, false},
	} {
		data, s := rawObjStm(t, c.index, c.bodies, c.n)
		if got := ObjectStreamMembers(data, s, &ObjStmBudget{Bytes: 1 << 20, Members: 100}); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: members %#v, want %#v", c.name, got, c.want)
		}
		got := readAfter(t, data, s, &ObjStmBudget{Bytes: 1 << 20, Members: c.members})
		if read := reflect.DeepEqual(got, map[int]Object{7: Integer(3)}); read != c.laterRead {
			t.Errorf("%s: with %d members allowed, a later stream read %v (want read: %v)", c.name, c.members, got, c.laterRead)
		}
	}
}
