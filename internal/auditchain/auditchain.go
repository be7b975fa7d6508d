// Package auditchain is the audit log's hash format, shared by the SQLite
// store (store) and the PostgreSQL store (pgstore): one definition of what
// an entry's hash covers and how a row's fingerprint is made, so that a
// register copied from one engine to the other keeps its chain hash for
// hash, by construction. It imports nothing of Ethics Desk and no driver.
package auditchain

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Genesis is the link of the first entry: the hash of "no entry".
const Genesis = "0000000000000000000000000000000000000000000000000000000000000000"

// Record is one row of audit_log.
type Record struct {
	Seq      int64
	At       string
	ActorID  int64
	Actor    string
	Action   string
	Entity   string
	EntityID int64
	Before   string
	After    string
	PrevHash string
	Hash     string
	// Fingerprints is the JSON of the rows the entry's transaction wrote
	// (the stores' fingerprint.go); "" on entries older than fingerprints.
	Fingerprints string
}

// Canonical is the exact byte string the hash covers: a JSON array of every
// field but the hash itself, in a fixed order. Fingerprints are appended
// only when present, so entries written before they existed keep their
// hashes.
func (r Record) Canonical() []byte {
	fields := []any{r.Seq, r.At, r.ActorID, r.Actor, r.Action, r.Entity, r.EntityID, r.Before, r.After, r.PrevHash}
	if r.Fingerprints != "" {
		fields = append(fields, r.Fingerprints)
	}
	b, _ := json.Marshal(fields)
	return b
}

// ComputeHash is the SHA-256 of Canonical, in hex.
func (r Record) ComputeHash() string {
	sum := sha256.Sum256(r.Canonical())
	return hex.EncodeToString(sum[:])
}

// Marshal is an entry's before or after value as stored: its JSON, "null"
// for none, and a quoted string for a value JSON cannot hold.
func Marshal(v any) string {
	if v == nil {
		return "null"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%q", fmt.Sprint(v))
	}
	return string(b)
}

// Fingerprint is the first 128 bits of the SHA-256 of the values' JSON:
// finding other values with the same print is as hard as with the whole
// hash for anyone but a holder of a quantum computer, and a 100,000-case
// register's log is 20 MB smaller.
func Fingerprint(vals []any) (string, error) {
	b, err := json.Marshal(vals)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16]), nil
}

// ScanFingerprint hashes the current row of rows: the JSON array of its
// values in column order (the stores' fingerprint column lists).
func ScanFingerprint(rows *sql.Rows) (string, error) {
	cols, err := rows.Columns()
	if err != nil {
		return "", err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return "", err
	}
	return Fingerprint(vals)
}

// Deleted is the fingerprint an entry records for a row it deleted.
const Deleted = "deleted"

// Last is what the audit log last recorded of one row.
type Last struct {
	Seq   int64
	Print string // "" when only entries older than fingerprints mention the row
}

// Prints collects, while the chain is walked, each tracked row's last
// recorded fingerprint, by "entity:id".
type Prints map[string]Last

// Add takes in one entry of the chain, in order; tracked says whether an
// entity's rows are fingerprinted.
func (rp Prints) Add(r Record, tracked func(entity string) bool) {
	if r.Fingerprints == "" {
		// Written before fingerprints existed: the row is known to the log
		// but its content cannot be compared.
		key := r.Entity + ":" + strconv.FormatInt(r.EntityID, 10)
		if _, seen := rp[key]; !seen && r.EntityID != 0 && tracked(r.Entity) {
			rp[key] = Last{Seq: r.Seq}
		}
		return
	}
	var m map[string]string
	if json.Unmarshal([]byte(r.Fingerprints), &m) != nil {
		return // the entry's own hash covers this text; the chain check names it
	}
	for k, p := range m {
		rp[k] = Last{Seq: r.Seq, Print: p}
	}
}

// Table is a table whose rows check compares with their last audit entry,
// with the columns its fingerprint covers (id first).
type Table struct {
	Entity, Table, Columns string
}

// Querier is the read side of a database connection.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// maxNamedRows is how many out-of-step rows of one kind check names before
// it only counts the rest.
const maxNamedRows = 20

