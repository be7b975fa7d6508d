package cli

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/app"
	"ethicsdesk/demo"
)

// The window opens on the committee server as on a file: the register
// the signed-in user may see, loaded through the server.
func TestTheWindowOpensOnTheCommitteeServer(t *testing.T) {
	end := time.Date(2026, 11, 24, 12, 0, 0, 0, time.Local)
	db, path := seededRegister(t, demo.SeedOptions{Cases: 120, Notes: 120, Seed: 3, End: end, Opinions: 1})
	db.Close()
	t.Setenv(app.PasswordEnv, demo.DemoPassword)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	url, fp := startServer(t, path)

	a := test.NewTempApp(t)
	if _, err := openServerWindow(a, url, strings.Repeat("00:", 31)+"00", ""); err == nil ||
		!strings.Contains(err.Error(), "does not present a committee root with the fingerprint") {
		t.Fatalf("a wrong fingerprint: %v", err)
	}
	w, err := openServerWindow(a, url, fp, "secretary")
	if err != nil {
		t.Fatal(err)
	}
	// The window loads the register in the background, and under the Fyne
	// test driver its updates run on the loading goroutines: the test reads
	// only labels in plain containers (no widget renderers, no resizing), so
	// it shares no renderer cache with them. The count under the table says
	// how many cases the server sent.
	deadline := time.Now().Add(20 * time.Second)
	for {
		texts := strings.Join(labels(w.win.Content()), "\n")
		if strings.Contains(texts, "120 cases") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the register did not count the server's cases; the window reads:\n%s", texts)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !strings.Contains(w.win.Title(), strings.TrimPrefix(url, "https://")) {
		t.Errorf("the title %q does not say which server the window works on", w.win.Title())
	}
}

func labels(o fyne.CanvasObject) []string {
	var out []string
	var visit func(o fyne.CanvasObject)
	visit = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch c := o.(type) {
		case *widget.Label:
			out = append(out, c.Text)
		case *fyne.Container:
			for _, child := range c.Objects {
				visit(child)
			}
		}
	}
	visit(o)
	return out
}
