package ui

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
)

var shortcutSave = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}

// opinionEditor is the window of one case's opinion: the rapporteur drafts
// it there, everyone who may see the case reads it, and the signers sign.
// A long opinion is many paragraphs, each its own small entry, so a
// keystroke re-wraps one paragraph and never the whole text.
type opinionEditor struct {
	d      *desk
	caseID int64
	win    fyne.Window

	c        cases.Case
	op       cases.Opinion // as loaded; op.Version guards the next save
	editable bool
	dirty    bool
	asked    opinionAnswers    // the service's answers, read with the opinion
	loading  fyne.CanvasObject // "Loading…", the content until the opinion first lands
	content  fyne.CanvasObject // the editor itself
	saving   bool              // a save is on its way: another waits for it

	heading  *widget.Label
	state    *widget.Label
	decision *pick
	decErr   fieldError
	language *documentLanguageChooser // the language the PDF is printed in
	rows     []*paraRow
	body     *fyne.Container
	scroll   *container.Scroll
	actions  *fyne.Container
	problem  fieldError

	save, sign    *widget.Button // nil when not offered
	returnBtn     *widget.Button // the chair's "Return to rapporteur…", nil when not offered
	pendingSign   *signDialog    // the open signing dialog, for tests
	pendingReturn *returnDialog  // the open return dialog, for tests
	missingShown  []string       // what the last refused signing said was missing, for tests
	versions      *versionsView  // the open versions window, for tests
}

// paraRow is one paragraph in the editor.
type paraRow struct {
	heading cases.Heading
	entry   *paraEntry
	number  *widget.Label
	err     fieldError
	box     fyne.CanvasObject
	rows    int // the entry's visible rows, kept to relayout only when they change
}

// paraEntry is a paragraph's entry: it passes Ctrl+S to the editor (an
// entry with the focus swallows shortcuts the canvas would otherwise get).
type paraEntry struct {
	widget.Entry
	onSave func()
}

func (e *paraEntry) entry() *widget.Entry { return &e.Entry }

