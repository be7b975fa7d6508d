package cases

import "time"

// Heading is a section of an opinion; paragraphs are numbered across all
// sections in this order.
type Heading string

const (
	HeadBackground      Heading = "background"
	HeadQuestions       Heading = "questions"
	HeadFindings        Heading = "findings"
	HeadReasoning       Heading = "reasoning"
	HeadDecision        Heading = "decision"
	HeadRecommendations Heading = "recommendations"
)

var AllHeadings = []Heading{HeadBackground, HeadQuestions, HeadFindings, HeadReasoning, HeadDecision, HeadRecommendations}

var headingLabels = map[Heading]string{
	HeadBackground: "Background", HeadQuestions: "Questions considered", HeadFindings: "Findings",
	HeadReasoning: "Reasoning", HeadDecision: "Decision", HeadRecommendations: "Recommendations or conditions",
}

// HeadingLabel is the heading as printed.
func HeadingLabel(h Heading) string { return headingLabels[h] }

// Decision is the committee's finding.
type Decision string

const (
	DecisionUpheld                    Decision = "upheld"
	DecisionPartlyUpheld              Decision = "partly_upheld"
	DecisionNotUpheld                 Decision = "not_upheld"
	DecisionGuidanceGiven             Decision = "guidance_given"
	DecisionApproved                  Decision = "approved"
	DecisionApprovedWithModifications Decision = "approved_with_modifications"
	DecisionNotApproved               Decision = "not_approved"
	DecisionSuspended                 Decision = "suspended"
	DecisionTerminated                Decision = "terminated"
)

var decisionLabels = map[Decision]string{
	DecisionUpheld: "Complaint upheld", DecisionPartlyUpheld: "Complaint partly upheld", DecisionNotUpheld: "Complaint not upheld",
	DecisionGuidanceGiven: "Guidance given", DecisionApproved: "Approved",
	DecisionApprovedWithModifications: "Approved with modifications", DecisionNotApproved: "Not approved",
	DecisionSuspended: "Suspended", DecisionTerminated: "Terminated",
}

// DecisionLabel is the decision as printed.
func DecisionLabel(d Decision) string { return decisionLabels[d] }

// DecisionsFor lists the decisions open to a case type.
func DecisionsFor(t CaseType) []Decision {
	if t.Complaint {
		return []Decision{DecisionUpheld, DecisionPartlyUpheld, DecisionNotUpheld}
	}
	return []Decision{DecisionGuidanceGiven, DecisionApproved, DecisionApprovedWithModifications,
		DecisionNotApproved, DecisionSuspended, DecisionTerminated}
}

// Paragraph is one numbered paragraph under a heading.
type Paragraph struct {
	Heading Heading `json:"heading"`
	Text    string  `json:"text"`
}

// OpinionText is what the rapporteur drafts.
type OpinionText struct {
	Decision   Decision    `json:"decision"`
	Paragraphs []Paragraph `json:"paragraphs"`
	// Language overrides the committee's language for documents for this
	// opinion; empty follows the committee's.
	Language DocumentLanguage `json:"language,omitempty"`
}

// OpinionState is how far an opinion has gone towards issue.
type OpinionState string

const (
	OpinionDraft            OpinionState = "draft"
	OpinionSignedRapporteur OpinionState = "signed_by_rapporteur"
	OpinionIssuedState      OpinionState = "issued"
)

// SignatureRole is the capacity in which someone signs an opinion.
type SignatureRole string

const (
	SignRapporteur SignatureRole = "rapporteur"
	SignChair      SignatureRole = "chair"
)

// Meanings of the two signatures, printed and embedded (21 CFR 11.50).
const (
	MeaningAuthor   = "Rapporteur — author"
	MeaningApproval = "Chair — approval"
)

// OpinionSignature records one signature on an opinion.
type OpinionSignature struct {
	UserID   int64
	Name     string
	Role     SignatureRole
	Meaning  string
	SignedAt time.Time
}

// Opinion is a case's opinion: a draft with versions, then signed, then
// issued and frozen.
type Opinion struct {
	ID         int64
	CaseID     int64
	CorrectsID int64 // the issued opinion this one corrects, if any
	State      OpinionState
	Version    int
	Text       OpinionText
	Signatures []OpinionSignature
	Layout     SignatureLayout
	PDFSHA256  string
	IssuedAt   time.Time
	UpdatedAt  time.Time
	UpdatedBy  string
}

// OpinionVersion is one saved draft.
type OpinionVersion struct {
	Version int
	SavedAt time.Time
	SavedBy string
	Text    OpinionText
}

// SignatureLayout is where the signature widgets go in the rendered PDF.
type SignatureLayout struct {
	Page  int          `json:"page"`
	Rects [][4]float64 `json:"rects"`
}

// Signatory is one line of the printed signature block.
type Signatory struct {
	Name     string
	Role     string
	Meaning  string
	SignedAt time.Time // zero until signed
}

// OpinionDocument is everything the renderer prints.
type OpinionDocument struct {
	Case        Case
	TypeName    string
	Opinion     Opinion
	Signatories []Signatory
	Draft       bool
	CorrectsRef string
	AuditSeq    int64
	AuditHash   string
	Language    DocumentLanguage // of the fixed texts and dates printed
	// Duties is the panel's checklist of Article 66 for the case's risk
	// tier, printed at the end of the findings.
	Duties []DutyCheck
}
