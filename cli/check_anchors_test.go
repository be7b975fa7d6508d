package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"ethicsdesk/demo"
	"ethicsdesk/store"
)

// anchoredRegister is a closed demo register with two issued opinions
// (each signed by a rapporteur and countersigned by the chair, so with
// printed audit heads and signed checkpoints), made once per test binary
// and copied for each tampering.
var anchoredRegister string

// TestMain removes the shared register once every test has run.
func TestMain(m *testing.M) {
	code := m.Run()
	if anchoredRegister != "" {
		os.RemoveAll(filepath.Dir(anchoredRegister))
	}
	os.Exit(code)
}

func anchoredCopy(t *testing.T) string {
	t.Helper()
	if anchoredRegister == "" {
		db, path := seededRegister(t, demo.SeedOptions{Cases: 80, Notes: 160, Seed: 3, Opinions: 2,
			End: time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)})
		db.Close()
		dir, err := os.MkdirTemp("", "anchored")
		if err != nil {
			t.Fatal(err)
		}
		anchoredRegister = filepath.Join(dir, "register.db")
		copyFile(t, path, anchoredRegister)
	}
	path := filepath.Join(t.TempDir(), "register.db")
	copyFile(t, anchoredRegister, path)
	return path
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// tamper runs SQL on the file as an attacker with the sqlite3 shell would:
// a plain connection, none of the application's functions or triggers.
// The attacker of these tests drops a safeguard trigger to change a row,
// then puts it back as it was, so that the file's triggers are Ethics
// Desk's again (check names a trigger left missing; see store's
// TestCheckNamesSafeguardTriggersRemovedOrRewritten).
func tamper(t *testing.T, path string, stmts ...string) {
	t.Helper()
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	kept := triggersOf(t, raw)
	for _, q := range stmts {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	putBackTriggers(t, raw, kept)
}

// triggersOf is every trigger of the file with its statement.
func triggersOf(t *testing.T, raw *sql.DB) map[string]string {
	t.Helper()
	rows, err := raw.Query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, stmt string
		if err := rows.Scan(&name, &stmt); err != nil {
			t.Fatal(err)
		}
		out[name] = stmt
	}
	return out
}

// putBackTriggers creates again, as they were, the triggers of kept that
// the file no longer has.
func putBackTriggers(t *testing.T, raw *sql.DB, kept map[string]string) {
	t.Helper()
	now := triggersOf(t, raw)
	for name, stmt := range kept {
		if _, ok := now[name]; !ok {
			if _, err := raw.Exec(stmt); err != nil {
				t.Fatalf("putting back the trigger %s: %v", name, err)
			}
		}
	}
}

func runCheck(path string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run([]string{"check", "--db", path}, &out, &errOut)
	return code, out.String(), errOut.String()
}

func expectCheckFails(t *testing.T, path string, wants ...string) {
	t.Helper()
	code, out, errOut := runCheck(path)
	if code == 0 {
		t.Fatalf("check calls the tampered register sound: %s", out)
	}
	for _, w := range wants {
		if !strings.Contains(errOut, w) {
			t.Errorf("check does not say %q:\n%s", w, errOut)
		}
	}
}

