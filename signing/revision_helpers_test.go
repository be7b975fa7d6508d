package signing

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"testing"
)

var (
	lastStartxref = regexp.MustCompile(`startxref\s+(\d+)`)
	trailerRoot   = regexp.MustCompile(`/Root\s+(\d+ \d+ R)`)
	trailerSize   = regexp.MustCompile(`/Size\s+(\d+)`)
)

// appendUpdate appends one incremental update to doc, as an editor would:
// the objects (number -> the text between "obj" and "endobj"), a classic
// cross-reference section for them and a trailer chained to the file's
// last one.
func appendUpdate(t testing.TB, doc []byte, objs map[int]string) []byte {
	t.Helper()
	xrefs := lastStartxref.FindAllSubmatch(doc, -1)
	roots := trailerRoot.FindAllSubmatch(doc, -1)
	sizes := trailerSize.FindAllSubmatch(doc, -1)
	if len(xrefs) == 0 || len(roots) == 0 || len(sizes) == 0 {
		t.Fatal("the document has no trailer to chain an update to")
	}
	size, _ := strconv.Atoi(string(sizes[len(sizes)-1][1]))
	nums := make([]int, 0, len(objs))
	for n := range objs {
		nums = append(nums, n)
		size = max(size, n+1)
	}
	sort.Ints(nums)
	var b bytes.Buffer
	b.Write(doc)
	if !bytes.HasSuffix(doc, []byte("\n")) {
		b.WriteByte('\n')
	}
	offs := map[int]int{}
	for _, n := range nums {
		offs[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, objs[n])
	}
	xref := b.Len()
	b.WriteString("xref\n")
	for _, n := range nums {
		fmt.Fprintf(&b, "%d 1\n%010d 00000 n\r\n", n, offs[n])
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root %s /Prev %s>>\nstartxref\n%d\n%%%%EOF\n",
		size, roots[len(roots)-1][1], xrefs[len(xrefs)-1][1], xref)
	return b.Bytes()
}

// latestDefinition returns the text of object num's last definition in doc,
// between "obj" and "endobj".
func latestDefinition(t testing.TB, doc []byte, num int) string {
	t.Helper()
	re := regexp.MustCompile(fmt.Sprintf(`(?s)(?:^|\n)%d 0 obj\s*(.*?)\s*endobj`, num))
	all := re.FindAllSubmatch(doc, -1)
	if len(all) == 0 {
		t.Fatalf("object %d is not in the document", num)
	}
	return string(all[len(all)-1][1])
}

// verifyAgainstCommittee verifies doc with the fixture's root as trusted.
func verifyAgainstCommittee(t testing.TB, fx *fixture, doc []byte) *Report {
	t.Helper()
	r, err := Verify(doc, RootPool(fx.root.Cert))
	if err != nil {
		t.Fatal(err)
	}
	return r
}
