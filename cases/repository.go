package cases

import (
	"context"
	"time"
)

// SortKey is a column of the register the user can sort by.
type SortKey string

const (
	SortReference  SortKey = "reference"
	SortTitle      SortKey = "title"
	SortType       SortKey = "type"
	SortStatus     SortKey = "status"
	SortReceived   SortKey = "received"
	SortDue        SortKey = "due"
	SortRapporteur SortKey = "rapporteur"
)

// DueFilter narrows the register to cases whose deadline is close.
type DueFilter string

const (
	DueAny        DueFilter = ""
	DueOverdue    DueFilter = "overdue"
	DueWithin7    DueFilter = "within7"
	DueOverdueOr7 DueFilter = "overdue_or_within7"
	DueSoonDays             = 7
)

// Query is the register's filter and sort. Zero fields do not filter.
type Query struct {
	TypeCode string
	Status   Status
	Risk     Risk
	Sector   Sector
	Year     int // year received
	Due      DueFilter
	// Breach keeps the complaints alleging this breach of Art. 72.
	Breach Breach
	// Rapporteur keeps the cases whose rapporteur is this account;
	// NoRapporteur keeps those that have none yet; 0 does not filter.
	Rapporteur int64
	// Submitter keeps the cases whose submitter's name or contact is this
	// text (letters of either case): a submitter asking for their data.
	// Personal data, so only roles that may see submitters may filter by it.
	Submitter string
	Sort      SortKey
	Desc      bool

	// Set by the Service, not by callers.
	Today  Date
	Viewer User
}

// NoRapporteur as Query.Rapporteur keeps the cases no rapporteur has been
// assigned to yet: the secretariat's list of work to hand out.
const NoRapporteur int64 = -1

// AuditEntry describes one change for the append-only audit log; the store
// writes it in the same transaction as the change itself.
type AuditEntry struct {
	Actor    User
	Action   string // e.g. "case.create"
	Entity   string // e.g. "case"
	EntityID int64  // 0: the store fills in the id of the row it created
	Before   any
	After    any
}

// DeadlineCase is what recomputing an open case's deadline needs.
type DeadlineCase struct {
	ID       int64
	TypeCode string
	Priority Priority
	Status   Status
	DueOn    Date
	History  []StatusChange // oldest first
}

// Repository is the storage the Service needs. Each method is atomic; every
// write records its audit entry in the same transaction.
type Repository interface {
	CaseTypes(ctx context.Context) ([]CaseType, error)
	Catalogue(ctx context.Context) ([]CatalogueEntry, error)
	Holidays(ctx context.Context) ([]Holiday, error)
	SaveHoliday(ctx context.Context, h Holiday, audit AuditEntry) error
	// SaveHolidays saves every day with its audit entry in one transaction.
	SaveHolidays(ctx context.Context, days []Holiday, audits []AuditEntry) error
	DeleteHoliday(ctx context.Context, day Date, audit AuditEntry) error
	SaveCaseType(ctx context.Context, t CaseType, audit AuditEntry) error

	// CreateCase assigns c.ID, c.Reference (EC-YYYY-NNNN, YYYY the year of
	// c.CreatedAt, NNNN the next number of that year) and c.Version inside
	// the transaction that inserts the case.
	CreateCase(ctx context.Context, c *Case, audit AuditEntry) error
	// UpdateCase writes c if its stored version is still expectedVersion,
	// else returns *StaleError; on success c.Version is the new version.
	UpdateCase(ctx context.Context, c *Case, expectedVersion int64, audit AuditEntry) error
	// RecordTransition writes c's new status and deadline and the change
	// itself, under the same version guard as UpdateCase.
	RecordTransition(ctx context.Context, c *Case, expectedVersion int64, ch *StatusChange, audit AuditEntry) error
	GetCase(ctx context.Context, id int64) (Case, error)
	CaseIDByReference(ctx context.Context, ref string) (int64, error)
	StatusHistory(ctx context.Context, caseID int64) ([]StatusChange, error)

	AddNote(ctx context.Context, n *Note, audit AuditEntry) error
	// Notes lists a case's notes, newest first, leaving out other users'
	// private notes.
	Notes(ctx context.Context, caseID, viewerID int64) ([]Note, error)

	ListCases(ctx context.Context, q Query, offset, limit int) ([]Row, error)
	CountCases(ctx context.Context, q Query) (int, error)

	// DeadlineCases lists every case whose deadline may need recomputing.
	DeadlineCases(ctx context.Context) ([]DeadlineCase, error)
	// SetDueDates writes recomputed due dates in one transaction.
	SetDueDates(ctx context.Context, due map[int64]Date) error

	Users(ctx context.Context) ([]User, error)
	UserByID(ctx context.Context, id int64) (User, error)
}

// Clock is the time source; tests pin it.
type Clock func() time.Time
