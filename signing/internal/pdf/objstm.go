package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
)

// Limits for decompressing object streams while verifying: a hostile file
// must not make us inflate gigabytes.
const (
	maxObjStmBytes   = 8 << 20
	maxObjStmObjects = 100000
)

// StreamData returns the raw (still encoded) bytes of s: /Length when it is a
// direct number that fits, else up to the next "endstream".
func StreamData(data []byte, s Stream) []byte {
	start := s.DataStart
	if start < 0 || start > len(data) {
		return nil
	}
	if n, ok := s.Dict.Get("Length").(Integer); ok && n >= 0 && int64(n) <= int64(len(data)-start) {
		return data[start : start+int(n)]
	}
	end := bytes.Index(data[start:], []byte("endstream"))
	if end < 0 {
		return data[start:]
	}
	return bytes.TrimRight(data[start:start+end], "\r\n")
}

// ObjectStreamMembers decodes a /Type /ObjStm stream and returns the objects
// it holds. It returns nothing for filters other than FlateDecode.
func ObjectStreamMembers(data []byte, s Stream) map[int]Object {
	if s.Dict.NameOf("Type") != "ObjStm" {
		return nil
	}
	switch f := s.Dict.Get("Filter").(type) {
	case Name:
		if f != "FlateDecode" {
			return nil
		}
	case Array:
		if len(f) != 1 || f[0] != Name("FlateDecode") {
			return nil
		}
	default:
		return nil
	}
	if s.Dict.Get("DecodeParms") != nil {
		return nil // predictors are not used for object streams in practice
	}
	n, ok1 := s.Dict.Get("N").(Integer)
	first, ok2 := s.Dict.Get("First").(Integer)
	if !ok1 || !ok2 || n < 0 || n > maxObjStmObjects || first < 0 {
		return nil
	}
	zr, err := zlib.NewReader(bytes.NewReader(StreamData(data, s)))
	if err != nil {
		return nil
	}
	plain, _ := io.ReadAll(io.LimitReader(zr, maxObjStmBytes))
	if int64(first) > int64(len(plain)) {
		return nil
	}
	p := NewParser(plain, 0)
	out := map[int]Object{}
	type entry struct{ num, off int64 }
	var entries []entry
	for i := int64(0); i < int64(n); i++ {
		num, err1 := p.Int()
		off, err2 := p.Int()
		if err1 != nil || err2 != nil || num < 0 || num > 1<<31 || off < 0 || off > int64(len(plain)) {
			break
		}
		entries = append(entries, entry{num, off})
	}
	for _, e := range entries {
		at := int64(first) + e.off
		if at > int64(len(plain)) {
			continue
		}
		if o, err := NewParser(plain, int(at)).Object(); err == nil {
			out[int(e.num)] = o
		}
	}
	return out
}
