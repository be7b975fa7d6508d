// Package auditchain is the audit log's hash format, shared by the SQLite
// store (store) and the PostgreSQL store (pgstore): one definition of what
// an entry's hash covers and how a row's fingerprint is made, so that a
// register copied from one engine to the other keeps its chain hash for
// hash, by construction. It imports nothing of Ethics Desk and no driver.
package auditchain

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
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
