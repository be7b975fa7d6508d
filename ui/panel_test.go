package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestAPanelMemberDeclaresAConflictAndStaysOutOfTheCase(t *testing.T) {
	p := newPeople(t)
	ctx := context.Background()
	c, err := p.svc.CreateCase(ctx, p.sec, validDraft(1))
	if err != nil {
		t.Fatal(err)
	}
	chen, liu := p.members[0], p.members[1]

	// The secretary puts two members on the panel from the case window.
	p.as(p.sec)
	cw := p.d.openCase(c.ID)
	p.settle()
	for _, m := range []string{chen.Name(), liu.Name()} {
		cw.panel.addMember.SetSelected(m)
		p.settle()
		test.Tap(findButton(cw.panel.box, "Add to panel"))
		p.settle()
	}
	if texts := labelTexts(cw.panel.box); !contains(texts, chen.Name()) || !contains(texts, "Has not declared yet") {
		t.Fatalf("the panel shows %v", texts)
	}
	cw.win.Close()

	// Chen, undeclared, sees only the summary and the declaration.
	p.as(chen)
	cw = p.d.openCase(c.ID)
	p.settle()
	if cw == nil || cw.interest == nil {
		t.Fatal("an undeclared member is not asked to declare")
	}
	texts := labelTexts(cw.win.Content())
	if !contains(texts, c.Reference) || !contains(texts, "Metro Co.") || !contains(texts, "Declare your interests") {
		t.Fatalf("the declaration screen shows %v", texts)
	}
	if containsPart(texts, "Face recognition") || containsPart(texts, "without consent") {
		t.Fatalf("an undeclared member sees the case's details: %v", texts)
	}
	// A conflict needs its reason, said at the box.
	test.Tap(cw.interest.conflict)
	p.settle()
	if msgs := cw.interest.form.messages(); !containsPart(msgs, "Say briefly what the conflict is") {
		t.Fatalf("a conflict without a reason: %v", msgs)
	}
	test.Type(cw.interest.reason, "I advised Metro Co. on GateFace in 2025.")
	test.Tap(cw.interest.conflict)
	p.settle()
	texts = labelTexts(cw.win.Content())
	if !contains(texts, "You are recused") || containsPart(texts, "Face recognition") {
		t.Fatalf("after recusal the window shows %v", texts)
	}
	cw.win.Close()
	cw = p.d.openCase(c.ID)
	p.settle()
	if texts := labelTexts(cw.win.Content()); containsPart(texts, "Face recognition") || !contains(texts, "You are recused") {
		t.Fatalf("reopened, a recused member sees %v", texts)
	}
	cw.win.Close()

	// Liu declares no conflict and the case opens.
	p.as(liu)
	cw = p.d.openCase(c.ID)
	p.settle()
	test.Tap(cw.interest.noConflict)
	p.settle()
	texts = labelTexts(cw.win.Content())
	if cw.interest != nil || !containsPart(texts, "Face recognition") {
		t.Fatalf("no conflict did not open the case: %v", texts)
	}
	// Everyone who reads the case sees who is recused and why.
	if !contains(texts, "Recused: I advised Metro Co. on GateFace in 2025.") {
		t.Fatalf("the panel does not show the recusal: %v", labelTexts(cw.panel.box))
	}
}

// A member outside the panel declares before an open case opens to them.
func TestAMemberOutsideThePanelDeclaresBeforeTheCaseOpens(t *testing.T) {
	p := newPeople(t)
	c, err := p.svc.CreateCase(context.Background(), p.sec, validDraft(1))
	if err != nil {
		t.Fatal(err)
	}
	p.as(p.members[2])
	cw := p.d.openCase(c.ID)
	p.settle()
	if cw == nil || cw.interest == nil {
		t.Fatal("a member outside the panel read the case without declaring")
	}
	texts := labelTexts(cw.win.Content())
	if !containsPart(texts, "Every member declares before reading a case or voting on it") || containsPart(texts, "Face recognition") {
		t.Fatalf("the declaration screen shows %v", texts)
	}
	test.Tap(cw.interest.noConflict)
	p.settle()
	if texts := labelTexts(cw.win.Content()); cw.interest != nil || !containsPart(texts, "Face recognition") {
		t.Fatalf("no conflict did not open the case: %v", texts)
	}
}

// A reference typed in the register's search box opens the declaration
// screen for a member who has not declared, not an error.
func TestAReferenceTypedByAnUndeclaredMemberOpensTheDeclaration(t *testing.T) {
	p := newPeople(t)
	c, err := p.svc.CreateCase(context.Background(), p.sec, validDraft(1))
	if err != nil {
		t.Fatal(err)
	}
	p.as(p.chair)
	r := p.d.openRegister()
	r.goToReference(c.Reference)
	p.settle()
	cw := p.d.caseWins[c.ID]
	if cw == nil || cw.interest == nil {
		t.Fatal("typing the reference did not open the declaration screen")
	}
}

// A member who declared only to read the case is shown apart from the
// panel, with their declaration; appointed from the case window, they join
// the panel with it.
func TestAReadersDeclarationIsShownApartFromThePanel(t *testing.T) {
	p := newPeople(t)
	ctx := context.Background()
	c, err := p.svc.CreateCase(ctx, p.sec, validDraft(1))
	if err != nil {
		t.Fatal(err)
	}
	reader := p.members[2]
	if err := p.svc.DeclareInterest(ctx, reader, c.ID, false, ""); err != nil {
		t.Fatal(err)
	}
	p.as(p.sec)
	cw := p.d.openCase(c.ID)
	p.settle()
	texts := labelTexts(cw.panel.box)
	if len(cw.panel.members) != 0 || !contains(texts, "No panel has been assigned yet.") {
		t.Fatalf("the reader is listed on the panel: %v", texts)
	}
	if !contains(texts, "Declared without being on the panel:") || !contains(texts, reader.Name()) || !contains(texts, "No conflict of interest declared") {
		t.Fatalf("the reader's declaration is not shown: %v", texts)
	}
	cw.panel.addMember.SetSelected(reader.Name())
	p.settle()
	test.Tap(findButton(cw.panel.box, "Add to panel"))
	p.settle()
	texts = labelTexts(cw.panel.box)
	if len(cw.panel.members) != 1 || cw.panel.members[0].UserID != reader.ID || contains(texts, "Declared without being on the panel:") ||
		!contains(texts, "No conflict of interest declared") {
		t.Fatalf("after appointing the reader the panel shows %v", texts)
	}
}
