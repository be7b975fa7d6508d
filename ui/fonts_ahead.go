package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// loadFontsAhead measures a word in each style the register window first
// draws, on a goroutine of its own, and returns the wait for it. The first
// measure of a style loads its fonts: Fyne's own, and through the
// system's font index (go-text's fontscan, read and written again on
// every start) the system font for the user's language, Chinese included:
// 50–60 ms of the main goroutine before the window could be created.
// Loaded here, they load while the main goroutine creates the window.
//
// Nothing may measure text, or make a widget, before the wait returns:
// Fyne built with migrated_fynedo keeps its font caches in plain maps (two
// goroutines measuring text at once stopped the program with "concurrent
// map writes" once, README, 3 December, morning), and a go-text face is
// not safe on two goroutines at once. The wait orders the two.
func loadFontsAhead() (wait func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
			fyne.MeasureText("Ethics Desk 伦理", theme.TextSize(), style)
		}
	}()
	return func() { <-done }
}
