package issuing

import (
	"strings"

	"ethicsdesk/cases"
	"ethicsdesk/opinion"
)

// The duties of Article 66 as the opinion's findings print them; terms
// follow assets/GLOSSARY.md.
var (
	dutiesZH = map[cases.Duty]string{
		cases.DutyPriorAssessment: "事前评估", cases.DutyRiskWarning: "风险提示",
		cases.DutyDisclosure: "信息披露", cases.DutyFollowUp: "跟踪评估",
	}
	risksZH = map[cases.Risk]string{cases.RiskHigh: "高", cases.RiskMedium: "中", cases.RiskLow: "低"}
)

// dutyFindings are the paragraphs the findings gain from the panel's
// checklist of Article 66: one sentence introducing the tier, then each
// duty, met with its evidence, not met, or not yet checked.
func dutyFindings(l opinion.Language, risk cases.Risk, checks []cases.DutyCheck) []string {
	if len(checks) == 0 {
		return nil
	}
	out := []string{l.Text(
		"Article 66 duties for a system of "+strings.ToLower(cases.CodeLabel(string(risk)))+" risk, as checked by the panel:",
		"按照第六十六条，针对"+risksZH[risk]+"风险等级人工智能系统应履行的义务，经审查小组核查如下：")}
	for _, c := range checks {
		name := inLanguage(l, cases.DutyLabel(c.Duty), dutiesZH[c.Duty])
		var line string
		switch {
		case !c.Marked():
			line = l.Text(name+": not checked.", name+"：未核查。")
		case c.Met:
			line = l.Text(name+": met. Evidence: "+c.Evidence, name+"：已履行。证明材料："+c.Evidence)
		case c.Evidence != "":
			line = l.Text(name+": not met. "+c.Evidence, name+"：未履行。"+c.Evidence)
		default:
			line = l.Text(name+": not met.", name+"：未履行。")
		}
		out = append(out, line)
	}
	return out
}
