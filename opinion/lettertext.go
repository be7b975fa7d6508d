package opinion

import (
	"fmt"
	"strings"
	"time"
)

// Default wording for letters, so callers supply only the facts, in the
// letter's language (a bilingual letter has each paragraph in Chinese,
// then in English). Callers may append or replace any paragraph.

// AcknowledgementText confirms receipt of a submission.
func AcknowledgementText(l Language, ref string, received time.Time) []string {
	day := dateOrToday(l, received)
	return paragraphs(l, []string{
		fmt.Sprintf("We acknowledge receipt of your submission, which reached the committee on %s. "+
			"It has been registered under reference %s; please quote this reference in any correspondence.", day, ref),
		"The secretariat will first check whether the submission is admissible. If we need further " +
			"information from you, we will write to you and tell you by when it is needed.",
		"You will be informed in writing of the committee's decision. Your submission and any personal " +
			"information in it are handled in confidence and used only for the committee's work.",
	}, []string{
		fmt.Sprintf("您的来件已于%s送达本委员会，现已登记，编号为 %s；今后来往函件请注明该编号。", day, ref),
		"秘书处将首先审查来件是否符合受理条件。如需您补充材料，我们将另行致函，并告知提交期限。",
		"委员会作出决定后将书面通知您。您的来件及其中的个人信息将予以保密，仅用于委员会工作。",
	})
}

// RequestForInformationText asks for the listed items by a date; while
// the committee waits, the time limit for its decision is paused.
func RequestForInformationText(l Language, ref string, items []string, dueBy time.Time) []string {
	var list []string
	for _, it := range items {
		if it = strings.TrimSpace(it); it != "" {
			list = append(list, it)
		}
	}
	en := []string{fmt.Sprintf("In order to consider the matter registered under reference %s, the committee needs "+
		"the following information from you:", ref)}
	zh := []string{fmt.Sprintf("为审议编号为 %s 的事项，委员会需要您提供以下材料：", ref)}
	for i, it := range list {
		en = append(en, fmt.Sprintf("(%c) %s", 'a'+rune(i%26), it))
		zh = append(zh, fmt.Sprintf("（%d）%s", i+1, it))
	}
	dueEN, dueZH := "as soon as possible", "尽快"
	if !dueBy.IsZero() {
		dueEN, dueZH = "by "+l.FormatDate(dueBy), "于"+l.FormatDate(dueBy)+"前"
	}
	en = append(en,
		fmt.Sprintf("Please send this information %s, quoting the reference above. The time limit for the "+
			"committee's decision is paused until the information is received.", dueEN),
		"If you cannot provide some of it, please tell us why, so that the committee can decide how to proceed.")
	zh = append(zh,
		fmt.Sprintf("请%s提供上述材料，并注明上述编号。在收到材料之前，委员会作出决定的期限暂停计算。", dueZH),
		"如无法提供其中部分材料，请说明理由，以便委员会决定后续处理方式。")
	return paragraphs(l, en, zh)
}

// DecisionNoticeText tells the submitter the outcome; the opinion itself
// is enclosed or sent separately. decision is worded in the letter's
// language by the caller.
func DecisionNoticeText(l Language, ref, decision string, issued time.Time) []string {
	day := dateOrToday(l, issued)
	decision = strings.TrimRight(strings.TrimSpace(decision), ".。")
	return paragraphs(l, []string{
		fmt.Sprintf("The committee has concluded its consideration of the matter registered under reference %s "+
			"and issued its opinion on %s.", ref, day),
		fmt.Sprintf("The committee's decision is: %s.", decision),
		"The full opinion, with the committee's findings and reasons, is enclosed. It is signed digitally; " +
			"its signatures can be checked with any standard PDF reader.",
	}, []string{
		fmt.Sprintf("委员会已完成对编号为 %s 的事项的审议，并于%s出具意见书。", ref, day),
		fmt.Sprintf("委员会的决定为：%s。", decision),
		"载有委员会认定及理由的意见书全文随函附上。意见书经数字签名，可使用任何标准 PDF 阅读器核验其签名。",
	})
}

// paragraphs chooses the English or the Chinese wording; a bilingual letter
// has every Chinese paragraph followed by its English.
func paragraphs(l Language, en, zh []string) []string {
	switch l.orEnglish() {
	case Chinese:
		return zh
	case Bilingual:
		out := make([]string, 0, len(en)+len(zh))
		for i := range zh {
			out = append(out, zh[i])
			if i < len(en) {
				out = append(out, en[i])
			}
		}
		return out
	}
	return en
}

func dateOrToday(l Language, t time.Time) string {
	if t.IsZero() {
		t = time.Now()
	}
	return l.FormatDate(t)
}
