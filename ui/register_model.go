package ui

import (
	"context"
	"sync"

	"ethicsdesk/cases"
)

// maxCachedPages bounds memory however far the user scrolls: 20 pages of
// cases.PageSize rows is a few screens above and below what is visible.
const maxCachedPages = 20

// maxQueuedPages bounds the loads waiting while the user flings the
// scrollbar: only the most recently wanted pages are worth fetching, the
// rest have scrolled out of sight (and are asked for again if they return).
const maxQueuedPages = 4

// fetchPage reads one page of the register; the window passes the
// Service's ListCases with the current filter and sort.
type fetchPage func(ctx context.Context, q cases.Query, offset, limit int) ([]cases.Row, error)

// pageCache holds the pages of the register around the visible rows. The
// table asks row(i) while drawing; a missing row starts (at most) one load
// of its page and shows "…" until the load lands and the table refreshes.
// Everything but the loading goroutine's fetch runs on the main goroutine.
type pageCache struct {
	run      *runner
	fetch    fetchPage
	onLoaded func()      // main goroutine: redraw the table
	onError  func(error) // main goroutine: say what went wrong
	query    cases.Query // the filter and sort the pages belong to
	gen      int         // bumped by reset; a load of an older generation is dropped
	pages    map[int][]cases.Row
	used     map[int]int // page → tick of last use, for eviction
	tick     int
	queued   []int        // pages waiting for the loader, most recent last
	loading  bool         // the loader goroutine is running
	wanted   map[int]bool // queued or loading
	failed   bool         // the last load failed; do not retry until reset

	mu      sync.Mutex
	fetches int // how many pages were read, for tests of the paging
}

func newPageCache(run *runner, fetch fetchPage) *pageCache {
	c := &pageCache{run: run, fetch: fetch}
	c.reset(cases.Query{})
	return c
}

// reset drops every page: the filter or sort changed, or a case was saved.
func (c *pageCache) reset(q cases.Query) {
	c.query = q
	c.gen++
	c.pages = map[int][]cases.Row{}
	c.used = map[int]int{}
	c.wanted = map[int]bool{}
	c.queued = nil
	c.failed = false
}

// refresh reads again every page held, keeping the old rows on show
// until the fresh ones land: colleagues changed cases.
func (c *pageCache) refresh() {
	c.gen++
	c.wanted = map[int]bool{}
	c.queued = nil
	c.failed = false
	for p := range c.pages {
		c.wanted[p] = true
		c.queued = append(c.queued, p)
	}
	if !c.loading {
		c.loadNext()
	}
}

// row returns row i of the register if its page is loaded, and otherwise
// asks for the page and returns false.
func (c *pageCache) row(i int) (cases.Row, bool) {
	p, off := i/cases.PageSize, i%cases.PageSize
	c.tick++
	if rows, ok := c.pages[p]; ok {
		c.used[p] = c.tick
		if off < len(rows) {
			return rows[off], true
		}
		return cases.Row{}, false // past the end: the count moved under us
	}
	c.want(p)
	return cases.Row{}, false
}

func (c *pageCache) want(p int) {
	if c.wanted[p] || c.failed {
		return
	}
	c.wanted[p] = true
	c.queued = append(c.queued, p)
	if len(c.queued) > maxQueuedPages {
		drop := c.queued[0]
		c.queued = c.queued[1:]
		delete(c.wanted, drop)
	}
	if !c.loading {
		c.loadNext()
	}
}

// loadNext fetches the most recently wanted page on a goroutine; one load
// at a time keeps SQLite and the second CPU core free for the user.
func (c *pageCache) loadNext() {
	if len(c.queued) == 0 {
		c.loading = false
		return
	}
	p := c.queued[len(c.queued)-1]
	c.queued = c.queued[:len(c.queued)-1]
	c.loading = true
	gen, q := c.gen, c.query
	c.run.background(func() func() {
		rows, err := c.fetch(context.Background(), q, p*cases.PageSize, cases.PageSize)
		c.mu.Lock()
		c.fetches++
		c.mu.Unlock()
		return func() { c.landed(gen, p, rows, err) }
	})
}

func (c *pageCache) landed(gen, p int, rows []cases.Row, err error) {
	c.loading = false
	if gen != c.gen { // the filter changed while loading: these rows are not wanted
		c.loadNext()
		return
	}
	delete(c.wanted, p)
	if err != nil {
		c.failed = true
		c.queued = nil
		c.wanted = map[int]bool{}
		if c.onError != nil {
			c.onError(err)
		}
		return
	}
	c.pages[p] = rows
	c.used[p] = c.tick
	c.evict()
	c.loadNext()
	if c.onLoaded != nil {
		c.onLoaded()
	}
}

// evict forgets the least recently drawn pages beyond maxCachedPages.
func (c *pageCache) evict() {
	for len(c.pages) > maxCachedPages {
		oldest, oldestTick := -1, 0
		for p, t := range c.used {
			if oldest < 0 || t < oldestTick {
				oldest, oldestTick = p, t
			}
		}
		delete(c.pages, oldest)
		delete(c.used, oldest)
	}
}

// fetchCount is how many pages have been read since the cache was made.
func (c *pageCache) fetchCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.fetches
}
