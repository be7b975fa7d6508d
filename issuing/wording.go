package issuing

import (
	"fmt"

	"ethicsdesk/cases"
	"ethicsdesk/opinion"
)

// docLanguage is the renderer's language for a domain document language.
func docLanguage(l cases.DocumentLanguage) opinion.Language {
	return opinion.Language(l)
}

// The Chinese of what the issuing layer prints; the English is the
// domain's own labels. Terms follow assets/GLOSSARY.md.
var (
	headingsZH = map[cases.Heading]string{
		cases.HeadBackground: "背景", cases.HeadQuestions: "审议的问题", cases.HeadFindings: "认定",
		cases.HeadReasoning: "理由", cases.HeadDecision: "决定", cases.HeadRecommendations: "建议或条件",
	}
	decisionsZH = map[cases.Decision]string{
		cases.DecisionUpheld: "投诉成立", cases.DecisionPartlyUpheld: "投诉部分成立", cases.DecisionNotUpheld: "投诉不成立",
		cases.DecisionGuidanceGiven: "已给予指导", cases.DecisionApproved: "同意",
		cases.DecisionApprovedWithModifications: "修改后同意", cases.DecisionNotApproved: "不同意",
		cases.DecisionSuspended: "暂停", cases.DecisionTerminated: "终止",
	}
	caseTypesZH = map[string]string{
		"ethics_complaint": "伦理投诉", "privacy_complaint": "隐私投诉", "guidance_request": "指导请求",
	}
	rolesZH    = map[string]string{"Rapporteur": "报告人", "Chair": "主任委员", "Deputy chair": "副主任委员"}
	meaningsZH = map[string]string{cases.MeaningAuthor: "报告人 — 撰写", cases.MeaningApproval: "主任委员 — 批准"}
)

// inLanguage words a text the domain gives in English: the Chinese from zh
// when there is one, else the English as it is (a committee's own case
// type, a name).
func inLanguage(l opinion.Language, en string, zh string) string {
	if zh == "" {
		return en
	}
	return l.Text(en, zh)
}

func headingIn(l opinion.Language, h cases.Heading) string {
	return inLanguage(l, cases.HeadingLabel(h), headingsZH[h])
}

func decisionIn(l opinion.Language, d cases.Decision) string {
	return inLanguage(l, cases.DecisionLabel(d), decisionsZH[d])
}

func caseTypeIn(l opinion.Language, code, name string) string {
	return inLanguage(l, name, caseTypesZH[code])
}

func auditLineIn(l opinion.Language, seq int64, hash string) string {
	return l.Text(fmt.Sprintf("Audit record at signing: entry %d, hash %s", seq, hash),
		fmt.Sprintf("签署时的审计记录：第 %d 条，哈希值 %s", seq, hash))
}

var (
	votesZH = map[cases.Vote]string{cases.VoteApprove: "同意", cases.VoteApproveModified: "修改后同意",
		cases.VoteReject: "反对", cases.VoteAbstain: "弃权"}
	outcomesZH = map[cases.Outcome]string{cases.OutcomeNoQuorum: "未达法定人数：不作决定", cases.OutcomePending: "表决尚未结束",
		cases.OutcomeApproved: "通过", cases.OutcomeApprovedModified: "修改后通过", cases.OutcomeNotCarried: "未通过",
		cases.OutcomeReferred: "提交全体会议"}
)

func voteIn(l opinion.Language, v cases.Vote) string {
	return inLanguage(l, cases.VoteLabel(v), votesZH[v])
}

func outcomeIn(l opinion.Language, o cases.Outcome) string {
	return inLanguage(l, cases.OutcomeLabel(o), outcomesZH[o])
}

// ruleInWordsIn is cases.RuleInWords in the minutes' language.
func ruleInWordsIn(l opinion.Language, t cases.Tally, quorum int, majority cases.Fraction) string {
	en := cases.RuleInWords(t, quorum, majority)
	if !t.Quorum {
		return l.Text(en, fmt.Sprintf("未达法定人数：出席委员 %d 名，至少需 %d 名 — 不作决定。", t.Present, quorum))
	}
	counts := fmt.Sprintf("同意 %d 票，反对 %d 票，弃权 %d 票", t.InFavour(), t.Reject, t.Abstain)
	if t.NotVoted > 0 {
		counts += fmt.Sprintf("，尚未表决 %d 人", t.NotVoted)
	}
	return l.Text(en, fmt.Sprintf("须获出席且未回避的 %d 名委员中至少 %s 同意（需 %d 票）方为通过：%s — %s。",
		t.Eligible, majority, t.Needed, counts, outcomeIn(opinion.Chinese, t.Outcome)))
}