func newParaEntry(onSave func()) *paraEntry {
	e := &paraEntry{onSave: onSave}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

func (e *paraEntry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.KeyName == shortcutSave.KeyName && cs.Modifier == shortcutSave.Modifier {
		if e.onSave != nil {
			e.onSave()
		}
		return
	}
	e.Entry.TypedShortcut(s)
}

// openOpinion shows case id's opinion, bringing its window forward if open.
func (d *desk) openOpinion(caseID int64) *opinionEditor {
	if d.opinionWins == nil {
		d.opinionWins = map[int64]*opinionEditor{}
	}
	if ed, ok := d.opinionWins[caseID]; ok {
		ed.win.RequestFocus()
		return ed
	}
	ed := &opinionEditor{d: d, caseID: caseID}
	ed.win = d.app.NewWindow(lang.L("Opinion") + " — " + lang.L("Ethics Desk"))
	ed.build()
	// The window opens at once and fills in when the opinion lands.
	placeholder := loadingText()
	ed.loading = container.NewCenter(placeholder)
	ed.win.SetContent(ed.loading)
	d.opinionWins[caseID] = ed
	ed.win.SetCloseIntercept(ed.askClose)
	ed.win.SetOnClosed(func() {
		if d.opinionWins[caseID] == ed {
			delete(d.opinionWins, caseID)
		}
	})
	ed.win.Canvas().AddShortcut(shortcutSave, func(fyne.Shortcut) { ed.doSave() })
	ed.win.Resize(fyne.NewSize(980, 760))
	ed.win.Show()
	parent := ed.win
	if d.register != nil {
		parent = d.register.win // the editor closes when the opinion cannot be read
	}
	// A server that cannot be reached is said in the placeholder and asked
	// again while the editor is open; other failures close it (show).
	loadForSaying(d, ed.win, sayIn(placeholder, nil), func(context.Context) (opinionData, error) {
		data := loadOpinion(d, caseID)
		return data, unreachableIn(data.err)
	}, func(data opinionData) {
		if d.opinionWins[caseID] != ed {
			return // closed before the opinion arrived
		}
		if data.err != nil {
			ed.win.Close()
			showError(data.err, parent)
			return
		}
		ed.apply(data)
		ed.win.SetContent(ed.content)
	})
	return ed
}

func (ed *opinionEditor) build() {
	ed.heading = widget.NewLabel("")
	ed.heading.TextStyle = fyne.TextStyle{Bold: true}
	ed.heading.SizeName = theme.SizeNameSubHeadingText
	ed.heading.Truncation = fyne.TextTruncateEllipsis
	ed.state = widget.NewLabel("")
	ed.state.Truncation = fyne.TextTruncateEllipsis // one line: a wrapped label in the header would take its height before it has its width
	ed.decErr = newFieldError()
	ed.problem = newFieldError()
	ed.actions = container.NewHBox()
	ed.body = container.NewVBox()
	ed.scroll = container.NewVScroll(container.NewPadded(ed.body))
	top := container.NewVBox(ed.heading, ed.state, ed.actions, widget.NewSeparator())
	ed.content = container.NewBorder(container.NewPadded(top), ed.problem.Label, nil, nil, ed.scroll)
	ed.win.SetContent(ed.content)
}

// opinionData is what the editor shows, read off the main goroutine:
// the case, its opinion and the service's answers about them.
type opinionData struct {
	c       cases.Case
	op      cases.Opinion
	err     error // reading the case or the opinion
	answers opinionAnswers
}

// opinionAnswers are the questions the editor asks the service about the
// opinion, asked with it because over a committee server each is a request.
type opinionAnswers struct {
	mayDraft    bool
	countersign error // nil when the actor may countersign now (MayCountersign)
	committee   cases.DocumentLanguage
	caseType    cases.CaseType
}

// loadOpinion reads case caseID's opinion and everything its editor shows.
func loadOpinion(d *desk, caseID int64) opinionData {
	ctx := context.Background()
	var data opinionData
	if data.c, data.err = d.svc.GetCase(ctx, d.actor, caseID); data.err != nil {
		return data
	}
	op, err := d.svc.Opinion(ctx, d.actor, caseID)
	switch {
	case errors.Is(err, cases.ErrNotFound):
		op = cases.Opinion{CaseID: caseID, State: cases.OpinionDraft}
	case err != nil:
		data.err = err
		return data
	}
	data.op = op
	a := &data.answers
	a.mayDraft = d.svc.CanDraftOpinion(d.actor, data.c, op)
	a.countersign = cases.ErrNotAvailable // asked only of an opinion awaiting its countersignature
	if op.State == cases.OpinionSignedRapporteur {
		a.countersign = d.svc.MayCountersign(ctx, d.actor, caseID)
	}
	a.committee, _ = d.svc.DocumentLanguage(ctx)
	a.caseType = caseTypeOf(d, data.c.TypeCode)
	return data
}

// reload reads the case and its opinion afresh off the main goroutine and
// redraws when they land; a failure is said in a dialog. Text typed
// meanwhile is kept (reloadDiscarding drops it).
func (ed *opinionEditor) reload() { ed.reloadKeeping(true) }

// reloadDiscarding reads the opinion afresh and shows it in place of what
// was typed (the user chose the newer version).
func (ed *opinionEditor) reloadDiscarding() { ed.reloadKeeping(false) }

func (ed *opinionEditor) reloadKeeping(keepTyped bool) {
	d, caseID := ed.d, ed.caseID
	loadForSaying(d, ed.win, ed.problem.set, func(context.Context) (opinionData, error) {
		data := loadOpinion(d, caseID)
		return data, data.err
	}, func(data opinionData) {
		if d.opinionWins[caseID] != ed {
			return
		}
		if ed.dirty && keepTyped {
			// Typed while the answer was on its way: the text stays as
			// typed (a colleague's newer version is caught at the next
			// save); only what the user may do is brought up to date.
			ed.asked = data.answers
			ed.fillActions()
			ed.state.SetText(lang.L("Unsaved changes.") + " " + ed.stateText())
			return
		}
		ed.apply(data)
	})
}

// apply redraws the editor from data.
func (ed *opinionEditor) apply(data opinionData) {
	c, op := data.c, data.op
	ed.c, ed.op, ed.asked = c, op, data.answers
	ed.editable = !ed.d.opt.ReadOnly && data.answers.mayDraft
	ed.dirty = false
	ed.win.SetTitle(lang.L("Opinion") + " — " + c.Reference)
	ed.heading.SetText(c.Reference + " — " + c.Title)
	ed.state.SetText(ed.stateText())
	ed.problem.set("")
	ed.fillActions()
	ed.fillBody()
}

// stateText says where the opinion stands, in one sentence.
func (ed *opinionEditor) stateText() string {
	op := ed.op
	if op.ID == 0 {
		if ed.editable {
			return lang.L("No opinion has been drafted yet. Choose the decision and write the paragraphs, then save.")
		}
		return lang.L("No opinion has been drafted yet.")
	}
	saved := lang.L("Version {{.Version}}, saved {{.When}} by {{.Who}}.", map[string]any{
		"Version": op.Version, "When": formatDateTime(op.UpdatedAt), "Who": op.UpdatedBy})
	switch op.State {
	case cases.OpinionSignedRapporteur:
		return lang.L("Signed by the rapporteur; awaiting the chair's countersignature.") + " " + saved
	case cases.OpinionIssuedState:
		return lang.L("Issued on {{.When}}. An issued opinion never changes; a correction is a new opinion.",
			map[string]any{"When": formatDateTime(op.IssuedAt)})
	}
	prefix := lang.L("Draft.")
	if op.CorrectsID != 0 {
		prefix = lang.L("Draft of a correction to the issued opinion.")
	}
	return prefix + " " + saved
}

// fillActions offers exactly what this user may do with the opinion now.
func (ed *opinionEditor) fillActions() {
	ed.actions.RemoveAll()
	ed.save, ed.sign, ed.returnBtn = nil, nil, nil
	if ed.editable {
		ed.save = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), ed.doSave)
		ed.save.Importance = widget.HighImportance
		ed.actions.Add(ed.save)
	}
	if ed.op.ID != 0 {
		ed.actions.Add(widget.NewButtonWithIcon(lang.L("Versions…"), theme.HistoryIcon(), ed.showVersions))
		ed.actions.Add(widget.NewButtonWithIcon(lang.L("Preview"), theme.VisibilityIcon(), ed.showPreview))
	}
	if label := ed.signLabel(); label != "" {
		ed.sign = widget.NewButtonWithIcon(label, theme.ConfirmIcon(), ed.askSign)
		if ed.save == nil { // one prominent button: Save while drafting
			ed.sign.Importance = widget.HighImportance
		}
		ed.actions.Add(ed.sign)
	}
	if ed.mayReturn() {
		ed.returnBtn = widget.NewButtonWithIcon(lang.L("Return to rapporteur…"), theme.MailReplyIcon(), ed.askReturn)
		ed.actions.Add(ed.returnBtn)
	}
	if ed.op.State == cases.OpinionIssuedState {
		ed.actions.Add(widget.NewButtonWithIcon(lang.L("Save issued PDF…"), theme.DownloadIcon(), ed.saveIssuedPDF))
		if !ed.d.opt.ReadOnly && ed.c.RapporteurID == ed.d.actor.ID && ed.d.actor.Active {
			ed.actions.Add(widget.NewButtonWithIcon(lang.L("Start correction"), theme.DocumentCreateIcon(), ed.startCorrection))
		}
	}
	ed.actions.Refresh()
}