// CompareRows holds every row of tables against what the log last recorded
// of it (rp). label gives, per entity, the SQL naming a row in the
// sentences; baseline is, per entity, the highest id that existed before
// the register had fingerprints. It returns the problems, how many rows it
// compared, and how many it could not (known only to older entries).
func CompareRows(ctx context.Context, q Querier, tables []Table, label func(entity string) string, baseline map[string]int64, rp Prints) (problems []string, compared, legacy int, err error) {
	for _, t := range tables {
		seen := map[string]bool{}
		var bad []string
		rows, err := q.QueryContext(ctx, "SELECT "+t.Columns+", "+label(t.Entity)+" FROM "+t.Table+" ORDER BY id")
		if err != nil {
			return nil, 0, 0, err
		}
		for rows.Next() {
			p, id, name, err := scanLabelled(rows)
			if err != nil {
				rows.Close()
				return nil, 0, 0, err
			}
			key := t.Entity + ":" + strconv.FormatInt(id, 10)
			seen[key] = true
			last, ok := rp[key]
			switch {
			case !ok && id <= baseline[t.Entity]:
				legacy++ // there before fingerprints, written without an entry of its own
				continue
			case !ok:
				bad = append(bad, fmt.Sprintf("%s was written into the file without any audit entry", name))
			case last.Print == "":
				legacy++
				continue
			case last.Print == Deleted:
				bad = append(bad, fmt.Sprintf("%s is in the file although audit entry %d records its deletion", name, last.Seq))
			case last.Print != p:
				bad = append(bad, fmt.Sprintf("%s was changed in the file without an audit entry (it differs from what entry %d recorded)", name, last.Seq))
			}
			compared++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, 0, 0, err
		}
		var gone []string
		for key, last := range rp {
			if strings.HasPrefix(key, t.Entity+":") && !seen[key] && last.Print != "" && last.Print != Deleted {
				gone = append(gone, fmt.Sprintf("%s %s was removed from the file without an audit entry (entry %d recorded it)", t.Entity, strings.TrimPrefix(key, t.Entity+":"), last.Seq))
			}
		}
		sort.Strings(gone)
		bad = append(bad, gone...)
		if len(bad) > maxNamedRows {
			bad = append(bad[:maxNamedRows], fmt.Sprintf("… and %d more %s rows out of step with the audit log", len(bad)-maxNamedRows, t.Entity))
		}
		problems = append(problems, bad...)
	}
	return problems, compared, legacy, nil
}

// scanLabelled reads a row of CompareRows' query: the tracked columns (id
// first), then the label.
func scanLabelled(rows *sql.Rows) (print string, id int64, label string, err error) {
	cols, err := rows.Columns()
	if err != nil {
		return "", 0, "", err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return "", 0, "", err
	}
	print, err = Fingerprint(vals[:len(vals)-1])
	if err != nil {
		return "", 0, "", err
	}
	id, _ = vals[0].(int64)
	label = fmt.Sprint(vals[len(vals)-1])
	if lb, ok := vals[len(vals)-1].([]byte); ok {
		label = string(lb)
	}
	return print, id, label, nil
}

// Walk is what one pass over the log found: the first broken link, the
// hash of every entry up to it (to compare with checkpoints and the heads
// printed on opinions), and each row's last fingerprint.
type Walk struct {
	BadSeq  int64
	Problem string
	Hashes  []string // Hashes[i] is entry i's hash; Hashes[0] the genesis
	Prints  Prints
}

// HashAt is the chain's hash at seq, and whether the chain reaches it.
func (w *Walk) HashAt(seq int64) (string, bool) {
	if seq < 0 || seq >= int64(len(w.Hashes)) {
		return "", false
	}
	return w.Hashes[seq], true
}

// WalkChain reads the whole log in order, recomputing every hash and link;
// tracked says whose rows are fingerprinted.
func WalkChain(ctx context.Context, q Querier, tracked func(entity string) bool) (*Walk, error) {
	rows, err := q.QueryContext(ctx, `SELECT seq, at, actor_id, actor, action, entity, entity_id, before, after, prev_hash, hash, fingerprints
		FROM audit_log ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	w := &Walk{Hashes: []string{Genesis}, Prints: Prints{}}
	prev, expectSeq := Genesis, int64(1)
	for rows.Next() {
		var r Record
		if err := rows.Scan(&r.Seq, &r.At, &r.ActorID, &r.Actor, &r.Action, &r.Entity, &r.EntityID, &r.Before, &r.After, &r.PrevHash, &r.Hash, &r.Fingerprints); err != nil {
			return nil, err
		}
		switch {
		case r.Seq != expectSeq:
			w.BadSeq, w.Problem = expectSeq, fmt.Sprintf("audit entry %d is missing", expectSeq)
		case r.PrevHash != prev:
			w.BadSeq, w.Problem = r.Seq, fmt.Sprintf("audit entry %d does not link to entry %d", r.Seq, r.Seq-1)
		case r.ComputeHash() != r.Hash:
			w.BadSeq, w.Problem = r.Seq, fmt.Sprintf("audit entry %d was altered after it was written", r.Seq)
		}
		if w.BadSeq != 0 {
			return w, nil
		}
		w.Prints.Add(r, tracked)
		w.Hashes = append(w.Hashes, r.Hash)
		prev, expectSeq = r.Hash, expectSeq+1
	}
	return w, rows.Err()
}
