package ui

import (
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/assets"
)

// shownTexts lists every text a user reads in o: labels, buttons, check
// boxes, choosers, hints in empty boxes, rich text and drawn text.
func shownTexts(o fyne.CanvasObject) []string {
	var out []string
	visitVisible(o, func(o fyne.CanvasObject) bool {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
			return false
		case *widget.Button:
			out = append(out, w.Text)
			return false
		case *widget.Check:
			out = append(out, w.Text)
			return false
		case *widget.Select:
			if w.Selected == "" {
				out = append(out, w.PlaceHolder)
			} else {
				out = append(out, w.Selected)
			}
			return false
		case *widget.Entry:
			if w.Text == "" {
				out = append(out, w.PlaceHolder)
			}
			return false
		case *widget.RichText:
			out = append(out, w.String())
			return false
		case *canvas.Text:
			out = append(out, w.Text)
		}
		return true
	})
	return out
}

// englishWord finds a word of English: three Latin letters or more.
var englishWord = regexp.MustCompile(`[A-Za-z]{3,}`)

// notEnglish are the Latin words a Chinese screen may show: the names of the
// test's people and case, units, file types and the app's own identifiers.
var notEnglish = map[string]bool{
	"Chen": true, "Jie": true, "Wang": true, "Fang": true, "Prof": true, "Administrator": true, "test": true,
	"Metro": true, "GateFace": true, "Face": true, "Faces": true, "Zhang": true, "Wei": true, "PDF": true,
	"PKCS": true, "UTC": true, "SHA": true, "English": true, "YYYY": true, "ethicsdesk": true, "demo": true,
	// the test case's title and summary, and the test committee's name
	"data": true, "kept": true, "without": true, "consent": true, "are": true, "said": true, "stored": true,
	"Artificial": true, "Intelligence": true, "Ethics": true, "Committee": true, "Root": true,
}

// englishOn lists the English words shown in o, with the text holding each.
func englishOn(o fyne.CanvasObject, allowed ...string) []string {
	ok := map[string]bool{}
	for _, a := range allowed {
		ok[a] = true
	}
	if o == nil {
		return []string{"(nothing to walk)"}
	}
	var found []string
	for _, s := range shownTexts(o) {
		if strings.Contains(s, "EC-20") || strings.HasSuffix(s, ".db") {
			continue // a reference or a file name
		}
		for _, w := range englishWord.FindAllString(s, -1) {
			if !notEnglish[w] && !ok[w] {
				found = append(found, w+" in "+strings.ReplaceAll(s, "\n", " "))
			}
		}
	}
	sort.Strings(found)
	return found
}

// A Chinese reader walks the screens of the window — the register, a case,
// the intake form, the opinion editor, the settings and their tabs, users,
// signing keys, the audit log, meetings and the verify window — and finds
// no English but names and references.
func TestEveryScreenSpeaksChinese(t *testing.T) {
	w := newOpinionWorld(t)
	t.Cleanup(func() {
		os.Setenv("LANG", "en_US.UTF-8")
		assets.UseLanguage("")
	})
	if err := assets.UseLanguage("zh-Hans"); err != nil {
		t.Fatal(err)
	}
	check := func(screen string, o fyne.CanvasObject, allowed ...string) {
		t.Helper()
		w.settle()
		if words := englishOn(o, allowed...); len(words) > 0 {
			t.Errorf("%s shows English:\n  %s", screen, strings.Join(words, "\n  "))
		}
	}
	ad := w.deskFor(w.admin)
	r := ad.openRegister()
	check("the register", r.win.Content())
	s := ad.openSettings()
	w.settle()
	for i, tab := range s.tabs.Items {
		s.tabs.SelectIndex(i)
		check("Settings › "+tab.Text, tab.Content, "Shenzhen")
	}
	check("the users", ad.openUsers().win.Content(), "admin", "chen", "wang") // user names
	w.settle()
	check("the signing keys", ad.openKeys().win.Content())
	// The audit log reads in words; the recorded values behind "Show the
	// recorded values" are the stored record, codes and JSON, as stored.
	// (test.import is the code of the test's own fixture action.)
	check("the audit log", ad.openAudit().win.Content(), "admin", "chen", "wang", "rapp", "sec", "import")
	w.settle()
	check("the meetings", ad.openMeetings().win.Content())
	w.settle()
	check("the verify window", ad.openVerify().win.Content())
	w.settle()
	// The classification codes' names are the committee's own data (the
	// catalogue a committee keeps in its language); this one is English.
	check("the statistics", r.showStatistics().win.Content(), "Land", "transport")
	w.settle()

	rd := w.deskFor(w.rapp)
	cw := rd.openCase(w.caseID)
	w.settle()
	w.settle() // the case's buttons come with the service's answers
	check("the case window", cw.win.Content())
	check("the case's history", cw.openHistory().win.Content())
	w.settle()
	test.Tap(cw.opinion)
	w.settle()
	check("the opinion editor", rd.opinionWins[w.caseID].win.Content())
	check("the intake form", rd.openIntake(nil).win.Content())
}
