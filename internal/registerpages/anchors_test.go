package registerpages

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

// register is a query's rows in order, keyed by their position, with a
// count of the rows its scans read.
type register struct {
	rows    int
	version int64
	read    int
	scans   int
	fail    error
}

func (r *register) query(id string) Query {
	return Query{
		ID:      id,
		Version: func(context.Context) (int64, error) { return r.version, nil },
		Scan: func(_ context.Context, from *Key, limit int, each func(Key)) error {
			r.scans++
			if r.fail != nil {
				return r.fail
			}
			start := 0
			if from != nil {
				start = int(from.ID) + 1
			}
			for i := start; i < r.rows && i < start+limit; i++ {
				r.read++
				each(Key{Value: fmt.Sprint("row ", i), ID: int64(i)})
			}
			return nil
		},
	}
}

// start is where the page at offset begins, as the row the page starts
// after (-1: the first row) and the rows to skip after it.
func start(t *testing.T, c *Cache, q Query, offset int) (int, int) {
	t.Helper()
	k, skip, err := c.Start(context.Background(), q, offset)
	if err != nil {
		t.Fatal(err)
	}
	if k == nil {
		return -1, skip
	}
	if k.Value != fmt.Sprint("row ", k.ID) {
		t.Fatalf("key %+v is not the row's own", k)
	}
	return int(k.ID), skip
}

// A page starts after the row just before the nearest remembered
// position, and the keys are learnt once, each scan going on from the last
// key known rather than from the first row.
func TestPagesStartAfterRememberedKeys(t *testing.T) {
	r := &register{rows: 1050}
	var c Cache
	q := r.query("by title")
	for _, tc := range []struct{ offset, after, skip, read int }{
		{0, -1, 0, 0}, {99, -1, 99, 0}, // the first page needs no key
		{150, 99, 50, 100},      // learns one key: 100 rows read
		{420, 399, 20, 400},     // goes on from row 99 to row 399
		{100, 99, 0, 400},       // known
		{1049, 999, 49, 1000},   // goes on from row 399 to row 999
		{5000, 999, 4000, 1050}, // past the end: the scan meets the last row
		{2000, 999, 1000, 1050}, // the end is known: no scan
		{1000, 999, 0, 1050},    // the last key starts position 1000
		{399, 299, 99, 1050},    // an earlier position: known
	} {
		after, skip := start(t, &c, q, tc.offset)
		if after != tc.after || skip != tc.skip || r.read != tc.read {
			t.Errorf("page at %d: starts after row %d skipping %d, %d rows read in all; want after %d skipping %d, %d read",
				tc.offset, after, skip, r.read, tc.after, tc.skip, tc.read)
		}
	}
}

// A write (a new register version) makes the remembered keys unusable; a
// failed scan keeps nothing; the least recently used of more than Queries
// queries is forgotten.
func TestRememberedKeysFollowTheRegister(t *testing.T) {
	r := &register{rows: 500}
	var c Cache
	q := r.query("overdue")
	start(t, &c, q, 250)
	if r.scans != 1 {
		t.Fatalf("%d scans to learn the first keys", r.scans)
	}
	start(t, &c, q, 250)
	if r.scans != 1 {
		t.Fatalf("the keys were learnt again although the register did not change")
	}
	r.version++
	start(t, &c, q, 250)
	if r.scans != 2 {
		t.Fatalf("the keys of the register before a write were used after it")
	}

	r.fail = errors.New("connection lost")
	if _, _, err := c.Start(context.Background(), r.query("failing"), 300); err == nil {
		t.Fatal("a failed scan was not reported")
	}
	r.fail = nil
	before := r.read
	if after, skip := start(t, &c, r.query("failing"), 300); after != 299 || skip != 0 || r.read-before != 300 {
		t.Fatalf("after a failed scan: after row %d skipping %d, %d rows read", after, skip, r.read-before)
	}

	for i := 0; i < Queries; i++ { // "overdue" is now the least recently used
		start(t, &c, r.query(fmt.Sprint("query ", i)), 100)
	}
	scans := r.scans
	start(t, &c, r.query("query 5"), 100)
	if r.scans != scans {
		t.Fatal("a query among the last Queries used was forgotten")
	}
	start(t, &c, q, 250)
	if r.scans != scans+1 {
		t.Fatalf("the least recently used query's keys were kept beside Queries (%d) newer ones", Queries)
	}
}
