package issuing

import (
	"context"
	"fmt"
	"strconv"
	"strings"
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
	Recused []cases.PanelMember // members recused for the case, on its panel or not
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
		// A member off the panel who declared a conflict stood aside too.
		readers, err := svc.OffPanelDeclarations(ctx, actor, item.CaseID)
		if err != nil {
			return Minutes{}, err
		}
		mi := MinutesItem{Item: item, Tally: t, Votes: votes}
		for _, p := range append(panel, readers...) {
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
// letterhead, through the same document builder as opinions, in the
// letterhead's language.
func RenderMinutes(lh opinion.Letterhead, mi Minutes) ([]byte, error) {
	m := mi.Meeting
	l := lh.Language
	title := l.Text("Minutes of the meeting", "会议纪要")
	if m.Title != "" {
		title = l.Text("Minutes: ", "会议纪要：") + m.Title
	}
	doc := opinion.NewDocument(lh, MinutesReference(m), m.HeldOn.Time(), title)
	doc.Title(title, l.Text("Meeting held on ", "会议日期：")+l.FormatDate(m.HeldOn.Time()))

	doc.Heading(l.Text("Attendance", "出席情况"))
	var members, consultants []string
	for _, a := range m.Attendance {
		if a.Capacity == cases.CapacityMember {
			members = append(members, a.Name)
		} else {
			consultants = append(consultants, a.Name)
		}
	}
	doc.KeyValues([]opinion.Field{
		{Label: l.Text("Members present", "出席委员"), Value: listOrNone(l, members)},
		{Label: l.Text("Consultants (not voting)", "顾问（不参加表决）"), Value: listOrNone(l, consultants)},
	})
	present, q := m.MembersPresent(), mi.Settings.Quorum
	quorum := l.Text(fmt.Sprintf("Quorum met: %d members present, at least %d required.", present, q),
		fmt.Sprintf("已达法定人数：出席委员 %d 名，至少需 %d 名。", present, q))
	if present < q {
		quorum = l.Text(fmt.Sprintf("Quorum not met: %d members present, at least %d required. The meeting could not decide.", present, q),
			fmt.Sprintf("未达法定人数：出席委员 %d 名，至少需 %d 名。会议不能作出决定。", present, q))
	}
	doc.Paragraph(false, quorum)

	doc.Heading(l.Text("Agenda and decisions", "议程与决定"))
	if len(mi.Items) == 0 {
		doc.Paragraph(false, l.Text("No cases were on the agenda.", "议程中没有案件。"))
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
			doc.Note(l.Text("Recused for this case: ", "本案回避：") + listOrNone(l, names))
		}
		if len(it.Votes) > 0 {
			rows := make([][]string, 0, len(it.Votes))
			for _, v := range it.Votes {
				rows = append(rows, []string{v.Name, voteIn(l, v.Vote)})
			}
			doc.Table([]string{l.Text("Member", "委员"), l.Text("Vote", "表决")}, rows, []float64{2, 1})
		} else {
			doc.Note(l.Text("No votes were recorded on this case.", "本案没有表决记录。"))
		}
		t := it.Tally
		doc.KeyValues([]opinion.Field{
			{Label: voteIn(l, cases.VoteApprove), Value: strconv.Itoa(t.Approve)},
			{Label: voteIn(l, cases.VoteApproveModified), Value: strconv.Itoa(t.ApproveModified)},
			{Label: voteIn(l, cases.VoteReject), Value: strconv.Itoa(t.Reject)},
			{Label: voteIn(l, cases.VoteAbstain), Value: strconv.Itoa(t.Abstain)},
		})
		doc.Box(l.Text("Outcome: ", "结果：")+outcomeIn(l, t.Outcome), ruleInWordsIn(l, t, mi.Settings.Quorum, mi.Settings.Majority))
	}

	doc.Spacer(12)
	at := mi.PrintedAt.UTC().Format("2006-01-02 15:04 UTC")
	doc.Note(l.Text(fmt.Sprintf("Audit record when these minutes were printed (%s): entry %d, hash %s", at, mi.AuditSeq, mi.AuditHash),
		fmt.Sprintf("本纪要打印时（%s）的审计记录：第 %d 条，哈希值 %s", at, mi.AuditSeq, mi.AuditHash)))
	return doc.Bytes()
}

func listOrNone(l opinion.Language, names []string) string {
	if len(names) == 0 {
		return l.Text("None", "无")
	}
	return strings.Join(names, l.Text(", ", "、"))
}
