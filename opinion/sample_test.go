package opinion

import (
	"fmt"
	"time"
)

// Shared fixtures for the tests: a bilingual opinion of about n pages.

const chineseSentence = "委员会认为该系统未充分保护个人信息。"

var (
	testLetterhead = Letterhead{
		Name:    "Committee on the Ethics of Artificial Intelligence",
		Address: "Secretariat, 12 Rue de la Loi, 1000 Brussels · ethics@committee.example",
	}
	testDate = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
)

func sampleOpinion(sections int) Opinion {
	headings := []string{"Background", "Questions considered", "Findings", "Reasoning", "Recommendations and conditions"}
	en := "The respondent deployed an automated system that scores applicants for social housing. " +
		"The submitter contends that the system processed sensitive personal information without an adequate legal basis " +
		"and that affected persons were not told how the score was computed or how to contest it."
	zh := "申诉人称，该系统在未告知当事人的情况下处理了敏感个人信息，且未提供有效的申诉渠道。" + chineseSentence +
		"委员会注意到，被申诉人在答辩中未能说明数据最小化措施的具体内容。"
	var secs []Section
	for i := 0; i < sections; i++ {
		h := headings[i%len(headings)]
		if i >= len(headings) {
			h = fmt.Sprintf("%s (continued, part %d)", h, i/len(headings)+1)
		}
		secs = append(secs, Section{Heading: h, Paragraphs: []string{en, zh, en + " " + zh}})
	}
	return Opinion{
		Letterhead: testLetterhead,
		Reference:  "EC-2026-0042",
		Date:       testDate,
		Title:      "Opinion on the complaint concerning the HomeScore allocation system",
		CaseType:   "Complaint",
		Parties: []Field{
			{"Submitter", "Li Wei (李伟)"},
			{"Respondent", "City Housing Agency"},
			{"AI system", "HomeScore v3, automated applicant scoring"},
		},
		Sections:      secs,
		DecisionLabel: "Decision: complaint upheld",
		DecisionText: "The committee finds that the respondent did not adequately protect the personal information of applicants. " +
			chineseSentence + " The respondent shall suspend automated scoring until an impact assessment is completed.",
		Signatories: []Signatory{
			{Name: "Dr Anna Keller", Role: "Member, rapporteur", Meaning: "Rapporteur — author", SignedAt: time.Date(2026, 11, 24, 14, 5, 0, 0, time.UTC)},
			{Name: "王芳", Role: "Chair of the committee", Meaning: "Chair — approval"},
		},
		AuditHead: "Audit record: entry 1234, hash 9f2c4e1b7a0d3c5e",
	}
}

func sampleLetter(kind LetterKind) Letter {
	l := Letter{
		Letterhead:       testLetterhead,
		Reference:        "EC-2026-0042",
		Date:             testDate,
		Kind:             kind,
		RecipientName:    "Ms Li Wei 李伟",
		RecipientAddress: "45 Avenue Louise\n1050 Ixelles\nBelgium",
		SignOff:          "Marc Dupont",
		SignOffRole:      "Head of Secretariat",
	}
	switch kind {
	case Acknowledgement:
		l.Paragraphs = AcknowledgementText(English, l.Reference, testDate.AddDate(0, 0, -2))
	case RequestForInformation:
		l.Paragraphs = RequestForInformationText(English, l.Reference, []string{"a copy of the notice you received", "the date of the decision"}, testDate.AddDate(0, 0, 14))
	case DecisionNotice:
		l.Paragraphs = DecisionNoticeText(English, l.Reference, "complaint upheld", testDate)
	}
	return l
}

// tenPages is the number of sample sections that fills about ten pages.
const tenPages = 23
