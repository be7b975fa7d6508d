package cases_test

import (
	"encoding/json"
	"testing"

	"ethicsdesk/cases"
)

// Dates cross the committee server's wire as YYYY-MM-DD and come back as
// the same day; a date that is not one is refused, not read as no date.
func TestDatesKeepTheirValueInJSON(t *testing.T) {
	in := struct{ Received, Due cases.Date }{Received: cases.MustDate("2026-03-02")}
	b, err := json.Marshal(in)
	if err != nil || string(b) != `{"Received":"2026-03-02","Due":""}` {
		t.Fatalf("written as %s (%v)", b, err)
	}
	var out struct{ Received, Due cases.Date }
	if err := json.Unmarshal(b, &out); err != nil || out != in {
		t.Fatalf("read back as %+v (%v)", out, err)
	}
	if err := json.Unmarshal([]byte(`{"Received":"2026-02-30"}`), &out); err == nil {
		t.Fatalf("30 February read as %s", out.Received)
	}
}
