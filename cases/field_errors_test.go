package cases_test

import (
	"context"
	"testing"

	"ethicsdesk/cases"
)

// A refused form says every message in one sentence, field by field in
// the same order each time, for a command's standard error.
func TestARefusedFormSaysEveryMessageInOneSentence(t *testing.T) {
	k := newCommittee(t)
	_, err := k.svc.CreateUser(context.Background(), k.admin, cases.NewAccount{Username: " ", DisplayName: "Dr. Nobody"})
	want := "Nothing was saved: password: " + cases.ValidatePassword("") + "; role: Choose a role.; username: Enter a user name."
	if err == nil || err.Error() != want {
		t.Errorf("refused account: %v\nwant %s", err, want)
	}
	if _, err := k.svc.CreateUser(context.Background(), k.admin, cases.NewAccount{Username: "okafor2", DisplayName: "Dr. Okafor", Role: cases.RoleMember}); err == nil ||
		err.Error() != "Nothing was saved: password: "+cases.ValidatePassword("") {
		t.Errorf("one field refused: %v", err)
	}
}
