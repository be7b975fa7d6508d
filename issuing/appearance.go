package issuing

import (
	"time"

	"ethicsdesk/opinion"
	"ethicsdesk/signing"
)

// WithAppearanceFont gives the signature widget a font that can draw the
// signer's name, meaning and time when the built-in Helvetica cannot
// (anything beyond Latin-1, such as a Chinese name), so an issued opinion
// never shows "Digitally signed by ??". The signing time is fixed here,
// because the font must hold exactly the digits and zone that are drawn.
// When no installed font covers the text, the widget keeps Helvetica.
func WithAppearanceFont(info signing.SignatureInfo) signing.SignatureInfo {
	if info.Time.IsZero() {
		info.Time = time.Now()
	}
	text := signing.AppearanceText(info)
	if latin1Only(text) {
		return info
	}
	f, ok := opinion.SubsetFontFor(text)
	if !ok {
		return info
	}
	info.Font = &f // the same font.Subset type on both sides
	return info
}

// latin1Only reports whether Helvetica already shows text as written;
// such widgets stay as small as before. Dashes count as Latin-1 because
// the widget writes them as hyphens.
func latin1Only(text string) bool {
	for _, r := range text {
		if r > 0xFF && r != '—' && r != '–' {
			return false
		}
	}
	return true
}
