// Package cases is the domain of Ethics Desk: the case register's types, the
// workflow, deadline arithmetic, validation, permissions and the Service that
// the window and the command line both call. It knows nothing of Fyne or SQL;
// storage is reached through the interfaces in repository.go.
package cases

import "time"

// Status is where a case stands in the workflow.
type Status string

const (
	Received        Status = "received"
	Screening       Status = "screening"
	UnderReview     Status = "under_review"
	AwaitingInfo    Status = "awaiting_info"
	Deliberation    Status = "deliberation"
	OpinionDrafting Status = "opinion_drafting"
	OpinionIssued   Status = "opinion_issued"
	FollowUp        Status = "follow_up"
	Inadmissible    Status = "inadmissible"
	Withdrawn       Status = "withdrawn"
	Closed          Status = "closed"
)

// AllStatuses lists every status in workflow order.
var AllStatuses = []Status{Received, Screening, UnderReview, AwaitingInfo, Deliberation,
	OpinionDrafting, OpinionIssued, FollowUp, Inadmissible, Withdrawn, Closed}

// Channel is how a submission reached the committee.
type Channel string

const (
	ChannelEmail    Channel = "email"
	ChannelPost     Channel = "post"
	ChannelPhone    Channel = "phone"
	ChannelWebForm  Channel = "web_form"
	ChannelInPerson Channel = "in_person"
	ChannelReferral Channel = "referral"
)

var AllChannels = []Channel{ChannelEmail, ChannelPost, ChannelPhone, ChannelWebForm, ChannelInPerson, ChannelReferral}

// Sector is the field of activity of the AI system concerned.
type Sector string

var AllSectors = []Sector{"healthcare", "finance", "transport", "education", "public_services",
	"employment", "retail", "media", "security", "other"}

// Risk is the tier of Art. 66 of the Shenzhen regulations.
type Risk string

const (
	RiskLow    Risk = "low"
	RiskMedium Risk = "medium"
	RiskHigh   Risk = "high"
)

var AllRisks = []Risk{RiskLow, RiskMedium, RiskHigh}

// Breach is the alleged breach of Art. 72, for complaints only.
type Breach string

var AllBreaches = []Breach{"public_interest", "privacy", "health", "discrimination",
	"price_discrimination", "deep_synthesis", "other"}

// Priority orders the secretariat's work; Emergency switches the case to the
// 72-hour emergency procedure.
type Priority string

const (
	PriorityNormal    Priority = "normal"
	PriorityHigh      Priority = "high"
	PriorityEmergency Priority = "emergency"
)

var AllPriorities = []Priority{PriorityNormal, PriorityHigh, PriorityEmergency}

// SubmitterKind says who submitted the case.
type SubmitterKind string

const (
	SubmitterPerson       SubmitterKind = "person"
	SubmitterOrganisation SubmitterKind = "organisation"
	SubmitterAnonymous    SubmitterKind = "anonymous"
)

var AllSubmitterKinds = []SubmitterKind{SubmitterPerson, SubmitterOrganisation, SubmitterAnonymous}

// CaseType is data, not a constant, so a committee can add one later.
type CaseType struct {
	Code         string
	Name         string
	Complaint    bool // complaints carry an alleged breach
	DecisionDays int  // days from acceptance to decision
	WorkingDays  bool // count working days (skip weekends and holidays) instead of calendar days
}

// CatalogueEntry is one industry classification code (Art. 9).
type CatalogueEntry struct {
	Code string
	Name string
}

// Holiday is a day on which working-day deadlines do not run, or, with
// Working set, a weekend day on which they do: China's make-up working days
// (调休上班), which the State Council's holiday arrangement names every year.
type Holiday struct {
	Day     Date
	Name    string
	Working bool
}

// Submitter is personal data: shown only to roles that need it.
type Submitter struct {
	Kind         SubmitterKind
	Name         string
	Contact      string
	Confidential bool // identity must not be disclosed to the respondent
}

// Draft is what the intake form and the edit form submit.
type Draft struct {
	TypeCode      string
	Title         string
	Summary       string
	ReceivedOn    Date
	Channel       Channel
	Submitter     Submitter
	Respondent    string
	AISystem      string
	Sector        Sector
	CatalogueCode string
	Risk          Risk
	Breach        Breach
	Priority      Priority
	Confidential  bool
}

// Case is one entry of the register.
type Case struct {
	ID        int64
	Reference string
	Draft
	Status       Status
	AcceptedOn   Date // zero until the case passes screening
	DueOn        Date // zero when no deadline runs
	Deadline     DeadlineExplanation
	RapporteurID int64
	Rapporteur   string // display name
	CreatedAt    time.Time
	CreatedBy    string
	UpdatedAt    time.Time
	UpdatedBy    string
	Version      int64 // bumped by every change; guards against overwriting a colleague's edit
	// AnonymisedAt is when the retention period removed the submitter's
	// name and contact; zero while they are kept.
	AnonymisedAt time.Time
}

// Row is one line of the register table: only what the table shows.
type Row struct {
	ID           int64
	Reference    string
	Title        string
	TypeCode     string
	Status       Status
	ReceivedOn   Date
	DueOn        Date
	Rapporteur   string
	Confidential bool
}

// Note is an internal remark of the committee on a case.
type Note struct {
	ID       int64
	CaseID   int64
	At       time.Time
	Author   string
	AuthorID int64
	Body     string
	Private  bool // visible to its author only
}

// StatusChange is one recorded move through the workflow.
type StatusChange struct {
	ID      int64
	CaseID  int64
	At      time.Time
	ActorID int64
	Actor   string
	From    Status
	To      Status
	Reason  string
}

// TimelineEntry is a note or a status change, for the case's timeline.
type TimelineEntry struct {
	At          time.Time
	Who         string
	Note        *Note
	Change      *StatusChange
	Document    *Attachment  // a file attached or a letter issued
	Declaration *PanelMember // a declaration of interests (DeclaredAt, Conflict, Reason)
}

// ImportedCase is a case with its past, for bulk loading (the demo register
// and imports from another system): the store writes it as it is.
type ImportedCase struct {
	Case    Case
	History []StatusChange // oldest first
	Notes   []Note
}
