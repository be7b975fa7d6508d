package store_test

// Crash safety and two-process concurrency. The test binary re-runs itself
// as the child process (TestMain sees ETHICSDESK_TEST_CHILD), so the child
// uses exactly the real store and service, with no separate program to build.

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"ethicsdesk/cases"
	"ethicsdesk/store"
)

const childEnv = "ETHICSDESK_TEST_CHILD"

// notesPerCase is how many notes the child adds to each case before it
// reports the case's reference.
const notesPerCase = 2

// concurrentCases is how many cases each of the two concurrent writers saves.
const concurrentCases = 25

func TestMain(m *testing.M) {
	if mode := os.Getenv(childEnv); mode != "" {
		os.Exit(runChild(mode, os.Getenv("ETHICSDESK_TEST_DB"), os.Getenv("ETHICSDESK_TEST_NAME")))
	}
	os.Exit(m.Run())
}

// runChild creates cases with notes in a loop and prints "REF" on stdout
// only after the case and all its notes are committed. In "concurrent"
// mode it waits for the shared start time, also edits each case, and stops
// after concurrentCases cases; any error ends it with the message on stderr
// and exit status 1. A fixed count rather than a time limit keeps the test
// meaningful on a slow, loaded machine where each fsync takes long.
func runChild(mode, path, name string) int {
	db, err := store.Open(path, store.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		return 1
	}
	defer db.Close()
	ctx := context.Background()
	svc := cases.NewService(db, nil)
	actor := cases.User{ID: 1, Username: name, DisplayName: name, Role: cases.RoleSecretariat, Active: true}
	out := bufio.NewWriter(os.Stdout)
	if mode == "concurrent" {
		if start, err := strconv.ParseInt(os.Getenv("ETHICSDESK_TEST_START"), 10, 64); err == nil {
			time.Sleep(time.Until(time.Unix(0, start)))
		}
	}
	for i := 0; mode != "concurrent" || i < concurrentCases; i++ {
		d := crashDraft(fmt.Sprintf("%s case %d", name, i))
		c, err := svc.CreateCase(ctx, actor, d)
		if err != nil {
			fmt.Fprintln(os.Stderr, "create:", err)
			return 1
		}
		for n := 0; n < notesPerCase; n++ {
			if _, err := svc.AddNote(ctx, actor, c.ID, fmt.Sprintf("note %d of %s", n, c.Reference), false); err != nil {
				fmt.Fprintln(os.Stderr, "note:", err)
				return 1
			}
		}
		if mode == "concurrent" {
			d.Summary += " (edited)"
			if _, err := svc.UpdateCase(ctx, actor, c.ID, c.Version, d); err != nil {
				fmt.Fprintln(os.Stderr, "update:", err)
				return 1
			}
		}
		fmt.Fprintln(out, c.Reference)
		out.Flush()
	}
	return 0
}

func crashDraft(title string) cases.Draft {
	return cases.Draft{TypeCode: "privacy_complaint", Title: title, Summary: strings.Repeat("Cameras in the lobby. ", 20),
		ReceivedOn: cases.DateOf(time.Now()), Channel: cases.ChannelPost,
		Submitter: cases.Submitter{Kind: cases.SubmitterPerson, Name: "Chen Jie"}, Respondent: "Lobby Ltd", Breach: "privacy",
		Sector: "transport", Risk: cases.RiskHigh, Priority: cases.PriorityNormal}
}

func childCommand(t *testing.T, mode, path, name string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+mode, "ETHICSDESK_TEST_DB="+path, "ETHICSDESK_TEST_NAME="+name)
	return cmd
}

