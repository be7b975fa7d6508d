package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
)

// A long export or report runs behind a progress bar whose Cancel button
// stops it; the window says nothing was saved.
func TestLongWorkShowsProgressAndCanBeCancelled(t *testing.T) {
	h := newHarness(t, Options{})
	r := h.d.openRegister()
	r.win.Show()
	h.settle()
	started := make(chan struct{})
	runCancellable(h.d, r.win, "Exporting…", func(ctx context.Context, progress func(float64)) (string, error) {
		progress(1)
		close(started)
		<-ctx.Done()
		return "", ctx.Err()
	})
	<-started
	top := r.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no progress dialog")
	}
	cancel := findButton(top, "Cancel")
	if cancel == nil {
		t.Fatalf("no Cancel button in %v", labelTexts(top))
	}
	test.Tap(cancel)
	h.settle()
	top = r.win.Canvas().Overlays().Top()
	if top == nil || !contains(labelTexts(top), "Cancelled: nothing was saved.") {
		t.Fatal("cancelling did not say that nothing was saved")
	}
}
