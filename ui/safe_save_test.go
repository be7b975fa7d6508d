package ui

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"fyne.io/fyne/v2/storage"

	"ethicsdesk/cases"
	"ethicsdesk/internal/safefile"
)

// Choosing the register in a save dialog must not empty it: Fyne's own file
// writer truncates the file before the dialog calls back, so the window's
// writers open nothing until written to, and every save goes through
// safefile, which refuses the register and its companions.
func TestSaveDialogsCannotEmptyOrOverwriteTheRegister(t *testing.T) {
	h := newHarness(t, Options{})
	h.seed(3)
	path := h.d.opt.DBPath
	before, err := os.ReadFile(path)
	if err != nil || len(before) == 0 {
		t.Fatalf("setup: %v", err)
	}
	// What the save dialog does with the chosen file before calling back.
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	if w.URI().Path() != path {
		t.Fatalf("the writer is for %s", w.URI().Path())
	}
	w.Close()
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatalf("choosing the register in a save dialog changed it (%d bytes, was %d)", len(after), len(before))
	}
	for _, target := range []string{path, path + "-wal", path + "-shm"} {
		var refused *safefile.RefusedError
		if err := safefile.WriteBytes(target, []byte("%PDF-1.7 minutes"), h.d.saveOptions()); !errors.As(err, &refused) {
			t.Fatalf("a save onto %s: %v", target, err)
		}
	}
	if rows, err := h.svc.ListCases(t.Context(), secretary, cases.Query{}, 0, 10); err != nil || len(rows) != 3 {
		t.Fatalf("the register no longer reads: %v", err)
	}
}
