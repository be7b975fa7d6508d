package safefile

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// registerBytes is the start of a SQLite file marked as a register.
func registerBytes() []byte {
	b := make([]byte, 4096)
	copy(b, "SQLite format 3\x00")
	b[68], b[69], b[70], b[71] = 0x45, 0x44, 0x53, 0x4b
	return b
}

func setup(t *testing.T) (dir, reg string, opt Options) {
	t.Helper()
	dir = t.TempDir()
	reg = filepath.Join(dir, "register.db")
	if err := os.WriteFile(reg, registerBytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(reg+"-wal", []byte("wal"), 0o600)
	os.WriteFile(reg+"-shm", []byte("shm"), 0o600)
	backups := filepath.Join(dir, "backups")
	os.Mkdir(backups, 0o700)
	os.WriteFile(filepath.Join(backups, "old.txt"), []byte("kept"), 0o600)
	return dir, reg, Options{Guard: Guard{Register: reg, BackupDir: backups}}
}

func unchanged(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("%s changed (%v)", path, err)
	}
}

func noTemps(t *testing.T, dir string) {
	t.Helper()
	left, _ := filepath.Glob(filepath.Join(dir, TempPrefix+"*"))
	if len(left) > 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}

func TestRefusesTheRegisterItsCompanionsAndBackupsEvenWhenReplacing(t *testing.T) {
	dir, reg, opt := setup(t)
	os.Symlink(reg, filepath.Join(dir, "link.db"))
	os.Link(reg, filepath.Join(dir, "hardlink.db"))
	other := filepath.Join(dir, "other-register.db")
	os.WriteFile(other, registerBytes(), 0o600)
	for _, replace := range []bool{false, true} {
		opt.Replace = replace
		for _, target := range []string{reg, reg + "-wal", reg + "-shm", reg + ".lock", filepath.Join(dir, ".", "register.db"),
			filepath.Join(dir, "link.db"), filepath.Join(dir, "hardlink.db"), filepath.Join(dir, "backups", "old.txt"), other,
			filepath.Join(dir, "backups")} {
			before, _ := os.ReadFile(target)
			err := WriteBytes(target, []byte("%PDF-1.7 report"), opt)
			var refused *RefusedError
			if !errors.As(err, &refused) || !strings.Contains(err.Error(), "Nothing was written") {
				t.Fatalf("writing onto %s (replace %v): %v", target, replace, err)
			}
			if fi, err := os.Stat(target); err == nil && !fi.IsDir() {
				unchanged(t, target, before)
			}
		}
	}
	unchanged(t, reg, registerBytes())
	noTemps(t, dir)
}

func TestExistingFileNeedsReplace(t *testing.T) {
	dir, _, opt := setup(t)
	out := filepath.Join(dir, "report.pdf")
	os.WriteFile(out, []byte("last year's report"), 0o644)
	err := WriteBytes(out, []byte("new"), opt)
	var exists *ExistsError
	if !errors.As(err, &exists) || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("an existing file was not refused: %v", err)
	}
	unchanged(t, out, []byte("last year's report"))
	opt.Replace = true
	if err := WriteBytes(out, []byte("new"), opt); err != nil {
		t.Fatal(err)
	}
	unchanged(t, out, []byte("new"))
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
		t.Fatalf("the written file is %v, not readable by its owner only", fi.Mode().Perm())
	}
	// A new file in the backup folder is fine (a new backup).
	opt.Replace = false
	if err := WriteBytes(filepath.Join(dir, "backups", "new.db"), []byte("x"), opt); err != nil {
		t.Fatal(err)
	}
	noTemps(t, dir)
}

// failingWriter writes part of the data and then fails as a full disk does.
func TestAFailedWriteLeavesNoPartialFile(t *testing.T) {
	dir, _, opt := setup(t)
	out := filepath.Join(dir, "export.csv")
	err := Write(out, opt, func(w io.Writer) error {
		if _, err := w.Write(bytes.Repeat([]byte("reference,title\n"), 1000)); err != nil {
			return err
		}
		return &os.PathError{Op: "write", Path: out, Err: syscall.ENOSPC}
	})
	if err == nil || !strings.Contains(err.Error(), "the disk is full") {
		t.Fatalf("a failed write: %v", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a partial file was left under the name asked for")
	}
	noTemps(t, dir)
	// Replacing: the old file stays whole.
	os.WriteFile(out, []byte("the previous export"), 0o600)
	opt.Replace = true
	Write(out, opt, func(w io.Writer) error {
		w.Write([]byte("half"))
		return errors.New("interrupted")
	})
	unchanged(t, out, []byte("the previous export"))
	noTemps(t, dir)
}

func TestRemoveStaleKeepsFilesStillBeingWritten(t *testing.T) {
	dir := t.TempDir()
	live, err := Temp(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	dead := filepath.Join(dir, TempPrefix+"12345")
	os.WriteFile(dead, []byte("left by a killed export"), 0o600)
	os.WriteFile(dead+"-wal", []byte("wal"), 0o600)
	mine := filepath.Join(dir, "mine.txt")
	os.WriteFile(mine, []byte("the user's"), 0o600)
	RemoveStale(dir)
	if _, err := os.Stat(dead); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a dead writer's temporary file was kept")
	}
	if _, err := os.Stat(dead + "-wal"); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a dead writer's -wal file was kept")
	}
	if _, err := os.Stat(live.Name()); err != nil {
		t.Fatal("a temporary file still being written was removed")
	}
	unchanged(t, mine, []byte("the user's"))
}

// TestHelperDiesWhileWriting is the writer the next test kills: it starts
// a file, prints the temporary name and waits to be killed.
func TestHelperDiesWhileWriting(t *testing.T) {
	dir := os.Getenv("SAFEFILE_TEST_DIE_IN")
	if dir == "" {
		return // only as the helper process
	}
	Write(filepath.Join(dir, "export.csv"), Options{}, func(w io.Writer) error {
		w.Write([]byte("reference,title\n"))
		f := w.(*os.File)
		os.Stdout.WriteString(f.Name() + "\n")
		select {} // killed here
	})
}

// Item 13: a writer killed with SIGKILL leaves its temporary file, and the
// next start (RemoveStale) removes it.
func TestATempFileOfAKilledWriterIsRemovedNextTime(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperDiesWhileWriting$")
	cmd.Env = append(os.Environ(), "SAFEFILE_TEST_DIE_IN="+dir)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	name, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	name = strings.TrimSpace(name)
	RemoveStale(dir) // while the writer lives, its file stays
	if _, err := os.Stat(name); err != nil {
		t.Fatal("a live writer's temporary file was removed")
	}
	cmd.Process.Kill()
	cmd.Wait()
	if _, err := os.Stat(name); err != nil {
		t.Fatalf("setup: the killed writer left nothing: %v", err)
	}
	RemoveStale(dir)
	if _, err := os.Stat(name); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("the killed writer's temporary file was kept")
	}
	if _, err := os.Stat(filepath.Join(dir, "export.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a partial export appeared under its name")
	}
}
