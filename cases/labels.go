package cases

import "strings"

// Labels in plain English for the CLI, errors and as translation keys'
// defaults; the window translates through its own files.

var statusLabels = map[Status]string{
	Received: "Received", Screening: "Screening", UnderReview: "Under review",
	AwaitingInfo: "Awaiting information", Deliberation: "Deliberation",
	OpinionDrafting: "Opinion drafting", OpinionIssued: "Opinion issued",
	FollowUp: "Follow-up", Inadmissible: "Inadmissible", Withdrawn: "Withdrawn", Closed: "Closed",
}

// StatusLabel is the status as people say it.
func StatusLabel(s Status) string {
	if l, ok := statusLabels[s]; ok {
		return l
	}
	return string(s)
}

var codeLabels = map[string]string{
	"web_form": "Web form", "in_person": "In person", "public_services": "Public services",
	"public_interest": "National security or public interest", "privacy": "Privacy or personal information",
	"health": "Physical or mental health", "discrimination": "Discrimination",
	"price_discrimination": "Algorithmic price discrimination or fraud",
	"deep_synthesis":       "Prohibited deep synthesis",
}

// CodeLabel turns a stored code such as "web_form" into "Web form".
func CodeLabel(code string) string {
	if l, ok := codeLabels[code]; ok {
		return l
	}
	if code == "" {
		return ""
	}
	s := strings.ReplaceAll(code, "_", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}
