package ui

import (
	"context"
	"regexp"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"ethicsdesk/cases"
	"ethicsdesk/textindex"
)

// searchDelay is how long typing must pause before a search runs, so that
// each keystroke does not start a query over 100,000 cases.
const searchDelay = 250 * time.Millisecond

// searchPage is how many results the panel shows at a time; "Show the
// next 50" adds the next page.
const searchPage = 50

// referencePattern is a whole case reference: Enter opens that case
// directly, as the box did before search.
var referencePattern = regexp.MustCompile(`^(?i)EC-\d{4}-\d{4,}$`)

// searchPanel shows full-text results under the register's filters while
// the search box has text; the register table returns when it is cleared.
type searchPanel struct {
	r       *registerWindow
	box     *fyne.Container
	status  *widget.Label
	more    *widget.Button // the next page of results; hidden when there is none
	text    string         // the query the hits answer
	query   cases.Query
	list    *widget.List
	hits    []cases.SearchHit
	gen     int // bumped per query; older answers are dropped
	timer   *time.Timer
	visible bool
}

// attachSearch turns the register's filter box into full-text search: the
// results (ranked, words highlighted, within the current filters) replace
// the table as the user types. The register window calls it once.
func (r *registerWindow) attachSearch() {
	p := &searchPanel{r: r, status: widget.NewLabel("")}
	p.list = widget.NewList(func() int { return len(p.hits) }, newHitRow, func(i widget.ListItemID, o fyne.CanvasObject) {
		if i < len(p.hits) {
			fillHitRow(o, p.hits[i])
		}
	})
	p.list.OnSelected = func(i widget.ListItemID) {
		if i < len(p.hits) {
			r.d.openCase(p.hits[i].ID)
		}
		p.list.UnselectAll()
	}
	p.more = widget.NewButton(lang.L("Show the next 50"), p.next)
	p.more.Hide()
	p.box = container.NewBorder(container.NewBorder(nil, nil, nil, p.more, p.status), nil, nil, nil, p.list)
	r.filters.search.SetPlaceHolder(lang.L("Search, or go to a reference…"))
	r.filters.search.OnChanged = p.typed
	r.filters.search.OnSubmitted = func(text string) {
		if referencePattern.MatchString(strings.TrimSpace(text)) {
			r.goToReference(strings.TrimSpace(text))
			return
		}
		p.run(text)
	}
	prev := r.filters.onChange
	r.filters.onChange = func() {
		if prev != nil {
			prev()
		}
		if p.visible {
			p.run(r.filters.search.Text)
		}
	}
	r.search = p
}

// typed schedules a search once typing pauses.
func (p *searchPanel) typed(text string) {
	if p.timer != nil {
		p.timer.Stop()
	}
	p.timer = time.AfterFunc(searchDelay, func() { p.r.d.run.post(func() { p.run(text) }) })
}

// run searches text within the register's filters, off the main goroutine.
func (p *searchPanel) run(text string) {
	if strings.TrimSpace(text) == "" {
		p.show(false)
		return
	}
	p.gen++
	p.text, p.query = text, p.r.query()
	p.status.SetText(lang.L("Searching…"))
	p.more.Hide()
	p.show(true)
	p.load(0)
}

// next adds the next page of results for the same query under the ones
// shown, keeping the list where it was.
func (p *searchPanel) next() {
	p.more.Disable()
	p.load(len(p.hits))
}

// load fetches the page of results from offset off the main goroutine; a
// first page replaces the list, a later one extends it.
func (p *searchPanel) load(offset int) {
	gen, text, q, d := p.gen, p.text, p.query, p.r.d
	d.load(p.r.win, p.status.SetText, func() bool { return gen == p.gen }, func() (func(), error) {
		hits, err := d.svc.Search(context.Background(), d.actor, text, q, offset, searchPage)
		return func() {
			if gen != p.gen {
				return
			}
			p.more.Enable()
			if err != nil {
				if offset == 0 {
					p.hits = nil
				}
				p.status.SetText(lang.L("The search could not be run: {{.Error}}", map[string]any{"Error": err.Error()}))
				p.list.Refresh()
				return
			}
			if offset == 0 {
				p.hits = hits
				p.list.ScrollToTop()
			} else {
				p.hits = appendNewHits(p.hits, hits)
			}
			full := len(hits) >= searchPage
			p.status.SetText(searchCountText(len(p.hits), full))
			if full {
				p.more.Show()
			} else {
				p.more.Hide()
			}
			p.list.Refresh()
		}, err
	})
}