// fillBody draws the decision and the paragraphs: entries when the user
// may draft, plain text otherwise.
func (ed *opinionEditor) fillBody() {
	ed.rows = nil
	text := ed.op.Text
	choices := make([]choice, 0, 9)
	for _, dec := range cases.DecisionsFor(ed.caseType()) {
		choices = append(choices, choice{lang.X("decision."+string(dec), cases.DecisionLabel(dec)), string(dec)})
	}
	ed.decision = newPick(choices, lang.L("Choose the decision"))
	ed.decision.set(string(text.Decision))
	ed.decision.OnChanged = func(string) { ed.markDirty() }
	ed.language = newDocumentLanguageChooser(ed.asked.committee, true, text.Language)
	ed.language.OnChanged = func(string) { ed.markDirty() }
	ed.decErr.set("")
	for _, p := range text.Paragraphs {
		ed.rows = append(ed.rows, ed.newRow(p.Heading, p.Text))
	}
	ed.layoutBody()
}

func (ed *opinionEditor) caseType() cases.CaseType { return ed.asked.caseType }

// caseTypeOf is the case type code names (off the main goroutine: a type
// added since the program started is read from the service).
func caseTypeOf(d *desk, code string) cases.CaseType {
	for _, t := range d.types {
		if t.Code == code {
			return t
		}
	}
	if ref, err := d.svc.Reference(context.Background()); err == nil {
		return ref.Types[code]
	}
	return cases.CaseType{Code: code}
}

