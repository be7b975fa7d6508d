package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"ethicsdesk/cases"
)

// The register window asks for pages by position (rows 50,000 to 50,099
// when the scrollbar is dragged half way), but a page read with OFFSET
// makes SQLite step over every row before it: a deep page of a filter that
// no index serves in full took 55–62 ms. Pages are read by key instead:
// a page starts after the sort key and id of the row just before it, which
// an index finds in one seek. The keys of every anchorStride-th row of a
// query are learnt once by reading the index alone, from the last key
// known to the one needed, and kept while the register is unchanged.

// anchorStride is the distance between two remembered keys: one page.
const anchorStride = cases.PageSize

// pageKey is the sort value and id of one row of the register.
type pageKey struct {
	value any
	id    int64
}

// anchorList is what is known of one query's order: keys[i] is the key of
// row (i+1)*anchorStride-1, the row just before position (i+1)*anchorStride;
// complete is set once the scan has reached the last row.
type anchorList struct {
	mu       sync.Mutex
	keys     []pageKey
	complete bool
}

// anchorCache keeps the anchors of the queries most recently paged through.
// An entry is keyed by the query's text, its parameters and the register's
// version, so a write (which always adds an audit entry) makes new keys.
type anchorCache struct {
	mu      sync.Mutex
	entries map[string]*anchorList
	order   []string // oldest first
}

// anchorQueries is how many queries' anchors are kept, the least recently
// used dropped first: every filter and sort the window offers (about 50),
// at most a thousand keys each for a register of 100,000 cases.
const anchorQueries = 64

func (c *anchorCache) get(key string) *anchorList {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]*anchorList{}
	}
	if l, ok := c.entries[key]; ok {
		for i, k := range c.order { // most recently used last
			if k == key {
				c.order = append(append(c.order[:i:i], c.order[i+1:]...), key)
				break
			}
		}
		return l
	}
	if len(c.order) >= anchorQueries {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
	l := &anchorList{}
	c.entries[key] = l
	c.order = append(c.order, key)
	return l
}

// pageOrder is the ORDER BY of q's register with the column and direction
// keyset comparisons need.
type pageOrder struct {
	col string // the sort expression, with its collation
	dir string // " ASC" or " DESC"
	cmp string // ">" or "<": rows after a key in this order
}

func orderOf(q cases.Query) pageOrder {
	col, ok := sortColumns[q.Sort]
	if !ok {
		col = sortColumns[cases.SortReference]
	}
	if q.Desc {
		return pageOrder{col: col, dir: " DESC", cmp: "<"}
	}
	return pageOrder{col: col, dir: " ASC", cmp: ">"}
}

func (o pageOrder) by() string { return " ORDER BY " + o.col + o.dir + ", c.id" + o.dir }

// afterKey adds "rows after key" to a WHERE clause built by where.
func (o pageOrder) afterKey(w string, args []any, key *pageKey) (string, []any) {
	if key == nil {
		return w, args
	}
	n := len(args)
	v, id := "?"+strconv.Itoa(n+1), "?"+strconv.Itoa(n+2)
	// The bare range on the column is implied by the row value, but SQLite
	// seeks an index with a COLLATE column only through it: without it the
	// title order was scanned from its first row.
	cond := o.col + " " + o.cmp + "= " + v + " AND (" + o.col + ", c.id) " + o.cmp + " (" + v + ", " + id + ")"
	args = append(args, key.value, key.id)
	if w == "" {
		return " WHERE " + cond, args
	}
	return w + " AND " + cond, args
}

// listCasesPageSQL is the statement of one register page that starts
// after the row whose key is given (nil: the first row), skipping skip rows
// more (less than a page), with its numbered parameters.
func listCasesPageSQL(q cases.Query, after *pageKey, skip, limit int) (string, []any) {
	o := orderOf(q)
	w, args := where(q)
	w, args = o.afterKey(w, args, after)
	args = append(args, limit)
	query := `SELECT c.id, c.reference, c.title, c.type_code, c.status, c.received_on, c.due_on, c.rapporteur_name, c.confidential
		FROM cases c` + w + o.by() + " LIMIT ?" + strconv.Itoa(len(args))
	if skip > 0 {
		args = append(args, skip)
		query += " OFFSET ?" + strconv.Itoa(len(args))
	}
	return query, args
}

// registerVersion changes whenever the register does: every write adds an
// audit entry in its own transaction, also when another process writes.
func (db *DB) registerVersion(ctx context.Context) (int64, error) {
	var seq int64
	err := db.read.QueryRowContext(ctx, "SELECT COALESCE(MAX(seq), 0) FROM audit_log").Scan(&seq)
	return seq, err
}

// pageStart is where the page at offset begins: the key of the row before
// the nearest remembered position at or below offset, and how many rows to
// skip after it. A nil key with skip = offset means the rows end before
// the nearest position (the page is empty or short).
func (db *DB) pageStart(ctx context.Context, q cases.Query, offset int) (*pageKey, int, error) {
	if offset < anchorStride {
		return nil, offset, nil
	}
	version, err := db.registerVersion(ctx)
	if err != nil {
		return nil, 0, err
	}
	w, args := where(q)
	o := orderOf(q)
	id := fmt.Sprintf("%s|%s|%v|%d", w, o.by(), args, version)
	l := db.anchors.get(id)
	want := offset/anchorStride - 1 // index of the key needed
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := db.learnAnchors(ctx, q, l, want); err != nil {
		return nil, 0, err
	}
	if want >= len(l.keys) {
		// Past the last row: the page is empty, read from the last key.
		if len(l.keys) == 0 {
			return nil, offset, nil
		}
		last := l.keys[len(l.keys)-1]
		return &last, offset - len(l.keys)*anchorStride, nil
	}
	k := l.keys[want]
	return &k, offset - (want+1)*anchorStride, nil
}

// learnAnchors reads the keys of q's rows in order, from the last one known,
// until l holds keys[want] or the rows end. Only the sort column and the id
// are read, which the filter's index holds.
func (db *DB) learnAnchors(ctx context.Context, q cases.Query, l *anchorList, want int) error {
	if want < len(l.keys) || l.complete {
		return nil
	}
	o := orderOf(q)
	var from *pageKey
	if len(l.keys) > 0 {
		from = &l.keys[len(l.keys)-1]
	}
	w, args := where(q)
	w, args = o.afterKey(w, args, from)
	need := (want + 1 - len(l.keys)) * anchorStride
	args = append(args, need)
	query := "SELECT " + keyColumn(o.col) + ", c.id FROM cases c" + w + o.by() + " LIMIT ?" + strconv.Itoa(len(args))
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var k pageKey
		if err := rows.Scan(&k.value, &k.id); err != nil {
			return err
		}
		if b, ok := k.value.([]byte); ok {
			k.value = string(b) // bound back as TEXT: a BLOB sorts after every text
		}
		n++
		if n%anchorStride == 0 {
			l.keys = append(l.keys, k)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if n < need {
		l.complete = true
	}
	return nil
}

// keyColumn is the sort expression without its collation, as a value to
// compare against later (the collation applies in the comparison).
func keyColumn(col string) string {
	col, _, _ = strings.Cut(col, " COLLATE ")
	return col
}
