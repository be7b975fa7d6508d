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
func ScanObjects(data []byte, from, to int) []Header {
	if from < 0 {
		from = 0
	}
	if to > len(data) {
		to = len(data)
	}
	var out []Header
	pos := from
	for pos < to {
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
		for j >= 0 && isWhite(data[j]) {
			j--
		}
		genEnd := j + 1
		for j >= 0 && data[j] >= '0' && data[j] <= '9' {
			j--
		}
		if j+1 == genEnd || genEnd-(j+1) > 5 || j < 0 || !isWhite(data[j]) {
			continue
		}
		for j >= 0 && isWhite(data[j]) {
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
