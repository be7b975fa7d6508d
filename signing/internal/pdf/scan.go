package pdf

import "bytes"

// Header is where an indirect object "num gen obj" begins.
type Header struct {
	Ref    Ref
	Offset int
}

// ScanObjects finds every "num gen obj" header that starts in data[from:to],
// without trusting any cross-reference table. Verification uses it because
// files from other tools may have broken, compressed or misleading xrefs.
// It stops after limit headers (limit <= 0 means no limit), so a hostile
// file of millions of headers cannot make it allocate without bound.
func ScanObjects(data []byte, from, to, limit int) []Header {
	if from < 0 {
		from = 0
	}
	if to > len(data) {
		to = len(data)
	}
	var out []Header
	pos := from
	for pos < to && (limit <= 0 || len(out) < limit) {
		i := bytes.Index(data[pos:to], []byte("obj"))
		if i < 0 {
			break
		}
		at := pos + i
		pos = at + 3
		if at+3 < len(data) && !isWhite(data[at+3]) && !isDelimiter(data[at+3]) {
			continue
		}
		// Walk backwards: whitespace, generation digits, whitespace, number digits.
		j := at - 1
		if j < 0 || !isWhite(data[j]) {
			continue
		}
		for k := 0; j >= 0 && isWhite(data[j]) && k < maxHeaderSpace; k++ {
			j--
		}
		genEnd := j + 1
		for j >= 0 && data[j] >= '0' && data[j] <= '9' {
			j--
		}
		if j+1 == genEnd || genEnd-(j+1) > 5 || j < 0 || !isWhite(data[j]) {
			continue
		}
		for k := 0; j >= 0 && isWhite(data[j]) && k < maxHeaderSpace; k++ {
			j--
		}
		numEnd := j + 1
		for j >= 0 && data[j] >= '0' && data[j] <= '9' {
			j--
		}
		if j+1 == numEnd || numEnd-(j+1) > 10 {
			continue
		}
		if j >= 0 && !isWhite(data[j]) && !isDelimiter(data[j]) {
			continue
		}
		start := j + 1
		if start < from {
			continue
		}
		r, _, err := NewParser(data, start).headerOnly()
		if err != nil {
			continue
		}
		out = append(out, Header{Ref: r, Offset: start})
	}
	return out
}

// maxHeaderSpace bounds the whitespace walked back over between the parts
// of one header, so a run of spaces is not re-read for every "obj".
const maxHeaderSpace = 64

func (p *Parser) headerOnly() (Ref, bool, error) {
	num, err := p.Int()
	if err != nil {
		return Ref{}, false, err
	}
	gen, err := p.Int()
	if err != nil {
		return Ref{}, false, err
	}
	if num < 0 || num > 1<<31 || gen < 0 || gen > 65535 || p.Keyword() != "obj" {
		return Ref{}, false, errEOF
	}
	return Ref{Num: int(num), Gen: int(gen)}, true, nil
}
