package auditchain

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

// The hash covers every field but itself, in a fixed order, and the
// fingerprints only when present: entries written before fingerprints
// existed keep the hash printed on opinions issued then.
func TestAnEntrysHashCoversEveryFieldButItself(t *testing.T) {
	r := Record{Seq: 7, At: "2026-03-04T09:30:00Z", ActorID: 2, Actor: "Li Na", Action: "case.save", Entity: "case",
		EntityID: 42, Before: `{"title":"a"}`, After: `{"title":"b"}`, PrevHash: Genesis}
	want := `[7,"2026-03-04T09:30:00Z",2,"Li Na","case.save","case",42,"{\"title\":\"a\"}","{\"title\":\"b\"}","` + Genesis + `"]`
	if got := string(r.Canonical()); got != want {
		t.Fatalf("canonical form\n got %s\nwant %s", got, want)
	}
	sum := sha256.Sum256([]byte(want))
	if r.ComputeHash() != hex.EncodeToString(sum[:]) {
		t.Fatal("the hash is not the SHA-256 of the canonical form")
	}
	old := r.ComputeHash()
	r.Hash = "anything"
	if r.ComputeHash() != old {
		t.Fatal("the stored hash is part of what it hashes")
	}
	r.Fingerprints = `{"case:42":"ab"}`
	if !strings.HasSuffix(string(r.Canonical()), `,"{\"case:42\":\"ab\"}"]`) || r.ComputeHash() == old {
		t.Fatalf("fingerprints are not covered: %s", r.Canonical())
	}
	for _, change := range []func(*Record){
		func(r *Record) { r.Seq++ }, func(r *Record) { r.At += "x" }, func(r *Record) { r.ActorID++ },
		func(r *Record) { r.Actor += "x" }, func(r *Record) { r.Action += "x" }, func(r *Record) { r.Entity += "x" },
		func(r *Record) { r.EntityID++ }, func(r *Record) { r.Before += "x" }, func(r *Record) { r.After += "x" },
		func(r *Record) { r.PrevHash = "1" + r.PrevHash[1:] }, func(r *Record) { r.Fingerprints += "x" },
	} {
		c := r
		change(&c)
		if c.ComputeHash() == r.ComputeHash() {
			t.Errorf("a change to %+v leaves the hash as it was", c)
		}
	}
}

func TestMarshalAndFingerprint(t *testing.T) {
	if Marshal(nil) != "null" || Marshal(map[string]int{"a": 1}) != `{"a":1}` || Marshal(func() {}) == "" {
		t.Fatal("values are not stored as their JSON")
	}
	a, _ := Fingerprint([]any{"EC-2026-0001", int64(3)})
	b, _ := Fingerprint([]any{"EC-2026-0001", int64(4)})
	if len(a) != 32 || a == b {
		t.Fatalf("fingerprints %q and %q", a, b)
	}
}
