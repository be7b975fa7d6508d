// Package testworld builds the register that the opinion tests share: a
// temporary database with publishing wired, an administrator who holds
// the committee root, a rapporteur and a chair (and optionally a further
// member) with signing keys, and cases waiting in opinion drafting.
//
// It is a normal package only so that tests in several packages (issuing,
// ui, bench) can import it; it is used by tests alone and the program must
// never import it. It knows nothing of Fyne: the UI tests add their windows
// on top of the World.
package testworld