// appendNewHits adds the hits of a later page that are not shown yet (a
// case found by its submitter's name heads the first page and may match
// the text too).
func appendNewHits(shown, page []cases.SearchHit) []cases.SearchHit {
	have := make(map[int64]bool, len(shown))
	for _, h := range shown {
		have[h.ID] = true
	}
	for _, h := range page {
		if !have[h.ID] {
			shown = append(shown, h)
		}
	}
	return shown
}

// searchCountText says how many results are shown and whether more match.
func searchCountText(n int, more bool) string {
	switch {
	case n == 0:
		return lang.L("No case matches.")
	case more:
		return lang.L("The {{.Count}} best matches, best first; more cases match. Show the next 50, or add words to narrow the search.",
			map[string]any{"Count": formatCount(n)})
	}
	return lang.N("{{.Count}} matching cases, best first.", n, map[string]any{"Count": n})
}

// show swaps the results in place of the register table, or back.
func (p *searchPanel) show(on bool) {
	if on == p.visible {
		return
	}
	p.visible = on
	p.r.showSearchResults(on)
}

// newHitRow is a result: reference and highlighted title, then the snippet.
func newHitRow() fyne.CanvasObject {
	ref := widget.NewLabel("")
	ref.TextStyle = fyne.TextStyle{Monospace: true}
	title := widget.NewRichText()
	// One line each, so every row has the same height (a list of rows of
	// varying height is slow and overlaps when a snippet wraps).
	title.Truncation = fyne.TextTruncateEllipsis
	snippet := widget.NewRichText()
	snippet.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(container.NewBorder(nil, nil, ref, nil, title), nil, nil, nil, snippet)
}

func fillHitRow(o fyne.CanvasObject, h cases.SearchHit) {
	outer := o.(*fyne.Container)
	var head *fyne.Container
	var snippet *widget.RichText
	for _, obj := range outer.Objects {
		switch v := obj.(type) {
		case *fyne.Container:
			head = v
		case *widget.RichText:
			snippet = v
		}
	}
	for _, obj := range head.Objects {
		switch v := obj.(type) {
		case *widget.Label:
			v.SetText(h.Reference)
		case *widget.RichText:
			title := h.TitleSpans
			if h.Title == "" {
				title = []textindex.Span{{Text: lang.L("(title hidden until you declare your interests)")}}
			}
			v.Segments = spanSegments(title, true)
			v.Refresh()
		}
	}
	snippet.Segments = spanSegments(h.Snippet, false)
	snippet.Refresh()
}

// spanSegments renders highlighted spans: matches bold and coloured.
func spanSegments(spans []textindex.Span, title bool) []widget.RichTextSegment {
	segs := make([]widget.RichTextSegment, 0, len(spans))
	for _, sp := range spans {
		st := widget.RichTextStyleInline
		if title {
			st.TextStyle.Bold = true
		}
		if sp.Match {
			st.TextStyle.Bold = true
			st.ColorName = "primary"
		}
		segs = append(segs, &widget.TextSegment{Text: strings.ReplaceAll(sp.Text, "\n", " "), Style: st})
	}
	return segs
}

// showSearchResults puts the search results in the table's place, or the
// table back.
func (r *registerWindow) showSearchResults(on bool) {
	if r.center == nil {
		return
	}
	if on {
		r.center.Objects = []fyne.CanvasObject{r.search.box}
	} else {
		r.center.Objects = []fyne.CanvasObject{r.table}
	}
	r.center.Refresh()
}