// verifyAcknowledged opens the file afresh (as after a power cut), runs
// integrity_check and the register's checks, and looks up every reference
// the children reported with its notes.
func verifyAcknowledged(t *testing.T, path string, refs []string) {
	t.Helper()
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatalf("reopen after the kill: %v", err)
	}
	defer db.Close()
	ctx := context.Background()
	problems, err := db.Check(ctx)
	if err != nil || len(problems) > 0 {
		t.Fatalf("after the kill the register fails its check: %v %v", problems, err)
	}
	svc := cases.NewService(db, nil)
	for _, ref := range refs {
		c, err := svc.FindCase(ctx, secretary, ref)
		if err != nil {
			t.Fatalf("acknowledged case %s is missing: %v", ref, err)
		}
		tl, err := svc.Timeline(ctx, secretary, c.ID)
		if err != nil || len(tl) < notesPerCase {
			t.Fatalf("acknowledged case %s has %d notes, want %d (%v)", ref, len(tl), notesPerCase, err)
		}
	}
}

func TestCrashSafetyUnderSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes for several seconds")
	}
	path := filepath.Join(t.TempDir(), "register.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	rounds := 30
	if s := os.Getenv("ETHICSDESK_CRASH_ROUNDS"); s != "" {
		rounds, _ = strconv.Atoi(s)
	}
	var acknowledged []string
	for round := 0; round < rounds; round++ {
		cmd := childCommand(t, "crash", path, "child")
		stdout, _ := cmd.StdoutPipe()
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		var lines []string
		done := make(chan struct{})
		firstSaved := make(chan struct{})
		go func() {
			defer close(done)
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				mu.Lock()
				lines = append(lines, sc.Text())
				if len(lines) == 1 {
					close(firstSaved)
				}
				mu.Unlock()
			}
		}()
		// Kill at a random moment: every fourth round at any time from the
		// start (often during start-up), the others mid-write, a while
		// after the first save, however slow the machine is to get there.
		if round%4 != 0 {
			select {
			case <-firstSaved:
			case <-done:
			case <-time.After(30 * time.Second):
			}
		}
		time.Sleep(time.Duration(20+rand.IntN(400)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
		err := cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Fatalf("round %d: the child ended by itself (%v): %s", round, err, stderr.String())
		}
		mu.Lock()
		acknowledged = append(acknowledged, lines...)
		mu.Unlock()
		verifyAcknowledged(t, path, acknowledged)
	}
	if len(acknowledged) == 0 {
		t.Fatal("the child never committed a case; the test proved nothing")
	}
	t.Logf("%d rounds, %d acknowledged cases all present with their notes", rounds, len(acknowledged))
}

func TestTwoProcessesWritingTheSameFile(t *testing.T) {
	if testing.Short() {
		t.Skip("runs two processes for a few seconds")
	}
	path := filepath.Join(t.TempDir(), "register.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	type result struct {
		refs   []string
		stderr string
		err    error
	}
	results := make([]result, 2)
	// Both children start writing at the same moment, however long each
	// took to start, so their transactions really interleave.
	start := strconv.FormatInt(time.Now().Add(time.Second).UnixNano(), 10)
	var wg sync.WaitGroup
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := childCommand(t, "concurrent", path, fmt.Sprintf("writer%d", i))
			cmd.Env = append(cmd.Env, "ETHICSDESK_TEST_START="+start)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			results[i] = result{refs: strings.Fields(string(out)), stderr: stderr.String(), err: err}
		}()
	}
	wg.Wait()
	var all []string
	seen := map[string]bool{}
	for i, r := range results {
		if r.err != nil || strings.Contains(strings.ToLower(r.stderr), "locked") {
			t.Fatalf("writer %d failed: %v: %s", i, r.err, r.stderr)
		}
		if len(r.refs) != concurrentCases {
			t.Fatalf("writer %d reported %d cases saved, want %d", i, len(r.refs), concurrentCases)
		}
		for _, ref := range r.refs {
			if seen[ref] {
				t.Fatalf("reference %s handed out twice", ref)
			}
			seen[ref] = true
		}
		all = append(all, r.refs...)
	}
	verifyAcknowledged(t, path, all)
	t.Logf("two processes saved %d and %d cases", len(results[0].refs), len(results[1].refs))
}