func (ed *opinionEditor) newRow(h cases.Heading, text string) *paraRow {
	r := &paraRow{heading: h, number: widget.NewLabel(""), err: newFieldError()}
	r.number.TextStyle = fyne.TextStyle{Bold: true}
	if !ed.editable {
		return r.withText(text)
	}
	r.entry = newParaEntry(ed.doSave)
	r.entry.SetText(text)
	r.entry.SetPlaceHolder(lang.L("Write the paragraph…"))
	r.rows = paragraphRows(text)
	r.entry.SetMinRowsVisible(r.rows)
	r.entry.Wrapping = paragraphWrap(text)
	r.entry.OnChanged = func(s string) {
		ed.markDirty()
		// A single very long paragraph stops wrapping, as the summary box
		// does, since re-wrapping it on each key would lag.
		if want := paragraphWrap(s); want != r.entry.Wrapping {
			r.entry.Wrapping = want
			r.entry.Refresh()
		}
		// Grow the box with its text, up to a limit past which it scrolls;
		// only a change in rows relays out the page.
		if n := paragraphRows(s); n != r.rows {
			r.rows = n
			r.entry.SetMinRowsVisible(n)
			ed.body.Refresh()
		}
	}
	return r
}

// withText makes a read-only paragraph: wrapped text a reader can select.
func (r *paraRow) withText(text string) *paraRow {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	r.box = container.NewBorder(nil, nil, container.NewVBox(r.number), nil, l)
	return r
}

func paragraphWrap(s string) fyne.TextWrap {
	if len(s) > longTextChars {
		return fyne.TextWrapOff
	}
	return fyne.TextWrapWord
}

// paragraphRows is how tall a paragraph's box is: its text at about 90
// characters a line, between 3 and 14 rows.
func paragraphRows(s string) int {
	n := 1
	for _, line := range strings.Split(s, "\n") {
		n += len([]rune(line)) / 90
		n++
	}
	return max(3, min(n, 14))
}

func (ed *opinionEditor) markDirty() {
	if ed.dirty {
		return
	}
	ed.dirty = true
	ed.state.SetText(lang.L("Unsaved changes.") + " " + ed.stateText())
}

// layoutBody rebuilds the page from ed.rows: headings in printed order,
// paragraphs under them numbered continuously as in the PDF.
func (ed *opinionEditor) layoutBody() {
	var objs []fyne.CanvasObject
	decHead := widget.NewLabel(lang.L("Decision of the committee"))
	decHead.TextStyle = fyne.TextStyle{Bold: true}
	if ed.editable {
		langHead := widget.NewLabel(lang.L("Printed in"))
		langHead.TextStyle = fyne.TextStyle{Bold: true}
		objs = append(objs, decHead, ed.decision.Select, ed.decErr.Label, langHead, ed.language.Select)
	} else {
		shown := lang.L("Not chosen yet")
		if ed.op.Text.Decision != "" {
			shown = lang.X("decision."+string(ed.op.Text.Decision), cases.DecisionLabel(ed.op.Text.Decision))
		}
		v := widget.NewLabel(shown)
		v.TextStyle = fyne.TextStyle{Bold: true}
		objs = append(objs, decHead, v)
	}
	num := 0
	for _, h := range cases.AllHeadings {
		head := widget.NewLabel(lang.X("heading."+string(h), cases.HeadingLabel(h)))
		head.TextStyle = fyne.TextStyle{Bold: true}
		head.SizeName = theme.SizeNameSubHeadingText
		objs = append(objs, widget.NewSeparator(), head)
		hasAny := false
		for i, r := range ed.rows {
			if r.heading != h {
				continue
			}
			hasAny = true
			num++
			r.number.SetText(fmt.Sprintf("%d.", num))
			if ed.editable {
				r.box = ed.editableBox(i, r)
			}
			objs = append(objs, r.box)
		}
		if ed.editable {
			h := h
			add := widget.NewButtonWithIcon(lang.L("Add paragraph"), theme.ContentAddIcon(), func() { ed.addParagraph(h) })
			add.Importance = widget.LowImportance
			objs = append(objs, container.NewHBox(add))
		} else if !hasAny {
			none := widget.NewLabel(lang.L("(no paragraphs)"))
			none.Importance = widget.LowImportance
			objs = append(objs, none)
		}
	}
	if ed.op.State != cases.OpinionDraft || len(ed.op.Signatures) > 0 {
		objs = append(objs, widget.NewSeparator(), ed.signaturesBox())
	}
	ed.body.Objects = objs
	ed.body.Refresh()
}