func TestCheckOfASeededRegisterComparesEveryAnchor(t *testing.T) {
	path := anchoredCopy(t)
	code, out, errOut := runCheck(path)
	if code != 0 {
		t.Fatalf("check of a fresh seeded register fails:\n%s", errOut)
	}
	// 2 opinions × (rapporteur + chair) signatures and 3 keys issued, each
	// a checkpoint; 2 printed heads.
	for _, want := range []string{"7 signed checkpoint(s) and 2 audit head(s)", "is sound"} {
		if !strings.Contains(out, want) {
			t.Errorf("check does not say %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "could not be compared") {
		t.Errorf("a fresh register has rows check cannot compare:\n%s", out)
	}
}

func TestCheckFindsTheTailOfTheAuditLogCutOff(t *testing.T) {
	path := anchoredCopy(t)
	tamper(t, path, "DROP TRIGGER audit_log_no_delete",
		"DELETE FROM audit_log WHERE seq > (SELECT MAX(seq) - 40 FROM audit_log)")
	expectCheckFails(t, path, "entries were cut off")
}

func TestCheckFindsEveryAuditEntryDeleted(t *testing.T) {
	path := anchoredCopy(t)
	tamper(t, path, "DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log")
	expectCheckFails(t, path, "entries were cut off", "was written into the file without any audit entry")
}

// TestCheckFindsTheChainRewrittenWithRecomputedHashes: the attacker changes
// an early entry and recomputes every later hash, so the chain links; the
// signed checkpoints and the heads printed on the opinions no longer match.
func TestCheckFindsTheChainRewrittenWithRecomputedHashes(t *testing.T) {
	path := anchoredCopy(t)
	rewriteChain(t, path, 9, func(e *auditRow) {
		if e.seq == 9 {
			e.actor = "Someone else"
		}
	})
	expectCheckFails(t, path, "the audit log was rewritten")
	code, _, errOut := runCheck(path)
	if code == 0 || strings.Contains(errOut, "was altered after it was written") {
		t.Fatalf("the recomputed chain should link; check should catch it by its anchors:\n%s", errOut)
	}
}

// TestCheckOfARegisterFromBeforeFingerprints: a register whose entries
// carry no row fingerprints (written by an earlier version) is sound; check
// says how many rows it could not compare. Made here from a register
// without opinions by stripping the fingerprints and recomputing the
// hashes as that version did, and setting the baseline migration 0009
// records on upgrade.
func TestCheckOfARegisterFromBeforeFingerprints(t *testing.T) {
	db, path := seededRegister(t, demo.SeedOptions{Cases: 40, Notes: 80, Seed: 5, Opinions: 0,
		End: time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)})
	db.Close()
	tamper(t, path, "DROP TRIGGER fingerprint_baseline_fixed_update",
		`UPDATE fingerprint_baseline SET max_id = CASE entity WHEN 'case' THEN (SELECT MAX(id) FROM cases)
			WHEN 'note' THEN (SELECT MAX(id) FROM notes) WHEN 'user' THEN (SELECT MAX(id) FROM users) ELSE 0 END`)
	rewriteChain(t, path, 1, func(e *auditRow) { e.fingerprint = "" })
	code, out, errOut := runCheck(path)
	if code != 0 || !strings.Contains(out, "rows were last written before this version fingerprinted rows") {
		t.Fatalf("check of an older register: %d\n%s\n%s", code, out, errOut)
	}
	// Their rows cannot be compared, but a row the log never mentioned is
	// still found.
	tamper(t, path, "INSERT INTO users (username, role, password_hash, created_at) VALUES ('mallory', 'administrator', 'x', '2026-01-01')")
	expectCheckFails(t, path, "account mallory was written into the file without any audit entry")
}

// auditRow is one audit entry as an attacker with the file reads it.
type auditRow struct {
	seq, actorID, entityID                                      int64
	at, actor, action, entity, before, after, prev, fingerprint string
}

// rewriteChain edits the entries from seq from on and recomputes their
// links and hashes, as anyone can who knows the (public) hash format.
func rewriteChain(t *testing.T, path string, from int64, edit func(*auditRow)) {
	t.Helper()
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	kept := triggersOf(t, raw)
	defer putBackTriggers(t, raw, kept)
	if _, err := raw.Exec("DROP TRIGGER IF EXISTS audit_log_no_update"); err != nil {
		t.Fatal(err)
	}
	rows, err := raw.Query("SELECT seq, at, actor_id, actor, action, entity, entity_id, before, after, prev_hash, fingerprints FROM audit_log WHERE seq >= ?1 ORDER BY seq", from)
	if err != nil {
		t.Fatal(err)
	}
	var all []auditRow
	for rows.Next() {
		var e auditRow
		if err := rows.Scan(&e.seq, &e.at, &e.actorID, &e.actor, &e.action, &e.entity, &e.entityID, &e.before, &e.after, &e.prev, &e.fingerprint); err != nil {
			t.Fatal(err)
		}
		all = append(all, e)
	}
	rows.Close()
	prev := all[0].prev
	for _, e := range all {
		edit(&e)
		fields := []any{e.seq, e.at, e.actorID, e.actor, e.action, e.entity, e.entityID, e.before, e.after, prev}
		if e.fingerprint != "" {
			fields = append(fields, e.fingerprint)
		}
		b, _ := json.Marshal(fields)
		sum := sha256.Sum256(b)
		hash := hex.EncodeToString(sum[:])
		if _, err := raw.Exec("UPDATE audit_log SET actor = ?1, fingerprints = ?2, prev_hash = ?3, hash = ?4 WHERE seq = ?5",
			e.actor, e.fingerprint, prev, hash, e.seq); err != nil {
			t.Fatal(err)
		}
		prev = hash
	}
}

func TestCheckFindsRowsEditedInTheFile(t *testing.T) {
	for _, c := range []struct {
		name  string
		stmts []string
		want  string
	}{
		{"case title", []string{"DROP TRIGGER search_case_update", "UPDATE cases SET title = 'Quietly changed' WHERE id = 7"}, "was changed in the file without an audit entry"},
		{"submitter", []string{"UPDATE cases SET submitter_name = 'Someone' WHERE id = 9"}, "was changed in the file without an audit entry"},
		{"note body", []string{"DROP TRIGGER search_note_update", "UPDATE notes SET body = 'Quietly changed' WHERE id = 3"}, "note 3 on case"},
		{"note private", []string{"DROP TRIGGER search_note_update", "UPDATE notes SET private = 1 - private WHERE id = 4"}, "note 4 on case"},
		{"opinion decision", []string{"DROP TRIGGER opinions_issued_frozen", "UPDATE opinions SET decision = 'reject' WHERE id = 1"}, "opinion 1 of case"},
		{"account role", []string{"UPDATE users SET role = 'administrator' WHERE username = 'secretary'"}, "account secretary was changed"},
		{"account added", []string{"INSERT INTO users (username, role, password_hash, created_at) VALUES ('mallory', 'administrator', 'x', '2026-01-01')"},
			"account mallory was written into the file without any audit entry"},
		{"note deleted", []string{"DROP TRIGGER search_note_delete", "DELETE FROM notes WHERE id = 5"}, "note 5 was removed from the file without an audit entry"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := anchoredCopy(t)
			if code, _, errOut := runCheck(path); code != 0 {
				t.Fatalf("untouched copy fails: %s", errOut)
			}
			tamper(t, path, c.stmts...)
			expectCheckFails(t, path, c.want)
		})
	}
}

