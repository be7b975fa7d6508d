package issuing

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/opinion"
)

// Minutes is what a meeting's minutes print: the meeting as the acting user
// may see it, the rules in force, each agenda case with its votes and
// outcome, and the audit log's head at the time of printing.
type Minutes struct {
	Meeting   cases.Meeting
	Settings  cases.Settings
	Items     []MinutesItem
	AuditSeq  int64
	AuditHash string
	PrintedAt time.Time
}

// MinutesItem is one agenda case in the minutes.
type MinutesItem struct {
	Item    cases.AgendaItem
	Tally   cases.Tally
	Votes   []cases.CastVote
	Recused []cases.PanelMember // panel members recused for the case
}

// CollectMinutes reads everything the minutes of meeting id print, through
// the service and so with the acting user's permissions: agenda cases the
// actor may not know of are left out, as on the screen.
func CollectMinutes(ctx context.Context, svc cases.API, actor cases.User, meetingID int64) (Minutes, error) {
	m, err := svc.Meeting(ctx, actor, meetingID)
	if err != nil {
		return Minutes{}, err
	}
	st, err := svc.Settings(ctx)
	if err != nil {
		return Minutes{}, err
	}
	out := Minutes{Meeting: m, Settings: st, PrintedAt: svc.Now()}
	for _, item := range m.Agenda {
		t, votes, err := svc.Tally(ctx, actor, meetingID, item.CaseID)
		if err != nil {
			return Minutes{}, err
		}
		panel, err := svc.Panel(ctx, actor, item.CaseID)
		if err != nil {
			return Minutes{}, err
		}
		mi := MinutesItem{Item: item, Tally: t, Votes: votes}
		for _, p := range panel {
			if p.Recused() {
				mi.Recused = append(mi.Recused, p)
			}
		}
		out.Items = append(out.Items, mi)
	}
	// The head is read last, so the minutes vouch for every entry their
	// content came from.
	if out.AuditSeq, out.AuditHash, err = svc.AuditHead(ctx); err != nil {
		return Minutes{}, err
	}
	return out, nil
}

// MinutesReference is the reference printed on every page of the minutes.
func MinutesReference(m cases.Meeting) string {
	return fmt.Sprintf("MIN-%s-%d", m.HeldOn.String(), m.ID)
}

// RenderMinutes prints the minutes as a PDF with the committee's
// letterhead, through the same document builder as opinions.
func RenderMinutes(lh opinion.Letterhead, mi Minutes) ([]byte, error) {
	m := mi.Meeting
	title := "Minutes of the meeting"
	if m.Title != "" {
		title = "Minutes: " + m.Title
	}
	doc := opinion.NewDocument(lh, MinutesReference(m), m.HeldOn.Time(), title)
	doc.Title(title, "Meeting held on "+m.HeldOn.Human())

	doc.Heading("Attendance")
	var members, consultants []string
	for _, a := range m.Attendance {
		if a.Capacity == cases.CapacityMember {
			members = append(members, a.Name)
		} else {
			consultants = append(consultants, a.Name)
		}
	}
	doc.KeyValues([]opinion.Field{
		{Label: "Members present", Value: listOrNone(members)},
		{Label: "Consultants (not voting)", Value: listOrNone(consultants)},
	})
	present := m.MembersPresent()
	quorum := fmt.Sprintf("Quorum met: %d members present, at least %d required.", present, mi.Settings.Quorum)
	if present < mi.Settings.Quorum {
		quorum = fmt.Sprintf("Quorum not met: %d members present, at least %d required. The meeting could not decide.", present, mi.Settings.Quorum)
	}
	doc.Paragraph(false, quorum)

	doc.Heading("Agenda and decisions")
	if len(mi.Items) == 0 {
		doc.Paragraph(false, "No cases were on the agenda.")
	}
	for _, it := range mi.Items {
		head := it.Item.Reference
		if it.Item.Title != "" {
			head += " — " + it.Item.Title
		}
		doc.Paragraph(true, head)
		if len(it.Recused) > 0 {
			var names []string
			for _, p := range it.Recused {
				names = append(names, p.Name+" ("+p.Reason+")")
			}
			doc.Note("Recused for this case: " + listOrNone(names))
		}
		if len(it.Votes) > 0 {
			rows := make([][]string, 0, len(it.Votes))
			for _, v := range it.Votes {
				rows = append(rows, []string{v.Name, cases.VoteLabel(v.Vote)})
			}
			doc.Table([]string{"Member", "Vote"}, rows, []float64{2, 1})
		} else {
			doc.Note("No votes were recorded on this case.")
		}
		t := it.Tally
		doc.KeyValues([]opinion.Field{
			{Label: "Approve", Value: strconv.Itoa(t.Approve)},
			{Label: "Approve with modifications", Value: strconv.Itoa(t.ApproveModified)},
			{Label: "Reject", Value: strconv.Itoa(t.Reject)},
			{Label: "Abstain", Value: strconv.Itoa(t.Abstain)},
		})
		doc.Box("Outcome: "+cases.OutcomeLabel(t.Outcome), cases.RuleInWords(t, mi.Settings.Quorum, mi.Settings.Majority))
	}

	doc.Spacer(12)
	doc.Note(fmt.Sprintf("Audit record when these minutes were printed (%s): entry %d, hash %s",
		mi.PrintedAt.UTC().Format("2006-01-02 15:04 UTC"), mi.AuditSeq, mi.AuditHash))
	return doc.Bytes()
}

func listOrNone(names []string) string {
	if len(names) == 0 {
		return "None"
	}
	out := names[0]
	for _, n := range names[1:] {
		out += ", " + n
	}
	return out
}
