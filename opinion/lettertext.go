package opinion

import (
	"fmt"
	"strings"
	"time"
)

// Default wording for letters, so callers supply only the facts. The
// paragraphs are plain English; callers may append or replace any.

// AcknowledgementText confirms receipt of a submission.
func AcknowledgementText(ref string, received time.Time) []string {
	return []string{
		fmt.Sprintf("We acknowledge receipt of your submission, which reached the committee on %s. "+
			"It has been registered under reference %s; please quote this reference in any correspondence.", dateOrToday(received), ref),
		"The secretariat will first check whether the submission is admissible. If we need further " +
			"information from you, we will write to you and tell you by when it is needed.",
		"You will be informed in writing of the committee's decision. Your submission and any personal " +
			"information in it are handled in confidence and used only for the committee's work.",
	}
}

// RequestForInformationText asks for the listed items by a date; while
// the committee waits, the time limit for its decision is paused.
func RequestForInformationText(ref string, items []string, dueBy time.Time) []string {
	paras := []string{
		fmt.Sprintf("In order to consider the matter registered under reference %s, the committee needs "+
			"the following information from you:", ref),
	}
	for i, it := range items {
		if it = strings.TrimSpace(it); it != "" {
			paras = append(paras, fmt.Sprintf("(%c) %s", 'a'+rune(i%26), it))
		}
	}
	due := "as soon as possible"
	if !dueBy.IsZero() {
		due = "by " + formatDate(dueBy)
	}
	return append(paras,
		fmt.Sprintf("Please send this information %s, quoting the reference above. The time limit for the "+
			"committee's decision is paused until the information is received.", due),
		"If you cannot provide some of it, please tell us why, so that the committee can decide how to proceed.")
}

// DecisionNoticeText tells the submitter the outcome; the opinion itself
// is enclosed or sent separately.
func DecisionNoticeText(ref, decision string, issued time.Time) []string {
	return []string{
		fmt.Sprintf("The committee has concluded its consideration of the matter registered under reference %s "+
			"and issued its opinion on %s.", ref, dateOrToday(issued)),
		fmt.Sprintf("The committee's decision is: %s.", strings.TrimRight(strings.TrimSpace(decision), ".")),
		"The full opinion, with the committee's findings and reasons, is enclosed. It is signed digitally; " +
			"its signatures can be checked with any standard PDF reader.",
	}
}

func dateOrToday(t time.Time) string {
	if t.IsZero() {
		t = time.Now()
	}
	return formatDate(t)
}
