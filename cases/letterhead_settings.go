package cases

import (
	"context"
	"fmt"
)

// Settings keys of the committee's letterhead; the store's
// CommitteeLetterhead reads the same keys for every document it prints.
const (
	settingCommitteeName    = "committee_name"
	settingCommitteeAddress = "committee_address"
)

// Limits of the letterhead: one line of name, a few lines of address.
const (
	MaxCommitteeName    = 200
	MaxCommitteeAddress = 500
)

// SaveCommitteeLetterhead sets the committee's name and address printed on
// opinions, letters, minutes and reports (administrator only). An empty
// address is allowed; an empty name is not, since every document heads
// with it.
func (s *Service) SaveCommitteeLetterhead(ctx context.Context, actor User, name, address string) error {
	if err := require(actor, ActManageSettings); err != nil {
		return err
	}
	name, address = CleanLine(name), CleanText(address)
	fe := FieldErrors{}
	switch {
	case name == "":
		fe[settingCommitteeName] = "Enter the committee's name; every document heads with it."
	case len([]rune(name)) > MaxCommitteeName:
		fe[settingCommitteeName] = fmt.Sprintf("Too long: at most %d characters.", MaxCommitteeName)
	}
	if len([]rune(address)) > MaxCommitteeAddress {
		fe[settingCommitteeAddress] = fmt.Sprintf("Too long: at most %d characters.", MaxCommitteeAddress)
	}
	if len(fe) > 0 {
		return fe
	}
	repo, err := s.accounts()
	if err != nil {
		return err
	}
	oldName, oldAddress, err := s.CommitteeLetterhead(ctx)
	if err != nil {
		return err
	}
	values := map[string]string{settingCommitteeName: name, settingCommitteeAddress: address}
	return repo.SaveSettings(ctx, values, AuditEntry{Actor: actor, Action: "settings.letterhead", Entity: "settings",
		Before: map[string]string{settingCommitteeName: oldName, settingCommitteeAddress: oldAddress}, After: values})
}