// editableBox is a paragraph with its number and its move/delete buttons.
func (ed *opinionEditor) editableBox(i int, r *paraRow) fyne.CanvasObject {
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { ed.move(r, -1) })
	down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { ed.move(r, +1) })
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { ed.deleteParagraph(r) })
	for _, b := range []*widget.Button{up, down, del} {
		b.Importance = widget.LowImportance
	}
	up.Disable()
	if i > 0 || ed.headingIndex(r.heading) > 0 {
		up.Enable()
	}
	if i == len(ed.rows)-1 && ed.headingIndex(r.heading) == len(cases.AllHeadings)-1 {
		down.Disable()
	}
	return container.NewBorder(nil, r.err.Label, container.NewVBox(r.number), container.NewVBox(up, down, del), r.entry)
}

func (ed *opinionEditor) headingIndex(h cases.Heading) int {
	for i, x := range cases.AllHeadings {
		if x == h {
			return i
		}
	}
	return 0
}

// addParagraph appends an empty paragraph under h and puts the cursor in it.
func (ed *opinionEditor) addParagraph(h cases.Heading) *paraRow {
	r := ed.newRow(h, "")
	// Keep ed.rows in printed order: after the last paragraph of h or of
	// any heading before it.
	at := 0
	for i, x := range ed.rows {
		if ed.headingIndex(x.heading) <= ed.headingIndex(h) {
			at = i + 1
		}
	}
	ed.rows = append(ed.rows[:at], append([]*paraRow{r}, ed.rows[at:]...)...)
	ed.markDirty()
	ed.layoutBody()
	ed.win.Canvas().Focus(r.entry)
	return r
}

// move shifts a paragraph up or down by one place. At the edge of its
// heading it moves into the neighbouring heading instead: last of the
// heading above, or first of the heading below.
func (ed *opinionEditor) move(r *paraRow, dir int) {
	i := ed.indexOf(r)
	if i < 0 {
		return
	}
	j := i + dir
	hi := ed.headingIndex(r.heading)
	switch {
	case j >= 0 && j < len(ed.rows) && ed.rows[j].heading == r.heading:
		ed.rows[i], ed.rows[j] = ed.rows[j], ed.rows[i]
	case hi+dir >= 0 && hi+dir < len(cases.AllHeadings):
		// Crossing into the next heading keeps the paragraph's place in
		// the printed order: its number stays, its heading changes.
		r.heading = cases.AllHeadings[hi+dir]
	default:
		return
	}
	ed.markDirty()
	ed.layoutBody()
}

func (ed *opinionEditor) deleteParagraph(r *paraRow) {
	i := ed.indexOf(r)
	if i < 0 {
		return
	}
	remove := func() {
		ed.rows = append(ed.rows[:i], ed.rows[i+1:]...)
		ed.markDirty()
		ed.layoutBody()
	}
	if strings.TrimSpace(r.entry.Text) == "" {
		remove()
		return
	}
	dialog.ShowConfirm(lang.L("Delete paragraph"), lang.L("Delete paragraph {{.Number}}? You can still close without saving to keep it.",
		map[string]any{"Number": strings.TrimSuffix(r.number.Text, ".")}), func(ok bool) {
		if ok {
			remove()
		}
	}, ed.win)
}

func (ed *opinionEditor) indexOf(r *paraRow) int {
	for i, x := range ed.rows {
		if x == r {
			return i
		}
	}
	return -1
}

// text is the opinion as the editor holds it.
func (ed *opinionEditor) text() cases.OpinionText {
	t := cases.OpinionText{Decision: cases.Decision(ed.decision.value()), Language: ed.language.language()}
	for _, r := range ed.rows {
		t.Paragraphs = append(t.Paragraphs, cases.Paragraph{Heading: r.heading, Text: r.entry.Text})
	}
	return t
}

// doSave stores a new version on top of the one the editor loaded, off
// the main goroutine; the text stays in the editor until it is saved.
func (ed *opinionEditor) doSave() {
	ed.saveThen(nil)
}

// saveThen saves, then runs after (if set) once the save succeeded.
func (ed *opinionEditor) saveThen(after func()) {
	if !ed.editable || ed.saving {
		return
	}
	ed.saving = true
	d, caseID, version, text := ed.d, ed.caseID, ed.op.Version, ed.text()
	var saved cases.Opinion
	d.busy(ed.win, lang.L("Saving the opinion"), func() error {
		var err error
		saved, err = d.svc.SaveOpinionDraft(context.Background(), d.actor, caseID, version, text)
		return err
	}, func(err error) {
		ed.saving = false
		if ed.saved(text, saved, err) && after != nil && !ed.dirty {
			after()
		}
	})
}

