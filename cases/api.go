package cases

import (
	"context"
	"crypto/x509"
	"time"

	"ethicsdesk/signing"
)

// API is what the window and the command line call: every read and change
// of the register, with the acting user, behind the rules of this package.
// *Service implements it over a local register; a client of a committee
// server can implement it too, and the window will not know the
// difference.
//
// Conventions, true of every method unless its comment says otherwise:
//   - "Who" names the roles that may call it; an inactive account may call
//     nothing that takes an actor. Anyone else gets *ForbiddenError.
//   - A case the actor may not know of (missing, or confidential and not
//     theirs) is ErrNotFound; a case whose panel they sit on without having
//     declared "no conflict" is *InterestError, which carries its summary.
//   - Bad input is FieldErrors, one sentence per field, and nothing is saved.
//   - An edit made on an outdated copy is *StaleError; nothing is saved.
//   - Any other error is a sentence to show the user as it is.
type API interface {
	// The clock and the reference data: anyone, signed in or not.

	Now() time.Time
	Today() Date
	// Reference is the case types and the catalogue for forms and validation.
	Reference(ctx context.Context) (Reference, error)
	CaseTypes(ctx context.Context) ([]CaseType, error)
	Catalogue(ctx context.Context) ([]CatalogueEntry, error)
	Holidays(ctx context.Context) ([]Holiday, error)
	// Settings are the committee's settings, defaults filling any not set.
	Settings(ctx context.Context) (Settings, error)
	// CommitteeLetterhead is the name and address printed on documents.
	CommitteeLetterhead(ctx context.Context) (name, address string, err error)
	// DocumentLanguage is the committee's language for opinions, letters
	// and minutes (English until the administrator chooses another).
	DocumentLanguage(ctx context.Context) (DocumentLanguage, error)
	// AuditHead is the newest audit entry's number and hash, printed on
	// opinions and minutes.
	AuditHead(ctx context.Context) (int64, string, error)

	// Signing in. Anyone, before signing in.

	// HasUsers says whether any account exists (if not, the window asks for
	// the first administrator).
	HasUsers(ctx context.Context) (bool, error)
	// Bootstrap creates the first administrator; ErrAlreadySetUp once any
	// account exists.
	Bootstrap(ctx context.Context, username, displayName, password string) (User, error)
	// Login returns the account; ErrWrongPassword, ErrDeactivated, or
	// *LockedError after five wrong passwords in a row.
	Login(ctx context.Context, username, password string) (User, error)
	// VerifyPassword makes the signed-in actor prove it is them again; a
	// wrong password counts toward the lockout (ErrWrongPassword,
	// *LockedError).
	VerifyPassword(ctx context.Context, actor User, password string) error
	// ChangePassword replaces the actor's own password (and reseals their
	// signing key under it). Who: anyone signed in. FieldErrors when the
	// current password is wrong or the new one too weak.
	ChangePassword(ctx context.Context, actor User, current, password string) error

	// The register. Who: every role views the register; what each sees is
	// VisibilityFor(actor).

	// ListCases is one page of the register for q; CountCases how many
	// cases match q and how many the register holds.
	ListCases(ctx context.Context, actor User, q Query, offset, limit int) ([]Row, error)
	CountCases(ctx context.Context, actor User, q Query) (matching, total int, err error)
	// Search ranks the cases whose text matches; never an error for what
	// is typed (nonsense finds nothing).
	Search(ctx context.Context, actor User, text string, q Query, offset, limit int) ([]SearchHit, error)
	// GetCase and FindCase (by reference) read one case; submitters are
	// blanked for roles that may not see them. ErrNotFound, *InterestError.
	GetCase(ctx context.Context, actor User, id int64) (Case, error)
	FindCase(ctx context.Context, actor User, ref string) (Case, error)
	// Timeline is a case's notes and status changes; CaseHistory its whole
	// audit record. Who: anyone who may read the case.
	Timeline(ctx context.Context, actor User, caseID int64) ([]TimelineEntry, error)
	CaseHistory(ctx context.Context, actor User, caseID int64) ([]AuditRecord, error)
	// Changes is the change feed: the changes to cases the actor may know
	// of recorded after the audit number after, waiting up to wait for one
	// (see changes.go). Who: every role.
	Changes(ctx context.Context, actor User, after int64, wait time.Duration) (ChangeBatch, error)
	// Statistics are the figures of a period. Who: every role.
	Statistics(ctx context.Context, actor User, p Period) (Statistics, error)

	// Cases. Who: the secretariat creates and edits; the secretariat and the
	// chair move cases; members, the chair and the secretariat add notes.

	// CreateCase registers a submission (FieldErrors); with attachments,
	// all in one transaction or nothing.
	CreateCase(ctx context.Context, actor User, d Draft) (Case, error)
	CreateCaseWithAttachments(ctx context.Context, actor User, d Draft, files []NewAttachment) (Case, []Attachment, error)
	// ValidateDraft checks a draft without saving it, so a form's messages
	// can go as soon as their field is fixed.
	ValidateDraft(ctx context.Context, d Draft) (Draft, FieldErrors, error)
	// UpdateCase saves an edit made on version (*StaleError, FieldErrors;
	// an error once the case is decided).
	UpdateCase(ctx context.Context, actor User, id, version int64, d Draft) (Case, error)
	// AllowedMoves lists the moves actor may make on c now; Transition
	// makes one (*TransitionError, *StaleError, FieldErrors for a missing
	// reason, ErrIssueBySigning for "Opinion issued").
	AllowedMoves(actor User, c Case) []Status
	Transition(ctx context.Context, actor User, id, version int64, to Status, reason string) (Case, error)
	AddNote(ctx context.Context, actor User, caseID int64, body string, private bool) (Note, error)
	// Attachments lists a case's files and OpenAttachment reads one
	// (anyone who may read the case; an error when its bytes no longer
	// match their fingerprint). AddAttachments: the secretariat.
	Attachments(ctx context.Context, actor User, caseID int64) ([]Attachment, error)
	OpenAttachment(ctx context.Context, actor User, id int64) ([]byte, Attachment, error)
	AddAttachments(ctx context.Context, actor User, caseID int64, files []NewAttachment) ([]Attachment, error)

	// Panels and declarations. Who: the secretariat assigns; members and
	// the chair declare their own interests; the panel is read by anyone who
	// may know of the case.

	AssignRapporteur(ctx context.Context, actor User, caseID, userID int64) (Case, error)
	AddPanelMember(ctx context.Context, actor User, caseID, userID int64) error
	RemovePanelMember(ctx context.Context, actor User, caseID, userID int64) error
	// DeclareInterest records "no conflict" or a conflict with its reason
	// (FieldErrors without one); a recusal cannot be withdrawn.
	DeclareInterest(ctx context.Context, actor User, caseID int64, conflict bool, reason string) error
	// Panel is the appointed panel; OffPanelDeclarations the declarations
	// of members and the chair who declared to read the case without
	// being on its panel (who reads the case: the same as the panel).
	Panel(ctx context.Context, actor User, caseID int64) ([]PanelMember, error)
	OffPanelDeclarations(ctx context.Context, actor User, caseID int64) ([]PanelMember, error)

	// The duties of Article 66 for the case's risk tier (cases/duties.go).
	// Who: anyone who may read the case reads them; its panel, once
	// declared, marks them while the case is open.
	CaseDuties(ctx context.Context, actor User, caseID int64) ([]DutyCheck, error)
	MayMarkDuties(ctx context.Context, actor User, caseID int64) bool
	// MarkDuty records a duty as met (FieldErrors without evidence) or not.
	MarkDuty(ctx context.Context, actor User, caseID int64, duty Duty, met bool, evidence string) (DutyCheck, error)

	// Meetings and votes. Who: the secretariat and the chair arrange
	// meetings and may record votes for a present member; members and the
	// chair cast their own; every role reads meetings.

	Meetings(ctx context.Context, actor User) ([]Meeting, error)
	// Meeting leaves out agenda cases the actor may not know of.
	Meeting(ctx context.Context, actor User, id int64) (Meeting, error)
	CreateMeeting(ctx context.Context, actor User, heldOn Date, title string) (Meeting, error)
	AddToAgenda(ctx context.Context, actor User, meetingID, caseID int64) error
	// RemoveFromAgenda and RemoveAttendee are refused once votes were
	// recorded.
	RemoveFromAgenda(ctx context.Context, actor User, meetingID, caseID int64) error
	AddMemberAttendance(ctx context.Context, actor User, meetingID, userID int64) error
	AddConsultant(ctx context.Context, actor User, meetingID int64, name string) error
	RemoveAttendee(ctx context.Context, actor User, meetingID, attendeeID int64) error
	// RecordVote: the voter must be present and, on the panel, must have
	// declared "no conflict" (*InterestError).
	RecordVote(ctx context.Context, actor User, meetingID, caseID, voterID int64, v Vote) error
	// Tally counts the votes on an agenda case and applies the rule.
	Tally(ctx context.Context, actor User, meetingID, caseID int64) (Tally, []CastVote, error)

	// The simplified procedure. Who: the secretariat designates; the
	// designated members record their views.

	DesignateSimplified(ctx context.Context, actor User, caseID int64, memberIDs []int64) error
	RecordView(ctx context.Context, actor User, caseID int64, view Vote, comment string) (Simplified, error)
	SimplifiedStatus(ctx context.Context, actor User, caseID int64) (Simplified, error)

	// Opinions. Who: the case's rapporteur drafts and signs as author (see
	// CanDraftOpinion and SignatureDue); the chair countersigns, which
	// issues it — or the deputy chair named in the settings when the chair
	// is the rapporteur, since no one signs twice (*SameSignerError);
	// anyone who may read the case reads it. ErrNotFound when the case has
	// none.

	Opinion(ctx context.Context, actor User, caseID int64) (Opinion, error)
	OpinionVersions(ctx context.Context, actor User, caseID int64) ([]OpinionVersion, error)
	CanDraftOpinion(actor User, c Case, op Opinion) bool
	// MayCountersign is nil when actor may countersign the case's opinion
	// now, else the sentence the signing dialog shows (*SameSignerError,
	// *ForbiddenError).
	MayCountersign(ctx context.Context, actor User, caseID int64) error
	// SaveOpinionDraft stores a new draft version on top of expected
	// (0: a new opinion); an error when it is no longer the newest.
	SaveOpinionDraft(ctx context.Context, actor User, caseID int64, expected int, text OpinionText) (Opinion, error)
	// PreviewOpinion renders the current text, marked as a draft.
	PreviewOpinion(ctx context.Context, actor User, caseID int64) ([]byte, error)
	// SignOpinion signs with the password re-entered: ErrSignPassword,
	// ErrNoSigningKey, FieldErrors for an incomplete text.
	SignOpinion(ctx context.Context, actor User, caseID int64, password string) (Opinion, error)
	// PrepareSignature and CompleteSignature are SignOpinion in two halves,
	// for a key kept on the member's laptop (the committee server): the
	// same rules and password check, the document with the signature's
	// placeholder, then the laptop's CMS signature checked against the
	// signer's certificate on file before anything is stored
	// (ErrSignatureNotWaiting, ErrSignatureRefused).
	PrepareSignature(ctx context.Context, actor User, caseID int64, password string) (SignaturePrep, error)
	CompleteSignature(ctx context.Context, actor User, caseID int64, prepID string, cms []byte) (Opinion, error)
	// HandOverSigningKey gives actor their own sealed key (password
	// checked) to keep on their laptop; ConfirmKeyMoved, once it is kept
	// there, removes it from the register, which keeps the certificate.
	HandOverSigningKey(ctx context.Context, actor User, password string) (HandedKey, error)
	ConfirmKeyMoved(ctx context.Context, actor User, certSHA256 string) error
	// ReturnOpinion sends a draft the rapporteur signed back to them with
	// the chair's reason, voiding the rapporteur's signature.
	ReturnOpinion(ctx context.Context, actor User, caseID int64, reason string) (Opinion, error)
	// StartCorrection opens a draft correcting the issued opinion (the
	// rapporteur).
	StartCorrection(ctx context.Context, actor User, caseID int64) (Opinion, error)
	// IssuedOpinionPDF is the exact issued bytes, checked against their
	// fingerprint (an error when they were altered).
	IssuedOpinionPDF(ctx context.Context, actor User, caseID int64) ([]byte, Opinion, error)
	// VerifyPDF checks every signature of a PDF against the committee's
	// root. Who: anyone signed in.
	VerifyPDF(ctx context.Context, actor User, pdf []byte) (*signing.Report, error)
	// CommitteeRoot is the committee's root certificate, for recipients to
	// trust (public: anyone). ErrNotAvailable without the keyring; an error
	// when the administrator has not created it yet.
	CommitteeRoot(ctx context.Context) (*x509.Certificate, error)

	// Documents. Who: letters, the roles that see submitters (the
	// secretariat and the chair); exports, every role (personal data only
	// for those roles); the annual report, every role. Each export is
	// recorded in the audit log. ErrNotAvailable when this copy of the
	// program prints no documents.

	MayWriteLetters(actor User) bool
	// Letter issues a letter: it prints it and keeps it with the case, so
	// it is called once the letter is being sent (the window: once the
	// user has chosen where to save it), never for a preview.
	Letter(ctx context.Context, actor User, r LetterRequest) ([]byte, error)
	ExportCases(ctx context.Context, actor User, req ExportRequest, fn func(Case) error) (int, error)
	CalendarEvents(ctx context.Context, actor User, q Query) ([]CalendarEvent, error)
	AnnualReport(ctx context.Context, actor User, year int, language DocumentLanguage, progress func(done, total int)) ([]byte, error)

	// Signing keys. Who: the administrator. Only certificates come back,
	// never keys.

	MayManageKeys(actor User) bool
	SigningKeys(ctx context.Context, actor User) (SigningKeys, error)
	CreateSigningRoot(ctx context.Context, actor User, password string) error
	IssueSigningKey(ctx context.Context, actor User, adminPassword string, member User, memberPassword string) error
	ImportSigningKey(ctx context.Context, actor User, member User, p12 []byte, p12Password, memberPassword string) error

	// Backups. Who: the secretariat and the administrator (ActBackup,
	// ActRestore). ErrNotAvailable when this copy of the program cannot
	// back up (the command line has its own commands).

	MayBackup(actor User) bool
	MayRestore(actor User) bool
	Backup(ctx context.Context, actor User, path string) (string, error)
	LatestBackup(actor User) (string, error)
	Restore(ctx context.Context, actor User, path string) (string, error)

	// Accounts. Who: the administrator. ErrLastAdmin when a change would
	// leave no active administrator.

	Users(ctx context.Context, actor User) ([]User, error) // every role: panels need the names
	CreateUser(ctx context.Context, actor User, n NewAccount) (User, error)
	SetRole(ctx context.Context, actor User, userID int64, role Role) error
	Deactivate(ctx context.Context, actor User, userID int64) error
	Reactivate(ctx context.Context, actor User, userID int64) error
	// ResetPassword also lifts a lockout.
	ResetPassword(ctx context.Context, actor User, userID int64, password string) error
	LockedAccounts(ctx context.Context, actor User) (map[int64]time.Time, error)

	// Settings, retention and the audit log. Who: the administrator.

	SaveSettings(ctx context.Context, actor User, st Settings) error
	SaveCommitteeLetterhead(ctx context.Context, actor User, name, address string) error
	// SaveDocumentLanguage: FieldErrors for a language not in DocumentLanguages.
	SaveDocumentLanguage(ctx context.Context, actor User, l DocumentLanguage) error
	SaveHoliday(ctx context.Context, actor User, h Holiday) error
	DeleteHoliday(ctx context.Context, actor User, day Date) error
	// ImportHolidays saves a whole holiday arrangement in one transaction
	// (days off and weekend days worked) and says how many open cases'
	// due dates moved; FieldErrors under "file" refuse it whole.
	ImportHolidays(ctx context.Context, actor User, days []Holiday) (int, error)
	SaveCaseType(ctx context.Context, actor User, t CaseType) error
	// AddCaseType adds a case type with a new code; SaveCatalogueEntry adds
	// or renames a classification code (administrator only, audited).
	AddCaseType(ctx context.Context, actor User, t CaseType) error
	SaveCatalogueEntry(ctx context.Context, actor User, e CatalogueEntry) error
	AddCatalogueEntry(ctx context.Context, actor User, e CatalogueEntry) error
	// RecomputeDeadlines recomputes every running deadline (after holidays
	// or a rule changed) and says how many moved. Called by the settings
	// after a save, with no actor of its own.
	RecomputeDeadlines(ctx context.Context) (int, error)
	RetentionDue(ctx context.Context, actor User) (RetentionReport, error)
	// ApplyRetention anonymises every case RetentionDue lists, all or none.
	ApplyRetention(ctx context.Context, actor User) (int, error)
	AuditLog(ctx context.Context, actor User, f AuditFilter) ([]AuditRecord, int, error)
	AuditActions(ctx context.Context, actor User) ([]string, error)
}

var _ API = (*Service)(nil)
