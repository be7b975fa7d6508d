//go:build loadtest

// Package loadtest measures the committee server under a committee's
// working day (issue 13): `make loadtest`, not part of `make test`.
// LOADTEST_DURATION (default 2m) is how long each half runs: the same
// workload on the register directly and through the server, taken in turn
// in LOADTEST_SLICES slices of each (default one per 30 s, at most 4). LOADTEST_CALLS=FILE
// writes every call's start and duration to FILE (CSV).
// LOADTEST_MODE is "realistic" (the default: each person pauses between
// actions as people do, 2 to 8 s, and the two signers sign an opinion
// every 20 s) or "saturation" (everyone works without pausing to read,
// signers every 3.5 s: it measures how the machine copes when its CPU is
// the limit, not the latency a user sees). LOADTEST_ENGINE=postgres runs
// both halves on PostgreSQL (a throwaway cluster the test starts and
// removes) instead of the register file.
package loadtest

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"ethicsdesk/app"
	"ethicsdesk/cases"
	"ethicsdesk/cli"
	"ethicsdesk/internal/testworld"
	"ethicsdesk/remote"
)

const (
	adminPW = "admin password 1"
	chenPW  = "chen password 12"
	wangPW  = "wang password 12"
	liuPW   = "liu password 123"
	userPW  = "load test password"

	secretaries = 3
	members     = 25
)

// load is how the simulated people pace their work.
type load struct {
	name string
	// think is the pause after an action: reading a page, typing a note.
	thinkMin, thinkMax time.Duration
	// cycle is the extra pause after a round of actions (saturation mode
	// has no pauses between actions, only this).
	memberCycle, secretaryCycle time.Duration
	// signEvery paces the two signers; each signature checks a password
	// (20 a minute at most) and unseals a key (argon2, 64 MiB).
	signEvery time.Duration
}

var (
	// realistic: 25 members who act every 5 s on average are a busy
	// committee meeting day, far above a normal one (an action a minute).
	realistic  = load{name: "realistic", thinkMin: 2 * time.Second, thinkMax: 8 * time.Second, signEvery: 20 * time.Second}
	saturation = load{name: "saturation", memberCycle: 300 * time.Millisecond, secretaryCycle: 200 * time.Millisecond, signEvery: 3500 * time.Millisecond}
)

func mode(t *testing.T) load {
	switch v := os.Getenv("LOADTEST_MODE"); v {
	case "", "realistic":
		return realistic
	case "saturation":
		return saturation
	default:
		t.Fatalf("LOADTEST_MODE=%q: give realistic or saturation", v)
	}
	return load{}
}

// think pauses as a person does after an action, and says whether they
// go on working: not once the pause reaches stop, when they go home. A
// pause cut short at stop used to send everyone's remaining actions at
// the same instant: twenty-five searches at once at the end of each half,
// which alone set the search's 95th percentile (LOADTEST_CALLS showed the
// slowest searches all starting at that instant).
func (l load) think(stop time.Time) bool {
	if l.thinkMax > 0 {
		d := l.thinkMin + mrand.N(l.thinkMax-l.thinkMin)
		if d >= time.Until(stop) {
			time.Sleep(time.Until(stop))
			return false
		}
		time.Sleep(d)
	}
	return time.Now().Before(stop)
}

var words = []string{"face", "consent", "metro", "credit", "scoring", "hiring", "chatbot", "medical", "insurance", "school",
	"surveillance", "loan", "tenant", "voice", "children", "translation", "welfare", "police", "camera", "pricing"}

// loadSlices is how many slices each half of d is run in
// (LOADTEST_SLICES): by default one per 30 s, from 1 to 4. A slice much
// shorter than a round of a member's actions (five, with pauses of 2 to 8
// s) would end before most of them.
func loadSlices(t *testing.T, d time.Duration) int {
	v := os.Getenv("LOADTEST_SLICES")
	if v == "" {
		return min(max(int(d/(30*time.Second)), 1), 4)
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 60 {
		t.Fatalf("LOADTEST_SLICES=%q: give a number of slices from 1 to 60", v)
	}
	return n
}

func duration(t *testing.T) time.Duration {
	if v := os.Getenv("LOADTEST_DURATION"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("LOADTEST_DURATION=%q: %v", v, err)
		}
		return d
	}
	return 2 * time.Minute
}

