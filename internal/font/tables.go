package font

import (
	"encoding/binary"
	"sort"
)

// sfnt table-directory sizes (OpenType spec, "Organization of an
// OpenType Font").
const (
	HeaderLen = 12
	RecordLen = 16
)

// Table is one table of an sfnt font: its tag and its bytes.
type Table struct {
	Tag  string
	Data []byte
}

// ReadTableDirectory reads the table directory at off and returns the
// tables it lists, each sliced out of file (no copy), and the sfnt
// version; ErrNotFont when any table lies outside the file.
func ReadTableDirectory(file []byte, off int) ([]Table, uint32, error) {
	if off < 0 || off+HeaderLen > len(file) {
		return nil, 0, ErrNotFont
	}
	version := binary.BigEndian.Uint32(file[off:])
	numTables := int(binary.BigEndian.Uint16(file[off+4:]))
	if off+HeaderLen+numTables*RecordLen > len(file) {
		return nil, 0, ErrNotFont
	}
	tables := make([]Table, 0, numTables)
	for i := 0; i < numTables; i++ {
		rec := file[off+HeaderLen+i*RecordLen:]
		start := int(binary.BigEndian.Uint32(rec[8:]))
		length := int(binary.BigEndian.Uint32(rec[12:]))
		if start < 0 || length < 0 || start+length > len(file) || start+length < start {
			return nil, 0, ErrNotFont
		}
		tables = append(tables, Table{Tag: string(rec[:4]), Data: file[start : start+length]})
	}
	return tables, version, nil
}

// Lookup returns the bytes of the table tag of a standalone font, or nil
// when the font does not have it or the directory, read up to that
// table, points outside the file. It is lenient where ReadTableDirectory
// is strict: a damaged table elsewhere does not hide this one.
func Lookup(ttf []byte, tag string) []byte {
	if len(ttf) < HeaderLen {
		return nil
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := 0; i < n; i++ {
		rec := HeaderLen + RecordLen*i
		if rec+RecordLen > len(ttf) {
			return nil
		}
		if string(ttf[rec:rec+4]) != tag {
			continue
		}
		off, length := uint64(binary.BigEndian.Uint32(ttf[rec+8:])), uint64(binary.BigEndian.Uint32(ttf[rec+12:]))
		if off+length > uint64(len(ttf)) {
			return nil
		}
		return ttf[off : off+length]
	}
	return nil
}

// WriteSfnt assembles tables into a standalone font file: header, sorted
// table records with fresh checksums and 4-byte aligned offsets, then the
// table bodies, and finally head.checkSumAdjustment so that strict
// readers accept the file.
func WriteSfnt(version uint32, tables []Table) []byte {
	sort.Slice(tables, func(i, j int) bool { return tables[i].Tag < tables[j].Tag })
	n := len(tables)
	size := HeaderLen + n*RecordLen
	for _, t := range tables {
		size += pad4(len(t.Data))
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

	pos := HeaderLen + n*RecordLen
	headPos := -1
	for i, t := range tables {
		rec := out[HeaderLen+i*RecordLen:]
		copy(rec[0:4], t.Tag)
		body := out[pos : pos+len(t.Data)]
		copy(body, t.Data)
		if t.Tag == "head" && len(body) >= 12 {
			headPos = pos
			binary.BigEndian.PutUint32(body[8:], 0) // zero before checksumming
		}
		binary.BigEndian.PutUint32(rec[4:], Checksum(out[pos:pos+pad4(len(t.Data))]))
		binary.BigEndian.PutUint32(rec[8:], uint32(pos))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(t.Data)))
		pos += pad4(len(t.Data))
	}
	if headPos >= 0 {
		binary.BigEndian.PutUint32(out[headPos+8:], 0xB1B0AFBA-Checksum(out))
	}
	return out
}

func pad4(n int) int { return (n + 3) &^ 3 }

// Checksum is the OpenType table checksum: the sum of big-endian uint32
// words, the data zero-padded to a multiple of four bytes.
func Checksum(b []byte) uint32 {
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
