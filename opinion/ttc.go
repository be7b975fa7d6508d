package opinion

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// sfnt table-directory constants (OpenType spec, "Organization of an
// OpenType Font").
const (
	sfntHeaderLen  = 12
	sfntRecordLen  = 16
	ttcHeaderMinLn = 12
)

var errNotFontFile = errors.New("the font file is damaged or is not a TrueType font")

// sfntTable is one table of an sfnt font: its tag and its bytes.
type sfntTable struct {
	tag  string
	data []byte
}

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
	tables, sfntVersion, err := readTableDirectory(file, faceOffset)
	if err != nil {
		return nil, err
	}
	return writeSfnt(sfntVersion, tables), nil
}

// readTableDirectory reads the table directory at off and returns the
// tables it lists, each sliced out of file (no copy).
func readTableDirectory(file []byte, off int) ([]sfntTable, uint32, error) {
	if off < 0 || off+sfntHeaderLen > len(file) {
		return nil, 0, errNotFontFile
	}
	version := binary.BigEndian.Uint32(file[off:])
	numTables := int(binary.BigEndian.Uint16(file[off+4:]))
	if off+sfntHeaderLen+numTables*sfntRecordLen > len(file) {
		return nil, 0, errNotFontFile
	}
	tables := make([]sfntTable, 0, numTables)
	for i := 0; i < numTables; i++ {
		rec := file[off+sfntHeaderLen+i*sfntRecordLen:]
		start := int(binary.BigEndian.Uint32(rec[8:]))
		length := int(binary.BigEndian.Uint32(rec[12:]))
		if start < 0 || length < 0 || start+length > len(file) || start+length < start {
			return nil, 0, errNotFontFile
		}
		tables = append(tables, sfntTable{tag: string(rec[:4]), data: file[start : start+length]})
	}
	return tables, version, nil
}

// writeSfnt assembles tables into a standalone font file: header, sorted
// table records with fresh checksums and 4-byte aligned offsets, then the
// table bodies, and finally head.checkSumAdjustment so that strict
// readers accept the file.
func writeSfnt(version uint32, tables []sfntTable) []byte {
	sort.Slice(tables, func(i, j int) bool { return tables[i].tag < tables[j].tag })
	n := len(tables)
	size := sfntHeaderLen + n*sfntRecordLen
	for _, t := range tables {
		size += pad4(len(t.data))
	}
	out := make([]byte, size)
	binary.BigEndian.PutUint32(out[0:], version)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	searchRange, entrySelector := 1, 0
	for searchRange*2 <= n {
		searchRange *= 2
		entrySelector++
	}
	binary.BigEndian.PutUint16(out[6:], uint16(searchRange*16))
	binary.BigEndian.PutUint16(out[8:], uint16(entrySelector))
	binary.BigEndian.PutUint16(out[10:], uint16(n*16-searchRange*16))

	pos := sfntHeaderLen + n*sfntRecordLen
	headPos := -1
	for i, t := range tables {
		rec := out[sfntHeaderLen+i*sfntRecordLen:]
		copy(rec[0:4], t.tag)
		body := out[pos : pos+len(t.data)]
		copy(body, t.data)
		if t.tag == "head" && len(body) >= 12 {
			headPos = pos
			binary.BigEndian.PutUint32(body[8:], 0) // zero before checksumming
		}
		binary.BigEndian.PutUint32(rec[4:], sfntChecksum(out[pos:pos+pad4(len(t.data))]))
		binary.BigEndian.PutUint32(rec[8:], uint32(pos))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(t.data)))
		pos += pad4(len(t.data))
	}
	if headPos >= 0 {
		binary.BigEndian.PutUint32(out[headPos+8:], 0xB1B0AFBA-sfntChecksum(out))
	}
	return out
}

func pad4(n int) int { return (n + 3) &^ 3 }

// sfntChecksum is the OpenType table checksum: the sum of big-endian
// uint32 words, the data zero-padded to a multiple of four bytes.
func sfntChecksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}