// world is the register the load runs on, with the accounts and the
// cases each simulated person works on.
type world struct {
	*testworld.World
	svc         *cases.Service
	reg         register // the register svc works on (LOADTEST_ENGINE)
	secs, mems  []cases.User
	reading     []int64 // cases every member has declared on
	meeting     int64
	agenda      []int64
	meetingUser cases.User
	// The signers of each half and their cases in opinion drafting: a
	// signing key fetched to a laptop for the server's half no longer
	// signs on the register, so the file's half has signers of its own.
	localSigners, serverSigners signers
}

// signers are a rapporteur and a chair (their passwords are the
// package's chenPW and wangPW) and the cases they are to sign.
type signers struct {
	rapp, chair cases.User
	toSign      chan int64
}

// build makes the register, the accounts, and signatures cases to sign
// for each half's signers.
func build(t *testing.T, signatures int) *world {
	t.Helper()
	tw := testworld.New(t, testworld.Options{AdminPassword: adminPW, RapporteurPassword: chenPW, ChairPassword: wangPW, MemberPassword: liuPW})
	ctx := context.Background()
	w := &world{World: tw, reg: tw.DB, svc: app.NewService(tw.DB, nil)}
	w.serverSigners = signers{w.Rapporteur, w.Chair, make(chan int64, signatures)}
	w.localSigners = signers{tw.AddSigner(t, "zhao", "Dr. Zhao Lei 赵磊", cases.RoleMember, chenPW),
		tw.AddSigner(t, "sun", "Prof. Sun Li 孙丽", cases.RoleChair, wangPW), make(chan int64, signatures)}
	for i := range secretaries {
		u, err := w.svc.CreateUser(ctx, w.Admin, cases.NewAccount{Username: fmt.Sprintf("sec%d", i+1), DisplayName: fmt.Sprintf("Secretary %d", i+1), Role: cases.RoleSecretariat, Password: userPW})
		if err != nil {
			t.Fatal(err)
		}
		w.secs = append(w.secs, u)
	}
	for i := range members {
		u, err := w.svc.CreateUser(ctx, w.Admin, cases.NewAccount{Username: fmt.Sprintf("m%02d", i+1), DisplayName: fmt.Sprintf("Member %02d", i+1), Role: cases.RoleMember, Password: userPW})
		if err != nil {
			t.Fatal(err)
		}
		w.mems = append(w.mems, u)
	}
	for i := range 300 {
		c, err := w.svc.CreateCase(ctx, w.secs[0], draft(i))
		if err != nil {
			t.Fatal(err)
		}
		if i < 20 {
			w.reading = append(w.reading, c.ID)
		}
		if i >= 20 && i < 25 {
			w.agenda = append(w.agenda, c.ID)
		}
	}
	m, err := w.svc.CreateMeeting(ctx, w.secs[0], cases.DateOf(time.Now()), "Load test meeting")
	if err != nil {
		t.Fatal(err)
	}
	w.meeting = m.ID
	for _, id := range w.agenda {
		if err := w.svc.AddToAgenda(ctx, w.secs[0], m.ID, id); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range w.mems {
		if err := w.svc.AddMemberAttendance(ctx, w.secs[0], m.ID, u.ID); err != nil {
			t.Fatal(err)
		}
		for _, id := range append(append([]int64{}, w.reading...), w.agenda...) {
			if err := w.svc.DeclareInterest(ctx, u, id, false, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	for range signatures {
		w.serverSigners.toSign <- w.AddCaseInOpinionDrafting(t, nil)
		id := w.AddCaseInOpinionDraftingFor(t, w.localSigners.rapp, nil)
		if err := w.svc.DeclareInterest(ctx, w.localSigners.chair, id, false, ""); err != nil {
			t.Fatal(err)
		}
		w.localSigners.toSign <- id
	}
	return w
}

func draft(i int) cases.Draft {
	a, b, c := words[i%len(words)], words[(i*7+3)%len(words)], words[(i*13+5)%len(words)]
	return cases.Draft{TypeCode: "privacy_complaint", Title: fmt.Sprintf("Complaint %d about %s and %s", i, a, b),
		Summary:    fmt.Sprintf("The submitter says the %s system used %s data without %s.", a, b, c),
		ReceivedOn: cases.DateOf(time.Now().AddDate(0, 0, -2)), Channel: cases.ChannelEmail,
		Submitter:  cases.Submitter{Kind: cases.SubmitterPerson, Name: "Zhang Wei", Contact: "zhang.wei@example.org"},
		Respondent: "Metro Co.", AISystem: "GateFace", Sector: "transport", Risk: cases.RiskHigh, Breach: "privacy", Priority: cases.PriorityNormal}
}

// figures are the latencies of each operation, and the writes the
// register acknowledged.
type figures struct {
	mu        sync.Mutex
	latencies map[string][]time.Duration
	calls     []call // every successful call, for LOADTEST_CALLS
	stale     int
	errs      []string
	cases     []int64
	notes     map[int64][]int64 // case → acknowledged notes
	signed    []int64           // opinions issued (case IDs)
}

func newFigures() *figures {
	return &figures{latencies: map[string][]time.Duration{}, notes: map[int64][]int64{}}
}

// time runs op and records how long it took, or its error.
func (f *figures) time(op string, fn func() error) bool {
	start := time.Now()
	err := fn()
	d := time.Since(start)
	f.mu.Lock()
	defer f.mu.Unlock()
	var stale *cases.StaleError
	switch {
	case err == nil:
		f.latencies[op] = append(f.latencies[op], d)
		f.calls = append(f.calls, call{op, start, d})
		return true
	case errors.As(err, &stale):
		f.stale++
	default:
		f.errs = append(f.errs, op+": "+err.Error())
	}
	return false
}

// add puts g's latencies and writes with f's.
func (f *figures) add(g *figures) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for op, l := range g.latencies {
		f.latencies[op] = append(f.latencies[op], l...)
	}
	f.stale += g.stale
	f.errs = append(f.errs, g.errs...)
	f.cases = append(f.cases, g.cases...)
	for id, notes := range g.notes {
		f.notes[id] = append(f.notes[id], notes...)
	}
	f.signed = append(f.signed, g.signed...)
	f.calls = append(f.calls, g.calls...)
}

// call is one successful call: its operation, when it started and how
// long it took.
type call struct {
	op    string
	start time.Time
	took  time.Duration
}

// writeCalls writes every call of both halves to the file LOADTEST_CALLS
// names, if any, as CSV (half, operation, start in ms from the first call,
// duration in ms): where a 95th percentile comes from.
func writeCalls(t *testing.T, halves map[string]*figures) {
	path := os.Getenv("LOADTEST_CALLS")
	if path == "" {
		return
	}
	var first time.Time
	for _, f := range halves {
		for _, c := range f.calls {
			if first.IsZero() || c.start.Before(first) {
				first = c.start
			}
		}
	}
	var b strings.Builder
	b.WriteString("half,operation,start_ms,ms\n")
	for name, f := range halves {
		for _, c := range f.calls {
			fmt.Fprintf(&b, "%s,%s,%.1f,%.3f\n", name, c.op, float64(c.start.Sub(first).Microseconds())/1e3, float64(c.took.Microseconds())/1e3)
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Errorf("LOADTEST_CALLS: %v", err)
	}
}

func (f *figures) p95(op string) (time.Duration, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	l := append([]time.Duration(nil), f.latencies[op]...)
	if len(l) == 0 {
		return 0, 0
	}
	sort.Slice(l, func(i, j int) bool { return l[i] < l[j] })
	return l[(len(l)*95+99)/100-1], len(l)
}

// person is one simulated user: the API they work through (the register
// file or their own client of the server) and who they are.
type person struct {
	api   cases.API
	actor cases.User
}

// run drives the workload for d with 3 secretaries, 25 members and 2
// signers, each a goroutine working through their own API; the signers
// sign the cases of toSign.
func (w *world) run(t *testing.T, l load, d time.Duration, secs, mems []person, rapp, chair person, toSign chan int64) *figures {
	f := newFigures()
	ctx := context.Background()
	stop := time.Now().Add(d)
	var wg sync.WaitGroup
	attachment := make([]byte, 200<<10)
	rand.Read(attachment)
	for k, p := range secs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if !l.think(stop) { // people do not all start at the same instant
				return
			}
			for i := 0; time.Now().Before(stop); i++ {
				var made cases.Case
				if f.time("log a case with an attachment", func() (err error) {
					made, _, err = p.api.CreateCaseWithAttachments(ctx, p.actor, draft(1000+k*100000+i),
						[]cases.NewAttachment{{FileName: "submission.pdf", ContentType: "application/pdf", Data: attachment}})
					return err
				}) {
					f.mu.Lock()
					f.cases = append(f.cases, made.ID)
					f.mu.Unlock()
				}
				if !l.think(stop) {
					return
				}
				// The secretaries all correct the same few cases: some
				// edits meet a colleague's newer one (a stale refusal).
				id := w.reading[i%3]
				var c cases.Case
				if f.time("open a case", func() (err error) { c, err = p.api.GetCase(ctx, p.actor, id); return err }) {
					c.Draft.Summary = fmt.Sprintf("Corrected by %s, edit %d.", p.actor.Username, i)
					time.Sleep(20 * time.Millisecond) // reading the form
					f.time("save an edit", func() error { _, err := p.api.UpdateCase(ctx, p.actor, c.ID, c.Version, c.Draft); return err })
				}
				if !l.think(stop) {
					return
				}
				f.time("register page", func() error { _, err := p.api.ListCases(ctx, p.actor, cases.Query{}, 0, 50); return err })
				if !l.think(stop) {
					return
				}
				time.Sleep(l.secretaryCycle)
			}
		}()
	}
	for k, p := range mems {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if !l.think(stop) { // people do not all start at the same instant
				return
			}
			for i := 0; time.Now().Before(stop); i++ {
				f.time("register page", func() error { _, err := p.api.ListCases(ctx, p.actor, cases.Query{}, (i%5)*50, 50); return err })
				if !l.think(stop) {
					return
				}
				f.time("search", func() error {
					_, err := p.api.Search(ctx, p.actor, words[(k+i)%len(words)], cases.Query{}, 0, 50)
					return err
				})
				if !l.think(stop) {
					return
				}
				id := w.reading[(k+i)%len(w.reading)]
				f.time("open a case", func() error { _, err := p.api.GetCase(ctx, p.actor, id); return err })
				if !l.think(stop) {
					return
				}
				var n cases.Note
				if f.time("add a note", func() (err error) {
					n, err = p.api.AddNote(ctx, p.actor, id, fmt.Sprintf("Note %d of %s.", i, p.actor.Username), i%2 == 0)
					return err
				}) {
					f.mu.Lock()
					f.notes[id] = append(f.notes[id], n.ID)
					f.mu.Unlock()
				}
				if !l.think(stop) {
					return
				}
				vote := cases.VoteApprove
				if i%3 == 0 {
					vote = cases.VoteReject
				}
				f.time("vote", func() error {
					return p.api.RecordVote(ctx, p.actor, w.meeting, w.agenda[(k+i)%len(w.agenda)], p.actor.ID, vote)
				})
				if !l.think(stop) {
					return
				}
				time.Sleep(l.memberCycle) // reading
			}
		}()
	}
	countersign := make(chan int64, cap(toSign))
	wg.Add(2)
	go func() {
		defer wg.Done()
		defer close(countersign)
		for time.Now().Before(stop) {
			var id int64
			select {
			case id = <-toSign:
			default:
				f.mu.Lock()
				f.errs = append(f.errs, "the load test prepared too few opinions to sign")
				f.mu.Unlock()
				return
			}
			next := time.Now().Add(l.signEvery)
			if f.time("save an opinion draft", func() error {
				_, err := rapp.api.SaveOpinionDraft(ctx, rapp.actor, id, 0, opinionText())
				return err
			}) && f.time("sign (rapporteur)", func() error { _, err := rapp.api.SignOpinion(ctx, rapp.actor, id, chenPW); return err }) {
				countersign <- id
			}
			time.Sleep(min(time.Until(next), time.Until(stop)))
		}
	}()
	go func() {
		defer wg.Done()
		for id := range countersign {
			next := time.Now().Add(l.signEvery)
			if f.time("countersign (chair)", func() error { _, err := chair.api.SignOpinion(ctx, chair.actor, id, wangPW); return err }) {
				f.mu.Lock()
				f.signed = append(f.signed, id)
				f.mu.Unlock()
			}
			time.Sleep(min(time.Until(next), time.Until(stop)))
		}
	}()
	wg.Wait()
	return f
}

func opinionText() cases.OpinionText {
	return cases.OpinionText{Decision: cases.DecisionUpheld, Paragraphs: []cases.Paragraph{
		{Heading: cases.HeadBackground, Text: "The submitter complained that the metro gates keep face images."},
		{Heading: cases.HeadFindings, Text: "No consent was asked."},
		{Heading: cases.HeadReasoning, Text: "Consent must be informed and specific."},
		{Heading: cases.HeadDecision, Text: "The complaint is upheld."},
	}}
}

// check asserts that every write f acknowledged is in the register.
func (w *world) check(t *testing.T, where string, f *figures) {
	t.Helper()
	ctx := context.Background()
	for _, e := range f.errs {
		t.Errorf("%s: an unexpected error: %s", where, e)
	}
	for _, id := range f.cases {
		if _, err := w.svc.GetCase(ctx, w.secs[0], id); err != nil {
			t.Errorf("%s: case %d was acknowledged but is not in the register: %v", where, id, err)
		}
	}
	for caseID, ids := range f.notes {
		have := map[int64]bool{}
		for _, u := range w.mems {
			notes, err := w.reg.Notes(ctx, caseID, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range notes {
				have[n.ID] = true
			}
		}
		for _, id := range ids {
			if !have[id] {
				t.Errorf("%s: note %d on case %d was acknowledged but is not in the register", where, id, caseID)
			}
		}
	}
	for _, id := range f.signed {
		op, err := w.svc.Opinion(ctx, w.Chair, id)
		if err != nil || op.State != cases.OpinionIssuedState {
			t.Errorf("%s: the opinion of case %d was acknowledged as issued but is %v (%v)", where, id, op.State, err)
		}
	}
}

// TestCommitteeServerUnderLoad runs the workload on the register file and
// through the committee server, and prints each operation's 95th
// percentile side by side. The two halves are taken in turn, in slices
// (local, server, server, local, …): a machine shared with other work
// changes speed from minute to minute, and with one half after the other
// the ratio of two 95th percentiles measured that slowdown as often as the
// server (0.44× to 6.2× for the search in the runs of 4 December).
func TestCommitteeServerUnderLoad(t *testing.T) {
	d := duration(t)
	l := mode(t)
	slices := loadSlices(t, d)
	slice := d / time.Duration(slices)
	// Each slice's signers sign at its start and every signEvery after.
	perHalf := slices*(int(slice/l.signEvery)+1) + 3
	w := build(t, perHalf)
	ctx := context.Background()
	checkArgs := []string{"check", "--db", w.Path}
	if engine(t) == "postgres" {
		checkArgs = w.onPostgres(t)
	}
	t.Logf("engine: %s", engine(t))

	var localSecs, localMems []person
	for _, u := range w.secs {
		localSecs = append(localSecs, person{w.svc, u})
	}
	for _, u := range w.mems {
		localMems = append(localMems, person{w.svc, u})
	}

	// The committee server on this machine, over TLS on loopback, as a
	// process of its own on the same register.
	srv := startServer(t, checkArgs[1:], adminPW)
	root, err := remote.RootByFingerprint(ctx, srv.URL, srv.Fingerprint)
	if err != nil {
		t.Fatal(err)
	}
	signIn := func(u cases.User, pw string) person {
		c, err := remote.Dial(srv.URL, root)
		if err != nil {
			t.Fatal(err)
		}
		c.SetKeyFolder(filepath.Join(t.TempDir(), "keys"))
		actor, err := c.Login(ctx, u.Username, pw)
		if err != nil {
			t.Fatalf("%s signing in: %v", u.Username, err)
		}
		return person{c, actor}
	}
	var secs, mems []person
	for _, u := range w.secs {
		secs = append(secs, signIn(u, userPW))
	}
	for _, u := range w.mems {
		mems = append(mems, signIn(u, userPW))
	}
	rapp, chair := signIn(w.serverSigners.rapp, chenPW), signIn(w.serverSigners.chair, wangPW)
	if _, err := rapp.api.(*remote.Client).FetchSigningKey(ctx, rapp.actor, chenPW); err != nil {
		t.Fatal(err)
	}
	if _, err := chair.api.(*remote.Client).FetchSigningKey(ctx, chair.actor, wangPW); err != nil {
		t.Fatal(err)
	}

	t.Logf("%d clients on the %s register and %d through %s, %v each in %d slices taken in turn",
		len(localSecs)+len(localMems)+2, engine(t), len(secs)+len(mems)+2, srv.URL, d, slices)
	loadBefore := loadAverage()
	local, served := newFigures(), newFigures()
	var serverCPU, clientsCPU time.Duration
	runLocal := func() {
		local.add(w.run(t, l, slice, localSecs, localMems, person{w.svc, w.localSigners.rapp}, person{w.svc, w.localSigners.chair}, w.localSigners.toSign))
	}
	runServed := func() {
		s, c := processCPU(srv.PID()), processCPU(os.Getpid())
		served.add(w.run(t, l, slice, secs, mems, rapp, chair, w.serverSigners.toSign))
		serverCPU += processCPU(srv.PID()) - s
		clientsCPU += processCPU(os.Getpid()) - c
	}
	for i := range slices {
		if i%2 == 0 {
			runLocal()
			runServed()
		} else {
			runServed()
			runLocal()
		}
	}
	w.check(t, "local", local)
	w.check(t, "server", served)
	writeCalls(t, map[string]*figures{"local": local, "server": served})

	var b strings.Builder
	fmt.Fprintf(&b, "\n%s load on %s, %v per half in %d slices taken in turn, %d cores (GOMAXPROCS %d), load average %s before, %s after, %s\n",
		l.name, engine(t), d, slices, runtime.NumCPU(), runtime.GOMAXPROCS(0), loadBefore, loadAverage(), time.Now().UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(&b, "%-32s %12s %12s %7s %9s %9s\n", "operation (p95)", "local", "server", "ratio", "n local", "n server")
	ops := []string{"register page", "search", "open a case", "add a note", "vote", "save an edit", "log a case with an attachment",
		"save an opinion draft", "sign (rapporteur)", "countersign (chair)"}
	for _, op := range ops {
		lp, ln := local.p95(op)
		sp, sn := served.p95(op)
		ratio := "-"
		if lp > 0 {
			ratio = fmt.Sprintf("%.2f", float64(sp)/float64(lp))
		}
		fmt.Fprintf(&b, "%-32s %12s %12s %7s %9d %9d\n", op, lp.Round(100*time.Microsecond), sp.Round(100*time.Microsecond), ratio, ln, sn)
		if sn == 0 {
			t.Errorf("no %q succeeded through the server", op)
		}
	}
	fmt.Fprintf(&b, "CPU used while the server half ran: the server process %v, the thirty clients' process %v\n",
		serverCPU.Round(10*time.Millisecond), clientsCPU.Round(10*time.Millisecond))
	fmt.Fprintf(&b, "stale-edit refusals: %d local, %d server; cases logged %d/%d, notes %d/%d, opinions issued %d/%d\n",
		local.stale, served.stale, len(local.cases), len(served.cases), count(local.notes), count(served.notes), len(local.signed), len(served.signed))
	t.Log(b.String())
	fmt.Println(b.String())

	// `ethicsdesk check` finds the register sound afterwards.
	srv.Stop()
	var out, errb strings.Builder
	if code := cli.Run(checkArgs, &out, &errb); code != 0 || !strings.Contains(out.String(), "is sound") {
		t.Errorf("check after the load: exit %d %s %s", code, out.String(), errb.String())
	}
}

// loadAverage is the machine's 1-minute load average, for the record:
// other work on the machine shows in every figure.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	return strings.Fields(string(b))[0]
}

func count(m map[int64][]int64) int {
	n := 0
	for _, l := range m {
		n += len(l)
	}
	return n
}
