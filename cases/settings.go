package cases

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// Fraction is a majority such as 2/3, kept exact so that "exactly two
// thirds" is not lost to floating point.
type Fraction struct{ Num, Den int }

func (f Fraction) String() string { return fmt.Sprintf("%d/%d", f.Num, f.Den) }

// ParseFraction reads "2/3" (or a whole "1").
func ParseFraction(s string) (Fraction, error) {
	num, den, ok := strings.Cut(strings.TrimSpace(s), "/")
	if !ok {
		den = "1"
	}
	n, err1 := strconv.Atoi(strings.TrimSpace(num))
	d, err2 := strconv.Atoi(strings.TrimSpace(den))
	if err1 != nil || err2 != nil || n <= 0 || d <= 0 || n > d || d > 100 {
		return Fraction{}, fmt.Errorf("%q is not a majority: write it as a fraction such as 2/3, at most 1", s)
	}
	return Fraction{n, d}, nil
}

// Settings are the committee's rules that the administrator may change.
type Settings struct {
	Quorum      int      // members present for a meeting to decide
	Majority    Fraction // of the non-recused members present, for a decision to carry
	LockMinutes int      // the window locks after this many minutes without input
	// RetentionYears after a case's closure its submitter's name and
	// contact details are removed (PRODUCT.md: default 5).
	RetentionYears int
	// DeputyChairID is the member who countersigns in the chair's place
	// when the chair is a case's rapporteur (0: none named).
	DeputyChairID int64
	// AttachmentMaxBytes is the largest file that can be attached to a
	// case; 0 in a save keeps the current limit.
	AttachmentMaxBytes int64
}

// DefaultSettings are PRODUCT.md's defaults.
var DefaultSettings = Settings{Quorum: 5, Majority: Fraction{2, 3}, LockMinutes: 10, RetentionYears: 5,
	AttachmentMaxBytes: DefaultAttachmentMaxBytes}

// MaxAttachmentLimit is the largest attachment limit the administrator can
// set: a case file, not an archive.
const MaxAttachmentLimit = 500 << 20

const (
	settingQuorum   = "quorum"
	settingMajority = "majority"
	settingLock     = "inactivity_lock_minutes"
	settingRetain   = "retention_years"
	settingDeputy   = "deputy_chair"
	settingAttach   = "attachment_max_bytes" // read by the store's AttachmentMaxBytes too
)

// Settings reads the committee's settings, defaults filling any not set.
// Anyone signed in may read them: the window needs the lock time and the
// meeting screen the quorum.
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	out := DefaultSettings
	repo, err := s.accounts()
	if err != nil {
		return out, err
	}
	m, err := repo.Settings(ctx)
	if err != nil {
		return out, err
	}
	if n, err := strconv.Atoi(m[settingQuorum]); err == nil && n > 0 {
		out.Quorum = n
	}
	if f, err := ParseFraction(m[settingMajority]); err == nil {
		out.Majority = f
	}
	if n, err := strconv.Atoi(m[settingLock]); err == nil && n > 0 {
		out.LockMinutes = n
	}
	if n, err := strconv.Atoi(m[settingRetain]); err == nil && n > 0 {
		out.RetentionYears = n
	}
	if n, err := strconv.ParseInt(m[settingDeputy], 10, 64); err == nil && n > 0 {
		out.DeputyChairID = n
	}
	if n, err := strconv.ParseInt(m[settingAttach], 10, 64); err == nil && n > 0 {
		out.AttachmentMaxBytes = n
	}
	return out, nil
}

// Validate reports what is wrong with st, field by field.
func (st Settings) Validate() FieldErrors {
	fe := FieldErrors{}
	if st.Quorum < 1 || st.Quorum > 100 {
		fe[settingQuorum] = "The quorum must be between 1 and 100 members."
	}
	if st.Majority.Num <= 0 || st.Majority.Den <= 0 || st.Majority.Num > st.Majority.Den || st.Majority.Den > 100 {
		fe[settingMajority] = "The majority must be a fraction such as 2/3, at most 1."
	}
	if st.LockMinutes < 1 || st.LockMinutes > 240 {
		fe[settingLock] = "The inactivity lock must be between 1 and 240 minutes."
	}
	if st.RetentionYears < 1 || st.RetentionYears > 100 {
		fe[settingRetain] = "The retention period must be between 1 and 100 years."
	}
	// 0 keeps the current limit (SaveSettings fills it in).
	if st.AttachmentMaxBytes != 0 && (st.AttachmentMaxBytes < 1<<20 || st.AttachmentMaxBytes > MaxAttachmentLimit) {
		fe[settingAttach] = "The attachment size limit must be between 1 and 500 MB."
	}
	if len(fe) == 0 {
		return nil
	}
	return fe
}

// SaveSettings stores new settings (administrator only).
func (s *Service) SaveSettings(ctx context.Context, actor User, st Settings) error {
	if err := require(actor, ActManageSettings); err != nil {
		return err
	}
	old, err := s.Settings(ctx)
	if err != nil {
		return err
	}
	if st.AttachmentMaxBytes == 0 {
		st.AttachmentMaxBytes = old.AttachmentMaxBytes
	}
	if fe := st.Validate(); fe != nil {
		return fe
	}
	if fe := s.checkDeputy(ctx, st.DeputyChairID); fe != nil {
		return fe
	}
	repo, _ := s.accounts()
	return repo.SaveSettings(ctx, st.values(), AuditEntry{Actor: actor, Action: "settings.save", Entity: "settings",
		Before: old.values(), After: st.values()})
}

// values is the settings as stored.
func (st Settings) values() map[string]string {
	return map[string]string{settingQuorum: strconv.Itoa(st.Quorum), settingMajority: st.Majority.String(),
		settingLock: strconv.Itoa(st.LockMinutes), settingRetain: strconv.Itoa(st.RetentionYears),
		settingDeputy: strconv.FormatInt(st.DeputyChairID, 10), settingAttach: strconv.FormatInt(st.AttachmentMaxBytes, 10)}
}
