package pdf

import (
	"bytes"
	"fmt"
	"sort"
)

// Update collects the objects of one incremental update: new objects and
// new versions of existing ones, written after the original bytes with their
// own cross-reference section and a trailer pointing back with /Prev.
type Update struct {
	doc   *Document
	objs  map[int]Object
	order []int
	next  int
}

// NewUpdate starts an update to d.
func (d *Document) NewUpdate() *Update {
	return &Update{doc: d, objs: map[int]Object{}, next: d.Size()}
}

// Reserve allocates a new object number.
func (u *Update) Reserve() Ref {
	r := Ref{Num: u.next}
	u.next++
	return r
}

// Set writes o as object r in the update (a new object or a new version).
func (u *Update) Set(r Ref, o Object) {
	if _, ok := u.objs[r.Num]; !ok {
		u.order = append(u.order, r.Num)
	}
	u.objs[r.Num] = o
}

// Written is the result of Update.Bytes: the whole new file and where each
// object of the update starts in it.
type Written struct {
	File    []byte
	Offsets map[int]int
}

// Bytes lays out the original file followed by the update. extraTrailer
// entries (such as /ID) are added to the trailer.
func (u *Update) Bytes(extraTrailer *Dict) Written {
	orig := u.doc.Data
	var buf bytes.Buffer
	buf.Grow(len(orig) + 4096)
	buf.Write(orig)
	if len(orig) > 0 && orig[len(orig)-1] != '\n' && orig[len(orig)-1] != '\r' {
		buf.WriteByte('\n')
	}
	offsets := map[int]int{}
	for _, num := range u.order {
		offsets[num] = buf.Len()
		fmt.Fprintf(&buf, "%d 0 obj\n", num)
		Write(&buf, u.objs[num])
		buf.WriteString("\nendobj\n")
	}
	xrefAt := buf.Len()
	nums := append([]int(nil), u.order...)
	sort.Ints(nums)
	buf.WriteString("xref\n")
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		fmt.Fprintf(&buf, "%d %d\n", nums[i], j-i+1)
		for k := i; k <= j; k++ {
			fmt.Fprintf(&buf, "%010d 00000 n\r\n", offsets[nums[k]])
		}
		i = j + 1
	}
	t := NewDict()
	size := u.next
	if u.doc.Size() > size {
		size = u.doc.Size()
	}
	t.Set("Size", Integer(size))
	t.Set("Root", u.doc.Trailer.Get("Root"))
	for _, k := range []Name{"Info", "ID"} {
		if v := u.doc.Trailer.Get(k); v != nil {
			t.Set(k, v)
		}
	}
	if extraTrailer != nil {
		for _, k := range extraTrailer.Keys() {
			t.Set(k, extraTrailer.Get(k))
		}
	}
	t.Set("Prev", Integer(u.doc.StartXref))
	buf.WriteString("trailer\n")
	Write(&buf, t)
	fmt.Fprintf(&buf, "\nstartxref\n%d\n%%%%EOF\n", xrefAt)
	return Written{File: buf.Bytes(), Offsets: offsets}
}
