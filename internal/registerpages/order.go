package registerpages

import (
	"database/sql"

	"ethicsdesk/cases"
)

// Order is the ORDER BY of a register query, as both stores write it: the
// sort expression, then the id, both in the same direction, so that pages
// never overlap or skip.
type Order struct {
	Col string // the sort expression, with its collation
	Dir string // " ASC" or " DESC"
	Cmp string // ">" or "<": rows after a key in this order
}

// OrderOf is the order of q's register, its sort expression taken from
// columns (a store's expressions for each sort key; the reference when q
// names none of them).
func OrderOf(columns map[cases.SortKey]string, q cases.Query) Order {
	col, ok := columns[q.Sort]
	if !ok {
		col = columns[cases.SortReference]
	}
	if q.Desc {
		return Order{Col: col, Dir: " DESC", Cmp: "<"}
	}
	return Order{Col: col, Dir: " ASC", Cmp: ">"}
}

// By is the ORDER BY clause, over cases aliased c.
func (o Order) By() string { return " ORDER BY " + o.Col + o.Dir + ", c.id" + o.Dir }

// ReadKeys hands each row of rows, a sort value and an id, to each as a
// Key, and closes rows. A value read as bytes is kept as text, so that it
// is bound back as text: SQLite sorts a BLOB after every text.
func ReadKeys(rows *sql.Rows, each func(Key)) error {
	defer rows.Close()
	for rows.Next() {
		var k Key
		if err := rows.Scan(&k.Value, &k.ID); err != nil {
			return err
		}
		if b, ok := k.Value.([]byte); ok {
			k.Value = string(b)
		}
		each(k)
	}
	return rows.Err()
}