func TestCheckFindsAnIssuedOpinionsPDFDamaged(t *testing.T) {
	path := anchoredCopy(t)
	// One byte of the stored PDF changed: no longer the SHA-256 taken at issue.
	tamper(t, path, "DROP TRIGGER opinions_issued_frozen",
		"UPDATE opinions SET pdf = CAST(replace(CAST(pdf AS TEXT), '/Type /Page', '/Type /Pagf') AS BLOB) WHERE id = 1")
	expectCheckFails(t, path, "opinion 1 of case", "its stored PDF is damaged")
	// The same file offered as a backup is refused by the backup check
	// that restore runs.
	if problems, err := store.VerifyBackup(context.Background(), path); err != nil || !strings.Contains(strings.Join(problems, "\n"), "its stored PDF is damaged") {
		t.Errorf("the backup check accepts a damaged opinion: %v %v", problems, err)
	}

	// Changed and its SHA-256 recomputed: the signatures no longer verify.
	path = anchoredCopy(t)
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	var pdf []byte
	if err := raw.QueryRow("SELECT pdf FROM opinions WHERE id = 2").Scan(&pdf); err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(pdf, []byte("/Type /Page"))
	if i < 0 {
		t.Fatal("no page object in the stored opinion")
	}
	pdf[i+10] = 'f'
	sum := sha256.Sum256(pdf)
	if _, err := raw.Exec("DROP TRIGGER opinions_issued_frozen"); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec("UPDATE opinions SET pdf = ?1, pdf_sha256 = ?2 WHERE id = 2", pdf, hex.EncodeToString(sum[:])); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	expectCheckFails(t, path, "opinion 2 of case", "is not valid")
}

