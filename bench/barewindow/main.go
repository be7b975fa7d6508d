// Command barewindow is the reference for the register window's start-up
// time and memory in the benchmark suite: a Fyne window of the same size
// holding one label, with nothing of Ethics Desk behind it.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

// Title is what the suite waits for to appear on the screen.
const Title = "Bare Fyne window"

func main() {
	a := app.NewWithID("org.ethicsdesk.BareWindow")
	w := a.NewWindow(Title)
	w.SetContent(widget.NewLabel("A bare Fyne window: the reference for start-up time and memory."))
	w.Resize(fyne.NewSize(1320, 760))
	w.ShowAndRun()
}
