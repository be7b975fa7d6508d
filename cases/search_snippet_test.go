package cases_test

import (
	"context"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// A case found by a word of its title alone still shows an extract: the
// start of its summary, nothing marked in it.
func TestATitleMatchShowsTheStartOfTheSummary(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskLow) // "Face recognition at the metro gates"
	hits, err := k.svc.Search(ctx, k.sec, "recognition", cases.Query{}, 0, 10)
	must(t, err)
	if len(hits) != 1 || hits[0].ID != c.ID {
		t.Fatalf("hits %+v", hits)
	}
	got := cases.SpansText(hits[0].Snippet, "[", "]")
	if !strings.HasPrefix(got, "Faces are said to be stored") || strings.Contains(got, "[") {
		t.Fatalf("the extract reads %q, want the summary's start unmarked", got)
	}
}

// Search follows the reading rule for a case's rapporteur whatever their
// role: an imported case's rapporteur who has not declared (here since
// made an administrator) does not find it, nor open it; another
// administrator, who reads every open case, finds it.
func TestAnUndeclaredRapporteurDoesNotFindTheCaseWhateverTheirRole(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	rapp := k.members[0]
	now := k.clock.now().UTC()
	d := k.newCase(false, cases.RiskLow).Draft
	d.AISystem = "Kestrel"
	batch := []cases.ImportedCase{{Case: cases.Case{Draft: d, Status: cases.UnderReview, RapporteurID: rapp.ID, Rapporteur: rapp.Name(),
		CreatedAt: now, CreatedBy: "test", UpdatedAt: now, UpdatedBy: "test"}}}
	must(t, k.db.ImportCases(ctx, batch, cases.AuditEntry{Actor: cases.System, Action: "test.import", Entity: "register"}))
	must(t, k.svc.SetRole(ctx, k.admin, rapp.ID, cases.RoleAdministrator))
	rapp.Role = cases.RoleAdministrator
	if got := k.searched(rapp, "Kestrel"); len(got) != 0 {
		t.Fatalf("the undeclared rapporteur finds the case: %v", got)
	}
	if _, err := k.svc.GetCase(ctx, rapp, batch[0].Case.ID); err == nil {
		t.Fatal("the undeclared rapporteur opens the case")
	}
	if got := k.searched(k.admin, "Kestrel"); len(got) != 1 || got[0] != batch[0].Case.Reference {
		t.Fatalf("the administrator's search: %v", got)
	}
}