func TestAuditLogRefusesReplaceAndOutOfOrderInserts(t *testing.T) {
	path := anchoredCopy(t)
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var head int64
	var headHash string
	if err := raw.QueryRow("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").Scan(&head, &headHash); err != nil {
		t.Fatal(err)
	}
	cols := "(seq, at, actor_id, actor, action, entity, entity_id, before, after, prev_hash, hash)"
	for name, q := range map[string]string{
		"REPLACE INTO an entry": "REPLACE INTO audit_log " + cols + " SELECT seq, at, actor_id, 'Someone else', action, entity, entity_id, before, after, prev_hash, hash FROM audit_log WHERE seq = 5",
		"INSERT OR REPLACE":     "INSERT OR REPLACE INTO audit_log " + cols + " SELECT seq, at, actor_id, actor, action, entity, entity_id, before, 'null', prev_hash, hash FROM audit_log WHERE seq = ?1",
		"a gap":                 "INSERT INTO audit_log " + cols + " VALUES (?1 + 2, 'x', 0, 'x', 'x', 'x', 0, 'null', 'null', '" + headHash + "', 'x')",
		"a foreign link":        "INSERT INTO audit_log " + cols + " VALUES (?1 + 1, 'x', 0, 'x', 'x', 'x', 0, 'null', 'null', 'abcd', 'x')",
	} {
		args := []any{}
		if strings.Contains(q, "?1") {
			args = append(args, head)
		}
		if _, err := raw.Exec(q, args...); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", name, err)
		}
	}
	raw.Close()
	if code, _, errOut := runCheck(path); code != 0 {
		t.Fatalf("refused statements changed the register: %s", errOut)
	}
}

// TestCheckNamesEachTamperedColumnOfAnEntry: with the triggers dropped,
// changing any stored field of one entry is named by check.
func TestCheckNamesEachTamperedColumnOfAnEntry(t *testing.T) {
	for col, value := range map[string]string{
		"at": "'2020-01-01T00:00:00.000000Z'", "actor_id": "actor_id + 1", "actor": "'Someone else'",
		"action": "'case.update'", "entity": "'note'", "entity_id": "entity_id + 1", "before": "'{}'",
		"after": "'{\"title\":\"x\"}'", "prev_hash": "hash", "hash": "prev_hash", "fingerprints": "'{}'",
	} {
		t.Run(col, func(t *testing.T) {
			path := anchoredCopy(t)
			tamper(t, path, "DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET "+col+" = "+value+" WHERE seq = 12")
			expectCheckFails(t, path, "entry 12")
		})
	}
}

