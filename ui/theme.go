package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// deskTheme is Fyne's theme with a focus colour that can be seen: the
// default one (primary blue at 16 % opacity) was too faint to tell which
// button or choice the keyboard was on. Everything else is the default.
type deskTheme struct{ fyne.Theme }

// focusAlpha is the opacity of the focus colour over a control.
const focusAlpha = 0x70

func (t deskTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameFocus {
		r, g, b, _ := t.Theme.Color(theme.ColorNamePrimary, v).RGBA()
		return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: focusAlpha}
	}
	return t.Theme.Color(n, v)
}

// useDeskTheme gives the program's windows the desk's theme.
func useDeskTheme(a fyne.App) {
	if _, ok := a.Settings().Theme().(deskTheme); !ok {
		a.Settings().SetTheme(deskTheme{theme.DefaultTheme()})
	}
}
