package store_test

import (
	"testing"

	"ethicsdesk/cases"
	"ethicsdesk/store"
)

// The benchmark's shell statements get the app's parameters as SQL
// literals: text quoted with its quotes doubled, numbers and flags as
// numbers, each use of a parameter replaced; a parameter without a value
// or of a type SQL cannot take is refused with its number.
func TestLiteralSQLWritesParametersAsLiterals(t *testing.T) {
	got, err := store.LiteralSQL("SELECT ?1, ?2, ?3, ?4, ?5 WHERE risk = ?5 AND n = ?2", []any{"O'Brien", int64(7), true, false, cases.RiskHigh})
	if want := "SELECT 'O''Brien', 7, 1, 0, 'high' WHERE risk = 'high' AND n = 7"; err != nil || got != want {
		t.Fatalf("%q %v, want %q", got, err, want)
	}
	if _, err := store.LiteralSQL("SELECT ?1, ?2", []any{1}); err == nil || err.Error() != "parameter ?2 has no value" {
		t.Fatalf("a missing value: %v", err)
	}
	if _, err := store.LiteralSQL("SELECT ?1", []any{2.5}); err == nil || err.Error() != "parameter ?1 has a value of type float64 that cannot be written as SQL" {
		t.Fatalf("a float: %v", err)
	}
}