// TestCheckFindsAForgedEntry: an entry appended with the triggers dropped,
// linked to a hash that is not the head's and with its own hash correctly
// computed.
func TestCheckFindsAForgedEntry(t *testing.T) {
	path := anchoredCopy(t)
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	var head int64
	if err := raw.QueryRow("SELECT MAX(seq) FROM audit_log").Scan(&head); err != nil {
		t.Fatal(err)
	}
	foreign := strings.Repeat("ab", 32)
	seq := head + 1
	b, _ := json.Marshal([]any{seq, "2026-11-24T12:00:00.000000Z", int64(1), "Admin", "user.update", "user", int64(1), "null", "null", foreign})
	sum := sha256.Sum256(b)
	if _, err := raw.Exec("DROP TRIGGER audit_log_append_only"); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO audit_log (seq, at, actor_id, actor, action, entity, entity_id, before, after, prev_hash, hash)
		VALUES (?1, '2026-11-24T12:00:00.000000Z', 1, 'Admin', 'user.update', 'user', 1, 'null', 'null', ?2, ?3)`, seq, foreign, hex.EncodeToString(sum[:])); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	expectCheckFails(t, path, fmt.Sprintf("audit entry %d does not link", seq))
}

func TestCheckFindsAnAlteredCheckpoint(t *testing.T) {
	path := anchoredCopy(t)
	tamper(t, path, "DROP TRIGGER audit_checkpoints_no_update",
		"UPDATE audit_checkpoints SET seq = seq - 1, hash = (SELECT hash FROM audit_log WHERE audit_log.seq = audit_checkpoints.seq - 1) WHERE id = 1")
	expectCheckFails(t, path, "checkpoint 1", "signature does not match")
}

// TestCheckAgainstAHeldOpinionFindsARewoundRegister: a register replaced by
// an older copy of itself agrees with itself; the opinion issued since,
// kept outside (e-mailed to the submitter), prints a head the old copy
// does not reach, and `check --against` says so.
func TestCheckAgainstAHeldOpinionFindsARewoundRegister(t *testing.T) {
	end := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	db, path := seededRegister(t, demo.SeedOptions{Cases: 100, Notes: 100, Seed: 3, Opinions: 1, End: end})
	db.Close()
	old := filepath.Join(t.TempDir(), "old.db")
	copyFile(t, path, old)
	if code, out, errOut := runCheck(old); code != 0 {
		t.Fatalf("the older copy is not sound: %s %s", out, errOut)
	}
	db, path = reseed(t, path, demo.SeedOptions{Cases: 100, Notes: 100, Seed: 4, Opinions: 1, End: end})
	db.Close()
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	var pdf []byte
	if err := raw.QueryRow("SELECT pdf FROM opinions WHERE state = 'issued' ORDER BY id DESC LIMIT 1").Scan(&pdf); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	held := filepath.Join(t.TempDir(), "opinion.pdf")
	if err := os.WriteFile(held, pdf, 0o600); err != nil {
		t.Fatal(err)
	}

	var out, errOut bytes.Buffer
	if code := run([]string{"check", "--db", path, "--against", held}, &out, &errOut); code != 0 ||
		!strings.Contains(out.String(), "The audit head of each of the 1 file(s) given with --against is in the chain") {
		t.Fatalf("check of the current register against its own opinion: %d %s %s", code, out.String(), errOut.String())
	}
	out.Reset()
	errOut.Reset()
	if code := run([]string{"check", "--db", old, "--against", held}, &out, &errOut); code == 0 ||
		!strings.Contains(errOut.String(), "the register was cut back or rewound") {
		t.Fatalf("check of the rewound register against the held opinion: %d %s %s", code, out.String(), errOut.String())
	}

	// The same with a backup made before the rewind, left untouched.
	backup := filepath.Join(t.TempDir(), "backup.db")
	out.Reset()
	errOut.Reset()
	if code := run([]string{"backup", "--db", path, "--out", backup}, &out, &errOut); code != 0 {
		t.Fatalf("backup: %s %s", out.String(), errOut.String())
	}
	before, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	out.Reset()
	errOut.Reset()
	if code := run([]string{"check", "--db", path, "--against", backup}, &out, &errOut); code != 0 {
		t.Fatalf("check of the register against its own backup: %d %s %s", code, out.String(), errOut.String())
	}
	if code := run([]string{"check", "--db", old, "--against", backup}, &out, &errOut); code == 0 ||
		!strings.Contains(errOut.String(), "reaches audit entry") {
		t.Fatalf("check of the rewound register against the backup: %d %s %s", code, out.String(), errOut.String())
	}
	if after, _ := os.ReadFile(backup); !bytes.Equal(before, after) {
		t.Fatal("check --against changed the backup")
	}
}

func reseed(t *testing.T, path string, opt demo.SeedOptions) (*store.DB, string) {
	t.Helper()
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Seed(context.Background(), db, opt); err != nil {
		t.Fatal(err)
	}
	return db, path
}
