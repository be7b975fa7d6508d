package mailintake

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

func parseString(t *testing.T, raw string) *Message {
	t.Helper()
	m, err := Parse(strings.NewReader(raw))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return m
}

// repeatReader yields n copies of b without holding them in memory.
type repeatReader struct {
	b byte
	n int64
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > r.n {
		p = p[:r.n]
	}
	for i := range p {
		p[i] = r.b
	}
	r.n -= int64(len(p))
	return len(p), nil
}

func TestOversizedInputIsRefusedWithAClearMessage(t *testing.T) {
	_, err := Parse(&repeatReader{b: 'a', n: MaxMessageBytes + 1})
	var unreadable *UnreadableError
	if !errors.As(err, &unreadable) || !strings.Contains(err.Error(), "larger than 100 MB") {
		t.Fatalf("error = %v", err)
	}
}

func TestHugeHeaderDoesNotHang(t *testing.T) {
	subject := strings.Repeat("Very long subject ", 300_000) // ~5 MB on one line
	start := time.Now()
	m := parseString(t, "From: a@example.org\r\nSubject: "+subject+"\r\n\r\nBody\r\n")
	if time.Since(start) > 10*time.Second {
		t.Errorf("parsing a 5 MB header took %v", time.Since(start))
	}
	if got := []rune(m.SuggestedTitle()); len(got) != 200 {
		t.Errorf("SuggestedTitle has %d characters, want 200", len(got))
	}
}

func TestDeeplyNestedMultipartIsRefused(t *testing.T) {
	var b strings.Builder
	b.WriteString("From: a@example.org\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n")
	for range 2000 {
		b.WriteString("--x\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n")
	}
	_, err := Parse(strings.NewReader(b.String()))
	if err == nil || !strings.Contains(err.Error(), "nested too deeply") {
		t.Fatalf("error = %v", err)
	}
}

func TestHeadersThatAreNotMailAreRefused(t *testing.T) {
	_, err := Parse(strings.NewReader("Name: value\r\nOther: thing\r\n\r\nnot a mail\r\n"))
	if err == nil || !strings.Contains(err.Error(), "none of the usual e-mail headers") {
		t.Fatalf("error = %v", err)
	}
}

func TestControlCharactersAndLineEndingsAreCleaned(t *testing.T) {
	m := parseString(t, "From: a@example.org\nSubject: Line\x00one\x1b\r\n two\n"+
		"Content-Type: text/plain; charset=utf-8\n\n"+
		"\r\n  first\x00 line\r\nsecond\rthird\x7f\u0085\n\tindented\x0c\n\n")
	if m.Subject != "Line one two" {
		t.Errorf("Subject = %q", m.Subject)
	}
	if want := "first line\nsecond\nthird\n\tindented"; m.Body != want {
		t.Errorf("Body = %q, want %q", m.Body, want)
	}
}

func TestSuggestedTitleFallsBackToFirstBodyLine(t *testing.T) {
	long := strings.Repeat("审", 250)
	m := parseString(t, "From: a@example.org\r\nSubject:   \r\n\r\n\r\n   \r\n"+long+"\r\nsecond line\r\n")
	if got := m.SuggestedTitle(); got != strings.Repeat("审", 200) {
		t.Errorf("SuggestedTitle = %q (%d runes)", got, len([]rune(got)))
	}
	m = parseString(t, "From: a@example.org\r\nSubject: Real subject\r\n\r\nBody first line\r\n")
	if got := m.SuggestedTitle(); got != "Real subject" {
		t.Errorf("SuggestedTitle = %q", got)
	}
}

func TestMissingDateLeavesZeroTimeAndWarns(t *testing.T) {
	m := parseString(t, "From: a@example.org\r\nSubject: s\r\n\r\nb\r\n")
	if !m.Received.IsZero() {
		t.Errorf("Received = %v, want zero", m.Received)
	}
	if len(m.Warnings) != 1 || !strings.Contains(m.Warnings[0], "no date") {
		t.Errorf("Warnings = %q", m.Warnings)
	}
}

func TestUnparseableDateFallsBackToReceived(t *testing.T) {
	m := parseString(t, "Received: by mx; Tue, 4 Mar 2025 10:00:00 +0000\r\n"+
		"Date: sometime last week\r\nFrom: a@example.org\r\n\r\nb\r\n")
	if want := time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC); !m.Received.Equal(want) {
		t.Errorf("Received = %v, want %v", m.Received, want)
	}
	if len(m.Warnings) != 1 || !strings.Contains(m.Warnings[0], "mail server received it") {
		t.Errorf("Warnings = %q", m.Warnings)
	}
}

func TestMalformedFromStillYieldsNameAndAddress(t *testing.T) {
	for from, want := range map[string][2]string{
		"Jane Doe jane.doe@example.org":            {"Jane Doe", "jane.doe@example.org"},
		`"Doe, Jane" <jane.doe@example.org> (x`:    {"Doe, Jane (x", "jane.doe@example.org"},
		"The Secretary":                            {"The Secretary", ""},
		"=?UTF-8?B?5byg5LyfIOW8oOS8nw==?= <z@x.cn": {"张伟 张伟", "z@x.cn"},
	} {
		m := parseString(t, "From: "+from+"\r\nSubject: s\r\nDate: Tue, 4 Mar 2025 10:00:00 +0000\r\n\r\nb\r\n")
		if m.FromName != want[0] || m.FromAddress != want[1] {
			t.Errorf("From: %s gave %q <%s>, want %q <%s>", from, m.FromName, m.FromAddress, want[0], want[1])
		}
	}
}

func TestUnnamedAttachmentOfUnknownTypeGetsAName(t *testing.T) {
	m := parseString(t, "From: a@example.org\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"+
		"--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"+
		"--b\r\nContent-Type: application/x-unknown\r\nContent-Transfer-Encoding: base64\r\n\r\nAAEC\r\n"+
		"--b\r\nContent-Type: application/pdf; name=scan\r\n\r\n%PDF\r\n--b--\r\n")
	checkAttachments(t, m.Attachments, []wantAttachment{
		{"attachment-1.bin", "application/x-unknown", "ae4b3280e56e2faf83f414a6e3dabe9d5fbe18976544c05fed121accb85b53fc"},
		{"scan.pdf", "application/pdf", "315d429b7714cedb6ad04ac31240145257692630457f3c88253c5beceac76027"},
	})
}

func TestSanitizeFileName(t *testing.T) {
	for in, want := range map[string]string{
		"report.pdf":                      "report.pdf",
		"../../etc/passwd":                "passwd",
		`C:\Users\x\Desktop\a b.docx`:     "a b.docx",
		"bell\x07\x00name.txt":            "bellname.txt",
		`what?<is>"this"|*.pdf`:           "what__is__this___.pdf",
		"..":                              "",
		" .hidden ":                       "hidden",
		"申请书（最终版）.pdf":                    "申请书（最终版）.pdf",
		"dir/":                            "",
		strings.Repeat("x", 300) + ".pdf": strings.Repeat("x", 146) + ".pdf",
	} {
		if got := sanitizeFileName(in); got != want {
			t.Errorf("sanitizeFileName(%q) = %q, want %q", in, got, want)
		}
	}
}
