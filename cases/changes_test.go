package cases

import (
	"context"
	"testing"
)

// pagedAudit is a storage without AuditTail: only the audit view's pages,
// newest first.
type pagedAudit struct{ recs []AuditRecord } // oldest first

func (p pagedAudit) AuditQuery(_ context.Context, f AuditFilter) ([]AuditRecord, int, error) {
	var out []AuditRecord
	for i := len(p.recs) - 1; i >= 0 && len(out) < f.Limit; i-- {
		out = append(out, p.recs[i])
	}
	return out, len(p.recs), nil
}
func (p pagedAudit) AuditActions(context.Context) ([]string, error) { return nil, nil }
func (p pagedAudit) AuditHead(context.Context) (int64, string, error) {
	return p.recs[len(p.recs)-1].Seq, "", nil
}

// On a storage that only pages the audit view (numbers with gaps, as after
// a failed transaction), the change feed still reads exactly the entries
// after the one asked for, oldest first.
func TestTheChangeFeedReadsTheEntriesAfterANumberFromPagesToo(t *testing.T) {
	p := pagedAudit{recs: []AuditRecord{{Seq: 1}, {Seq: 2}, {Seq: 4}, {Seq: 7}, {Seq: 8}}}
	got, err := auditAfter(context.Background(), p, 2, 8-2)
	if err != nil {
		t.Fatal(err)
	}
	var seqs []int64
	for _, r := range got {
		seqs = append(seqs, r.Seq)
	}
	if len(seqs) != 3 || seqs[0] != 4 || seqs[1] != 7 || seqs[2] != 8 {
		t.Fatalf("the entries after 2 came back as %v", seqs)
	}
}
