package cases

import (
	"fmt"
	"strings"

	"ethicsdesk/mailintake"
)

// The mapping from an e-mail to a draft lives in the domain (not the window)
// so the command line and tests use the same rules. mailintake imports
// nothing of the project, so depending on it keeps the layers acyclic and
// keeps cases free of Fyne and SQL.

// MailIntake is an intake form pre-filled from an e-mail, for the
// secretariat to check and complete before saving.
type MailIntake struct {
	Draft Draft
	// Files are attached when the case is saved: the original message
	// first (the evidence of what arrived), then its attachments.
	Files []NewAttachment
	// Warnings are sentences about what could not be filled in reliably.
	Warnings []string
}

// IntakeFromMail pre-fills a case from a parsed e-mail: received date,
// sender as submitter, subject as title, body as summary, channel e-mail.
// original is the .eml file as received (nil to not keep it) and
// originalName its file name. Type, sector and risk are left for the
// secretariat to choose.
func IntakeFromMail(msg *mailintake.Message, original []byte, originalName string, today Date) MailIntake {
	var in MailIntake
	if msg == nil {
		return in
	}
	in.Warnings = append(in.Warnings, msg.Warnings...)
	d := Draft{Channel: ChannelEmail, Priority: PriorityNormal}

	received := Date{}
	if !msg.Received.IsZero() {
		received = DateOf(msg.Received.Local())
	}
	switch {
	case received.IsZero():
		in.Warnings = append(in.Warnings, "The message carries no date, so the received date was set to today. Check it.")
		received = today
	case received.After(today):
		in.Warnings = append(in.Warnings, fmt.Sprintf("The message is dated %s, in the future, so the received date was set to today. Check it.", received))
		received = today
	case received.Year() < EarliestYear:
		in.Warnings = append(in.Warnings, fmt.Sprintf("The message is dated %s, which cannot be right, so the received date was set to today. Check it.", received))
		received = today
	}
	d.ReceivedOn = received

	name, addr := CleanLine(msg.FromName), CleanLine(msg.FromAddress)
	d.Submitter.Kind = SubmitterPerson
	d.Submitter.Name = cutRunes(firstFilled(name, addr), MaxShortText)
	d.Submitter.Contact = cutRunes(addr, MaxContact)
	if d.Submitter.Name == "" {
		in.Warnings = append(in.Warnings, "The message does not say who sent it. Enter the submitter, or mark the submission anonymous.")
	}

	d.Title = cutRunes(CleanLine(msg.SuggestedTitle()), MaxTitle)
	body := CleanText(msg.Body)
	if n := len([]rune(body)); n > MaxSummary {
		in.Warnings = append(in.Warnings, fmt.Sprintf("The message text is %d characters long; the summary holds the first %d. The full message is attached.", n, MaxSummary))
		body = cutRunes(body, MaxSummary)
	}
	if body == "" {
		body = d.Title
	}
	d.Summary = body
	in.Draft = d

	if len(original) > 0 {
		n := CleanFileName(originalName)
		if n == "attachment" || !strings.HasSuffix(strings.ToLower(n), ".eml") {
			n = "message.eml"
		}
		in.Files = append(in.Files, NewAttachment{FileName: n, ContentType: "message/rfc822", Data: original})
	}
	for _, a := range msg.Attachments {
		if len(a.Data) == 0 {
			in.Warnings = append(in.Warnings, fmt.Sprintf("The attachment %q is empty and was left out.", CleanFileName(a.FileName)))
			continue
		}
		in.Files = append(in.Files, NewAttachment{FileName: a.FileName, ContentType: a.ContentType, Data: a.Data})
	}
	return in
}

func firstFilled(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// cutRunes cuts s to at most n characters.
func cutRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return strings.TrimSpace(string(r[:n]))
	}
	return s
}
