package mailintake

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// FuzzParse checks that no input makes Parse panic or return something the
// form cannot show safely: either an UnreadableError or a Message whose
// text fields are free of control characters and whose attachment names
// are plain file names.
func FuzzParse(f *testing.F) {
	fixtures, err := filepath.Glob(filepath.Join("testdata", "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, path := range fixtures {
		if data, err := os.ReadFile(path); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(bytes.NewReader(data))
		if err != nil {
			var unreadable *UnreadableError
			if !errors.As(err, &unreadable) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		for _, line := range []string{m.Subject, m.FromName, m.FromAddress, m.SuggestedTitle()} {
			if strings.IndexFunc(line, unicode.IsControl) >= 0 {
				t.Fatalf("control character in %q", line)
			}
		}
		if strings.IndexFunc(m.Body, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }) >= 0 {
			t.Fatalf("control character in body %q", m.Body)
		}
		for _, a := range m.Attachments {
			if a.FileName == "" || strings.ContainsAny(a.FileName, `/\`) || a.FileName == "." || a.FileName == ".." ||
				strings.IndexFunc(a.FileName, unicode.IsControl) >= 0 {
				t.Fatalf("unsafe attachment name %q", a.FileName)
			}
		}
	})
}
