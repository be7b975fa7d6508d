package remote_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"ethicsdesk/cases"
)

// A member with a valid session, sending requests of their own making,
// cannot read what the rules close to them, nor act as someone else.
func TestAMembersSessionCannotGetPastTheRules(t *testing.T) {
	s := serve(t)
	liu := s.raw(t, "liu", liuPW)

	resp, body := liu.call("GetCase", map[string]any{"id": s.Confidential.ID})
	if resp.StatusCode != http.StatusNotFound || strings.Contains(body, "whistleblower") {
		t.Errorf("a member read a confidential case: %s %s", resp.Status, body)
	}
	resp, body = liu.call("FindCase", map[string]any{"ref": s.Confidential.Reference})
	if resp.StatusCode != http.StatusNotFound || strings.Contains(body, "whistleblower") {
		t.Errorf("a member found a confidential case by reference: %s %s", resp.Status, body)
	}
	// Pretending, inside the query, to be the secretariat (which sees every
	// confidential case) changes nothing: the server decides who is asking.
	resp, body = liu.call("ListCases", map[string]any{"q": map[string]any{"Viewer": s.Sec}, "offset": 0, "limit": 100})
	if resp.StatusCode != http.StatusOK || strings.Contains(body, "whistleblower") || !strings.Contains(body, "Chatbot giving medical advice") {
		t.Errorf("the register as the member sees it: %s %s", resp.Status, body)
	}

	resp, body = liu.call("Timeline", map[string]any{"caseID": s.Open.ID})
	if resp.StatusCode != http.StatusOK || strings.Contains(body, "PRIVATE-NOTE-OF-CHEN") {
		t.Errorf("a member read another user's private note: %s %s", resp.Status, body)
	}
	resp, body = liu.call("Search", map[string]any{"text": "doubts respondent", "offset": 0, "limit": 20})
	if strings.Contains(body, "PRIVATE-NOTE-OF-CHEN") || strings.Contains(body, "doubts") {
		t.Errorf("a member's search showed another user's private note: %s %s", resp.Status, body)
	}

	resp, body = liu.call("GetCase", map[string]any{"id": s.Undeclared.ID})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, `"InterestError"`) || strings.Contains(body, "Zhang Wei") || strings.Contains(body, "What the submitter says") {
		t.Errorf("a member read the details of a case they have not declared on: %s %s", resp.Status, body)
	}
	resp, body = liu.call("Timeline", map[string]any{"caseID": s.Undeclared.ID})
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("a member read the timeline of a case they have not declared on: %s %s", resp.Status, body)
	}

	resp, body = liu.call("CreateUser", map[string]any{"n": cases.NewAccount{Username: "mallory", DisplayName: "Mallory", Role: cases.RoleAdministrator, Password: "mallory password"}})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "not allowed") {
		t.Errorf("a member called an administrator's operation: %s %s", resp.Status, body)
	}
	resp, body = liu.call("SetRole", map[string]any{"userID": s.Member.ID, "role": cases.RoleAdministrator})
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("a member made themselves administrator: %s %s", resp.Status, body)
	}
	// Naming another actor is not a thing the protocol has: refused whole.
	resp, body = liu.call("CreateUser", map[string]any{"actor": s.Admin, "n": cases.NewAccount{Username: "mallory", DisplayName: "Mallory", Role: cases.RoleAdministrator, Password: "mallory password"}})
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a request naming its own actor was not refused: %s %s", resp.Status, body)
	}
	resp, body = liu.call("AuditLog", map[string]any{"f": map[string]any{}})
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("a member read the audit log: %s %s", resp.Status, body)
	}
	users, err := s.Svc.Users(context.Background(), s.Admin)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if u.Username == "mallory" {
			t.Fatal("the member's request created an account")
		}
		if u.ID == s.Member.ID && u.Role != cases.RoleMember {
			t.Fatalf("the member's role became %s", u.Role)
		}
	}

	// Without a session, or with a made-up one, nothing but signing in.
	liu.session = "made-up-token"
	resp, body = liu.call("ListCases", map[string]any{"offset": 0, "limit": 10})
	if resp.StatusCode != http.StatusUnauthorized || strings.Contains(body, "Chatbot") {
		t.Errorf("a made-up session read the register: %s %s", resp.Status, body)
	}
	liu.session = ""
	resp, body = liu.call("Users", map[string]any{})
	if resp.StatusCode != http.StatusUnauthorized || strings.Contains(body, "liu") {
		t.Errorf("no session read the accounts: %s %s", resp.Status, body)
	}
}

// The server never signs with a key it holds, even when the member's key
// is still on it: a hand-made request to sign on the server is refused
// with a sentence (the laptop signs; laptop_signing_test.go).
func TestSigningOverTheServerIsRefused(t *testing.T) {
	s := serve(t)
	chen := s.raw(t, "chen", chenPW)
	id := s.AddCaseInOpinionDrafting(t, nil)
	resp, body := chen.call("SignOpinion", map[string]any{"caseID": id, "password": chenPW})
	if resp.StatusCode == http.StatusOK || !strings.Contains(body, "never signs with a key it holds") {
		t.Errorf("signing over the server: %s %s", resp.Status, body)
	}
	admin := s.raw(t, "admin", adminPW)
	resp, body = admin.call("Backup", map[string]any{"path": "/tmp/anywhere.db"})
	if resp.StatusCode == http.StatusOK {
		t.Errorf("a client made the server write a file where it chose: %s %s", resp.Status, body)
	}
}

// Oversized requests, unknown operations and GETs are refused with a
// sentence, and the server says nothing of its insides.
func TestTheServerRefusesMalformedRequests(t *testing.T) {
	s := serve(t)
	liu := s.raw(t, "liu", liuPW)
	resp, body := liu.call("AddNote", map[string]any{"caseID": s.Open.ID, "body": strings.Repeat("x", 2<<20)})
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "larger than the committee server accepts") {
		t.Errorf("a 2 MB note: %s %.200s", resp.Status, body)
	}
	resp, body = liu.call("DropEverything", map[string]any{})
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown operation: %s %s", resp.Status, body)
	}
	resp, body = liu.call("GetCase", map[string]any{"id": "not a number"})
	if resp.StatusCode != http.StatusBadRequest || strings.Contains(body, "goroutine") {
		t.Errorf("a malformed argument: %s %s", resp.Status, body)
	}
	for i := 0; i < 15; i++ {
		resp, body = liu.call("VerifyPassword", map[string]any{"password": "guess " + strconv.Itoa(i)})
	}
	if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusLocked {
		t.Errorf("15 password guesses in a row: %s %s", resp.Status, body)
	}
}

// A client of another version gets a sentence saying so.
func TestAWrongVersionIsRefusedWithASentence(t *testing.T) {
	s := serve(t)
	r := s.raw(t, "liu", liuPW)
	r.version = "0/oldschema"
	resp, body := r.call("ListCases", map[string]any{"offset": 0, "limit": 10})
	if resp.StatusCode != http.StatusPreconditionFailed || !strings.Contains(body, "install the same version of Ethics Desk") {
		t.Errorf("a client of another version: %s %s", resp.Status, body)
	}
}
