package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
)

// Limits for decompressing object streams while verifying: a hostile file
// must not make us inflate gigabytes or parse one member a million times.
const (
	maxObjStmObjects = 10000
)

// ObjStmBudget is what a whole file may spend on its object streams: bytes
// inflated and members parsed, across all streams.
type ObjStmBudget struct {
	Bytes   int64
	Members int
	Values  *int64 // the file's parsing budget (see Parser.WithBudget); nil = unlimited
}

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
// it holds, spending from budget. It returns nothing for filters other than
// FlateDecode. Member offsets must increase, and each member is read only
// up to where the next begins.
func ObjectStreamMembers(data []byte, s Stream, budget *ObjStmBudget) map[int]Object {
	if s.Dict.NameOf("Type") != "ObjStm" || budget.Bytes <= 0 || budget.Members <= 0 {
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
	raw := StreamData(data, s)
	budget.Bytes -= int64(len(raw)) // finding and reading it cost as much
	if budget.Bytes <= 0 {
		return nil
	}
	zr, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil
	}
	plain, _ := io.ReadAll(io.LimitReader(zr, budget.Bytes))
	budget.Bytes -= int64(len(plain))
	if int64(first) > int64(len(plain)) {
		return nil
	}
	p := NewBoundedParser(plain, 0, int(first)).WithBudget(budget.Values)
	out := map[int]Object{}
	type entry struct{ num, off int64 }
	var entries []entry
	for i := int64(0); i < int64(n) && budget.Members > 0; i++ {
		num, err1 := p.Int()
		off, err2 := p.Int()
		if err1 != nil || err2 != nil || num < 0 || num > 1<<31 || off < 0 || int64(first)+off > int64(len(plain)) {
			break
		}
		if len(entries) > 0 && off <= entries[len(entries)-1].off {
			break // offsets must increase; anything else is not a real object stream
		}
		entries = append(entries, entry{num, off})
		budget.Members--
	}
	for i, e := range entries {
		end := len(plain)
		if i+1 < len(entries) {
			end = int(int64(first) + entries[i+1].off)
		}
		if o, err := NewBoundedParser(plain, int(int64(first)+e.off), end).WithBudget(budget.Values).Object(); err == nil {
			out[int(e.num)] = o
		}
	}
	return out
}
