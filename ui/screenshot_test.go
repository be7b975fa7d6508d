package ui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

// TestScreenshots renders the register (about 200 cases), a case window
// and the intake form to PNG files so a person can look at them:
//
//	UI_SCREENSHOTS=/tmp LANG=en_US.UTF-8 go test -tags "sqlite_fts5 migrated_fynedo" -run Screenshots ./ui/
//
// It is skipped unless UI_SCREENSHOTS names a directory.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("UI_SCREENSHOTS")
	if dir == "" {
		t.Skip("set UI_SCREENSHOTS=DIR to write screenshots")
	}
	h := newHarness(t, Options{Demo: true})
	h.app.Settings().SetTheme(theme.DefaultTheme())
	seedVaried(t, h, 200)
	h.d.types, _ = h.svc.CaseTypes(context.Background())

	r := h.d.openRegister()
	r.win.Show()
	h.settle()
	capture(t, r.win, filepath.Join(dir, "ethicsdesk-register.png"))
	r.sortBy(5) // Due, soonest first: the overdue cases
	h.settle()
	capture(t, r.win, filepath.Join(dir, "ethicsdesk-register-due.png"))
	r.sortBy(0)
	h.settle()

	r.table.Select(widgetCell(3))
	cw := h.d.openCase(mustRow(t, r, 3).ID)
	h.settle()
	cw.win.Show()
	capture(t, cw.win, filepath.Join(dir, "ethicsdesk-case.png"))

	f := h.d.openIntake(nil)
	tapSave(f)
	capture(t, f.win, filepath.Join(dir, "ethicsdesk-intake.png"))
}

func capture(t *testing.T, w fyne.Window, path string) {
	t.Helper()
	img := w.Canvas().Capture()
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if err := png.Encode(out, img); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}

func mustRow(t *testing.T, r *registerWindow, i int) cases.Row {
	row, ok := r.model.row(i)
	if !ok {
		t.Fatalf("row %d not loaded", i)
	}
	return row
}

// seedVaried registers n cases spread over three months, some accepted
// long ago (overdue), some recently (due soon), some awaiting information.
func seedVaried(t *testing.T, h *harness, n int) {
	ctx := context.Background()
	titles := []string{
		"Face recognition at metro gates stores images without consent",
		"Credit scoring model refuses loans to gig workers",
		"Request for guidance: low-risk AI triage trial at Nanshan hospital",
		"Deep-synthesis video of a district official circulated on social media",
		"Ride-hailing app charges returning customers higher fares",
		"Use of shared government data to train a traffic prediction model",
		"Exam proctoring software flags students with disabilities",
		"Chatbot gives unsafe medication advice",
		"Recruitment screening tool filters out applicants over 45",
		"Smart-home voice assistant records conversations in the nursery",
	}
	types := []string{"privacy_complaint", "ethics_complaint", "guidance_request"}
	sectors := []cases.Sector{"transport", "finance", "healthcare", "media", "retail", "public_services", "education", "healthcare", "employment", "other"}
	codes := []string{"G54", "J66", "Q84", "R86", "F52", "S92", "P83", "Q84", "I65", "I64"}
	rapporteurs := []string{"", "Dr. Wang Fang", "Prof. Liu Yang", ""}
	_ = rapporteurs
	base := time.Date(2026, 1, 5, 9, 0, 0, 0, time.Local)
	for i := 0; i < n; i++ {
		at := base.Add(time.Duration(i) * 7 * time.Hour)
		h.clock.set(at)
		d := validDraft(i)
		d.Title = titles[i%len(titles)]
		if i%7 == 0 {
			d.Title += " — second submission concerning the same operator and its subcontractors in three districts"
		}
		d.TypeCode = types[i%3]
		d.Sector = sectors[i%len(sectors)]
		d.CatalogueCode = codes[i%len(codes)]
		d.Risk = cases.AllRisks[i%3]
		d.ReceivedOn = cases.DateOf(at.AddDate(0, 0, -2))
		c, err := h.svc.CreateCase(ctx, secretary, d)
		if err != nil {
			t.Fatal(err)
		}
		steps := []cases.Status{cases.Screening, cases.UnderReview}
		switch i % 5 {
		case 0:
			steps = nil
		case 1:
			steps = steps[:1]
		case 3:
			steps = append(steps, cases.AwaitingInfo)
		}
		for _, to := range steps {
			if c, err = h.svc.Transition(ctx, secretary, c.ID, c.Version, to, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	h.clock.set(time.Date(2026, 3, 10, 9, 0, 0, 0, time.Local))
	if _, err := h.svc.RecomputeDeadlines(ctx); err != nil {
		t.Fatal(err)
	}
}

func widgetCell(row int) widget.TableCellID { return widget.TableCellID{Row: row} }

func tapSave(f *caseForm) { f.submit() }