// saved shows the outcome of a save; true when it was stored.
func (ed *opinionEditor) saved(sent cases.OpinionText, saved cases.Opinion, err error) bool {
	var fe cases.FieldErrors
	var stale *cases.StaleError
	switch {
	case errors.As(err, &fe):
		ed.showFieldErrors(fe)
		return false
	case errors.As(err, &stale):
		showStale(stale, ed.win, ed.reloadDiscarding)
		return false
	case err != nil:
		ed.problem.set(userText(err))
		return false
	}
	ed.op = saved
	// What was typed while the save was on its way stays, unsaved.
	ed.dirty = !reflect.DeepEqual(ed.text(), sent)
	ed.reload()
	ed.d.caseChanged(ed.caseID)
	return true
}

func (ed *opinionEditor) showFieldErrors(fe cases.FieldErrors) {
	ed.decErr.set(fe["decision"])
	for i, r := range ed.rows {
		r.err.set(fe[fmt.Sprintf("paragraph.%d", i)])
	}
	ed.problem.set(lang.L("Nothing was saved: correct what is marked."))
}

// askClose closes the window, first asking about unsaved changes.
func (ed *opinionEditor) askClose() {
	if !ed.dirty {
		ed.win.Close()
		return
	}
	var dlg *dialog.CustomDialog
	msg := widget.NewLabel(lang.L("The opinion has changes that are not saved."))
	msg.Wrapping = fyne.TextWrapWord
	saveB := widget.NewButton(lang.L("Save and close"), func() {
		dlg.Hide()
		ed.saveThen(ed.win.Close)
	})
	saveB.Importance = widget.HighImportance
	discard := widget.NewButton(lang.L("Discard changes"), func() {
		dlg.Hide()
		ed.dirty = false
		ed.win.Close()
	})
	discard.Importance = widget.DangerImportance
	cancel := widget.NewButton(lang.L("Keep editing"), func() { dlg.Hide() })
	dlg = dialog.NewCustomWithoutButtons(lang.L("Unsaved changes"),
		container.NewVBox(msg, container.NewHBox(layout.NewSpacer(), cancel, discard, saveB)), ed.win)
	dlg.Resize(fyne.NewSize(480, 160))
	dlg.Show()
}

// startCorrection opens a new draft that corrects the issued opinion.
func (ed *opinionEditor) startCorrection() {
	dialog.ShowConfirm(lang.L("Start correction"),
		lang.L("The issued opinion stays exactly as it is. A correction is a new opinion, starting from its text, that must be signed and countersigned again. Start it?"),
		func(ok bool) {
			if !ok {
				return
			}
			ed.d.busy(ed.win, lang.L("Saving the opinion"), func() error {
				_, err := ed.d.svc.StartCorrection(context.Background(), ed.d.actor, ed.caseID)
				return err
			}, func(err error) {
				if err != nil {
					showError(err, ed.win)
					return
				}
				ed.reload()
				ed.d.caseChanged(ed.caseID)
			})
		}, ed.win)
}

// signaturesBox lists who signed, in what capacity and when.
func (ed *opinionEditor) signaturesBox() fyne.CanvasObject {
	head := widget.NewLabel(lang.L("Signatures"))
	head.TextStyle = fyne.TextStyle{Bold: true}
	head.SizeName = theme.SizeNameSubHeadingText
	box := container.NewVBox(head)
	for _, s := range ed.op.Signatures {
		box.Add(widget.NewLabel(fmt.Sprintf("%s — %s — %s", s.Name, s.Meaning, formatDateTime(s.SignedAt))))
	}
	return box
}

// opinionActions are the case window's buttons for the opinion and the
// letters: "Opinion…" once there is an opinion or the user may draft one.
func (cw *caseWindow) opinionActions(a caseActions) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	cw.opinion = nil
	if a.opinion {
		cw.opinion = widget.NewButtonWithIcon(lang.L("Opinion…"), theme.DocumentIcon(), func() { cw.d.openOpinion(cw.id) })
		out = append(out, cw.opinion)
	}
	if a.letters {
		out = append(out, cw.lettersButton())
	}
	return out
}
