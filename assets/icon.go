package assets

import _ "embed"

// Icon is the application icon (icon.png, rendered from icon.svg with
// `rsvg-convert -w 512 -h 512 icon.svg -o icon.png`): the window and the
// taskbar show it, and FyneApp.toml names it for the packages.
//
//go:embed icon.png
var Icon []byte
