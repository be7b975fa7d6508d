package pgstore

import (
	"testing"

	"ethicsdesk/textindex"
)

// Only a query of one word, without prefix or weight, has the score
// ceiling pruning relies on (search_prune.go).
func TestOnlyOneWordIsRankedPruned(t *testing.T) {
	for in, want := range map[string]bool{
		"submitter": true, "同意": true, "Submitter": true, "Café": true,
		"algorith*": false, "信": false, "个人信息": false, "facial recognition": false,
		`"facial recognition"`: false, "a OR b": false, "privacy -draft": false,
	} {
		match, err := tsQuery(textindex.ParseQuery(in).Match)
		if err != nil {
			t.Fatal(err)
		}
		if got := prunable(match); got != want {
			t.Errorf("%q (%s): ranked pruned %v, want %v", in, match, got, want)
		}
	}
}
