package opinion

import (
	"encoding/binary"
	"fmt"

	"ethicsdesk/internal/font"
)

// ttcHeaderMinLn is the smallest TrueType Collection header.
const ttcHeaderMinLn = 12

var errNotFontFile = font.ErrNotFont

// extractTTCFace turns face number `index` of a TrueType Collection into a
// standalone TrueType font. gofpdf refuses collections, but a face in a
// collection is an ordinary table directory whose offsets point anywhere
// in the collection file; copying the tables it names into a new file
// and rewriting the offsets is all that is needed. A plain .ttf is
// returned unchanged when index is 0, so callers need not care which
// kind of file they found.
func extractTTCFace(file []byte, index int) ([]byte, error) {
	if len(file) < ttcHeaderMinLn {
		return nil, errNotFontFile
	}
	if string(file[:4]) != "ttcf" {
		if index == 0 {
			return file, nil
		}
		return nil, fmt.Errorf("the font file holds one face, not face %d", index)
	}
	numFonts := int(binary.BigEndian.Uint32(file[8:12]))
	if index < 0 || index >= numFonts || 12+4*(index+1) > len(file) {
		return nil, fmt.Errorf("the font collection has no face %d", index)
	}
	faceOffset := int(binary.BigEndian.Uint32(file[12+4*index:]))
	tables, sfntVersion, err := font.ReadTableDirectory(file, faceOffset)
	if err != nil {
		return nil, err
	}
	return font.WriteSfnt(sfntVersion, tables), nil
}
