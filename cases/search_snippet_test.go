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
// made an administrator) does not find it, open it or export it; another
// administrator, who reads every open case, finds and exports it.
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
	// The export follows the same rule.
	has := func(refs []string) bool {
		for _, r := range refs {
			if r == batch[0].Case.Reference {
				return true
			}
		}
		return false
	}
	if has(k.exported(rapp)) || !has(k.exported(k.admin)) {
		t.Fatalf("the exports: the rapporteur's %v, the administrator's %v", k.exported(rapp), k.exported(k.admin))
	}
}

// The secretariat finds a person's cases by typing the submitter's name
// (which the search index never holds), first and once each, marked as
// found by the submitter; a member, who may not see submitters, and a
// one-letter search do not look submitters up. A case is found by its
// reference too.
func TestTheSecretariatFindsCasesByTheirSubmitter(t *testing.T) {
	k := newCommittee(t)
	ctx := context.Background()
	c := k.newCase(false, cases.RiskLow) // submitted by Zhang Wei
	other := k.newCase(false, cases.RiskLow)
	d := other.Draft
	d.Submitter = cases.Submitter{Kind: cases.SubmitterPerson, Name: "Li Ming"}
	d.Summary = "Zhang Wei is named in this summary."
	other, err := k.svc.UpdateCase(ctx, k.sec, other.ID, other.Version, d)
	must(t, err)

	hits, err := k.svc.Search(ctx, k.sec, "Zhang Wei", cases.Query{}, 0, 10)
	must(t, err)
	if len(hits) != 2 || hits[0].ID != c.ID || hits[0].Source != cases.SourceSubmitter || cases.SpansText(hits[0].Snippet, "[", "]") != "Submitter: [Zhang Wei]" ||
		hits[1].ID != other.ID || hits[1].Source == cases.SourceSubmitter {
		t.Fatalf("the secretariat's search for Zhang Wei: %+v", hits)
	}
	// Found by the text and by the submitter: listed once, where the text
	// put it.
	d.Submitter.Name = "Zhang Wei"
	_, err = k.svc.UpdateCase(ctx, k.sec, other.ID, other.Version, d)
	must(t, err)
	hits, err = k.svc.Search(ctx, k.sec, "Zhang Wei", cases.Query{}, 0, 10)
	must(t, err)
	if len(hits) != 2 || hits[0].ID != c.ID || hits[1].ID != other.ID || hits[1].Source != cases.SourceCase {
		t.Fatalf("a case found both ways: %+v", hits)
	}
	// A two-character name is looked up too, also when more cases name
	// the person in their text than have them as submitter.
	wang := k.newCase(false, cases.RiskLow)
	d = wang.Draft
	d.Submitter.Name = "王明"
	_, err = k.svc.UpdateCase(ctx, k.sec, wang.ID, wang.Version, d)
	must(t, err)
	for i := 0; i < 2; i++ {
		named := k.newCase(false, cases.RiskLow)
		d = named.Draft
		d.Summary = "投诉人提到王明的意见。"
		_, err = k.svc.UpdateCase(ctx, k.sec, named.ID, named.Version, d)
		must(t, err)
	}
	hits, err = k.svc.Search(ctx, k.sec, "王明", cases.Query{}, 0, 10)
	must(t, err)
	if len(hits) != 3 || hits[0].ID != wang.ID || hits[0].Source != cases.SourceSubmitter {
		t.Fatalf("the secretariat's search for 王明: %+v", hits)
	}

	member := k.members[0]
	must(t, k.svc.DeclareInterest(ctx, member, c.ID, false, ""))
	must(t, k.svc.DeclareInterest(ctx, member, other.ID, false, ""))
	if got := k.searched(member, "Zhang Wei"); len(got) != 1 || got[0] != other.Reference {
		t.Fatalf("a member's search for Zhang Wei: %v, want only the case whose summary names him", got)
	}
	if hits, err := k.svc.Search(ctx, k.sec, "Z", cases.Query{}, 0, 10); err != nil || len(hits) != 0 {
		t.Fatalf("a one-letter search looked submitters up: %+v %v", hits, err)
	}

	found, err := k.svc.FindCase(ctx, k.sec, " "+c.Reference+" ")
	if err != nil || found.ID != c.ID {
		t.Fatalf("finding %s by its reference: %v", c.Reference, err)
	}
	if _, err := k.svc.FindCase(ctx, k.sec, "EC-1999-0001"); err == nil {
		t.Fatal("a reference that does not exist was found")
	}
}
