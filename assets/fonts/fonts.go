// Package fonts holds the font faces Ethics Desk's PDFs are set in,
// embedded in the binary so that an opinion comes out the same on every
// laptop whatever fonts the system has: Liberation Serif 2 (SIL OFL 1.1)
// for Latin text, WenQuanYi Micro Hei (face 0 of its collection; Apache
// 2.0) for Chinese, DejaVu Sans (Bitstream Vera licence) for the scripts
// neither has. The licences are the LICENSE-*.txt files beside this one.
//
// The faces are stored zstd-compressed (2.6 MB instead of 6.5 MB; the
// Chinese face is 1.7 MB, under the repository's 2 MB per-file limit,
// where gzip left it at 2.1 MB) and decompressed when first asked for
// (about 20 ms for all of them). update.sh rebuilds them from Debian's
// packages.
package fonts

import (
	"embed"
	"fmt"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// The embedded faces, by file name.
const (
	SerifRegular = "LiberationSerif-Regular.ttf"
	SerifBold    = "LiberationSerif-Bold.ttf"
	SerifItalic  = "LiberationSerif-Italic.ttf"
	Chinese      = "WenQuanYiMicroHei.ttf"
	Sans         = "DejaVuSans.ttf"
)

//go:embed *.ttf.zst
var compressed embed.FS

var (
	decoderOnce sync.Once
	decoder     *zstd.Decoder
	decoderErr  error
)

// Face returns the TrueType bytes of the embedded face name (one of the
// constants above), decompressed afresh on each call; callers parse a face
// once and keep it.
func Face(name string) ([]byte, error) {
	z, err := compressed.ReadFile(name + ".zst")
	if err != nil {
		return nil, fmt.Errorf("no embedded font %q", name)
	}
	decoderOnce.Do(func() {
		decoder, decoderErr = zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))
	})
	if decoderErr != nil {
		return nil, decoderErr
	}
	ttf, err := decoder.DecodeAll(z, nil)
	if err != nil {
		return nil, fmt.Errorf("the embedded font %s is damaged: %v", name, err)
	}
	return ttf, nil
}
