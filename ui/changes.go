package ui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2/lang"

	"ethicsdesk/cases"
)

// followWait is how long one wait on the change feed lasts; it answers
// as soon as something changes, so this only bounds an idle wait.
const followWait = 25 * time.Second

// followRetry is the first and the longest pause before asking the feed
// again after a failure (a server that went away, a lost network).
const (
	followRetryFirst = time.Second
	followRetryMax   = 10 * time.Second
)

// follow starts following the change feed for the signed-in user:
// colleagues' changes refresh the register's rows and are announced in
// the windows of the cases they touched, and a server that cannot be
// reached is said to be so until it answers again. It stops at sign-out.
func (d *desk) follow() {
	if d.stopFollowing != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	d.stopFollowing = cancel
	go d.followChanges(ctx)
}

// stopFollow ends what follow started.
func (d *desk) stopFollow() {
	if d.stopFollowing != nil {
		d.stopFollowing()
		d.stopFollowing = nil
	}
}

// followChanges waits on the feed, one wait after another, off the main
// goroutine; what it learns lands there through the runner.
func (d *desk) followChanges(ctx context.Context) {
	after := int64(-1)
	lost := false
	retry := followRetryFirst
	for ctx.Err() == nil {
		wait := followWait
		if lost {
			wait = 0 // a quick answer says at once that the server is back
		}
		b, err := d.svc.Changes(ctx, d.actor, after, wait)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			lost = true
			d.run.post(func() { d.connectionProblem(err) })
			if sessionEnded(err) {
				return // retrying cannot help: the user signs in again
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(retry):
			}
			retry = min(2*retry, followRetryMax)
			continue
		}
		retry = followRetryFirst
		if lost {
			lost = false
			d.run.post(d.connectionBack)
		}
		if after >= 0 && (b.Reset || len(b.Changes) > 0) {
			d.run.post(func() { d.othersChanged(b) })
		}
		after = b.Next
		d.followedTo.Store(after)
	}
}

// othersChanged applies what the feed brought: the register reads its
// rows again (keeping them on show until the fresh ones land), and each
// open window of a case someone else changed says who and when.
func (d *desk) othersChanged(b cases.ChangeBatch) {
	var byOthers []cases.Change
	for _, c := range b.Changes {
		if c.ByID != d.actor.ID {
			byOthers = append(byOthers, c)
		}
	}
	if len(byOthers) == 0 && !b.Reset {
		return
	}
	if d.register != nil {
		d.register.refreshInPlace()
	}
	for _, c := range byOthers {
		if cw, ok := d.caseWins[c.CaseID]; ok {
			cw.changedBy(c)
		}
	}
	if b.Reset {
		for _, cw := range d.caseWins {
			cw.changedBy(cases.Change{})
		}
	}
}

// unreachable is what the committee server's client returns when it
// cannot reach the server; the window knows it by this method alone.
type unreachable interface{ Unreachable() string }

// unreachableText is what the user reads when the committee server at
// server cannot be reached: a form that failed to save keeps what was
// typed, and the window keeps asking the server until it answers.
func unreachableText(server string) string {
	return lang.L("The committee server at {{.Server}} cannot be reached; nothing was saved. Retrying…", map[string]any{"Server": server})
}

func asUnreachable(err error, u *unreachable) bool { return errors.As(err, u) }

func sessionEnded(err error) bool {
	var se interface{ SessionEnded() bool }
	return errors.As(err, &se) && se.SessionEnded()
}

// connectionProblem says, under the register, why colleagues' changes
// cannot arrive: the server cannot be reached (and the feed tries again), or
// the session ended (and the user signs in again).
func (d *desk) connectionProblem(err error) {
	if d.register == nil {
		return
	}
	var u unreachable
	switch {
	case errors.As(err, &u):
		d.register.setConnection(tryingAgainText(u.Unreachable())) // a read, asked again: nothing was being saved
	case sessionEnded(err):
		d.register.setConnection(lang.L("Your session with the committee server has ended (the server restarted, or you were idle too long). Save nothing more here: choose File › Sign out and sign in again; what you typed stays in its window until you close it."))
	default:
		d.register.setConnection(lang.L("Colleagues' changes cannot be followed now: {{.Error}} Retrying…", map[string]any{"Error": err.Error()}))
	}
}

// connectionBack clears the message once the feed answers again, and
// reads the register afresh (changes made meanwhile were not followed);
// windows waiting to read what they show ask again at once.
func (d *desk) connectionBack() {
	d.readAgainNow()
	if d.register == nil {
		return
	}
	d.register.setConnection("")
	d.register.refreshInPlace()
}

// changedBy says in the case window that someone else changed the case
// (c zero: too many changes to tell) and reads it again, unless a move is
// being made: then the stale-edit rule refuses that save, with a sentence.
func (cw *caseWindow) changedBy(c cases.Change) {
	if c.By == "" {
		cw.changed.SetText(lang.L("This case may have been changed by others while the connection was busy."))
	} else {
		cw.changed.SetText(lang.L("Changed by {{.Who}} at {{.Time}}", map[string]any{"Who": c.By, "Time": c.At.Local().Format("15:04")}))
	}
	cw.changed.Show()
	if cw.pending == nil {
		cw.refresh()
	}
}
