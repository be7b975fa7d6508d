package issuing_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"ethicsdesk/opinion"
)

// TestSignatureWidgetsShowChineseNames checks that each signer's widget
// draws the name as written (陈杰, 王芳) with an embedded font, instead of
// Helvetica's "??", and that the text reads back through /ToUnicode.
func TestSignatureWidgetsShowChineseNames(t *testing.T) {
	if _, ok := opinion.SubsetFontFor("王芳"); !ok {
		t.Fatal("no installed TrueType font draws Chinese: run scripts/install-deps.sh (fonts-wqy-microhei)")
	}
	w := newWorld(t)
	pdf := w.issue(t)
	if dir := os.Getenv("ISSUING_KEEP"); dir != "" {
		_ = os.WriteFile(dir+"/issued-opinion.pdf", pdf, 0o644)
	}
	rep, err := w.Keys.Verify(context.Background(), pdf)
	if err != nil || !rep.OK() || len(rep.Signatures) != 2 {
		t.Fatalf("the opinion with embedded widget fonts does not verify: %v\n%s", err, rep)
	}

	// The rendered opinion ends at its first %%EOF; each signature is one
	// incremental update after it, holding its widget and font.
	eof := []byte("%%EOF")
	rest := pdf[bytes.Index(pdf, eof)+len(eof):]
	var updates []string
	for _, part := range bytes.SplitAfter(rest, eof) {
		if bytes.Contains(part, eof) {
			updates = append(updates, string(part))
		}
	}
	if len(updates) != 2 {
		t.Fatalf("found %d signature updates, want 2", len(updates))
	}
	for i, name := range []string{w.Rapporteur.Name(), w.Chair.Name()} {
		u := updates[i]
		if !strings.Contains(u, "/Subtype /Type0") || !strings.Contains(u, "/ToUnicode") {
			t.Errorf("the widget of %s has no embedded composite font", name)
			continue
		}
		if got, want := firstWidgetLine(t, u), "Digitally signed by "+name; got != want {
			t.Errorf("widget reads %q, want %q", got, want)
		}
	}
}

// firstWidgetLine decodes the widget's first Tj (glyph ids) through the
// update's ToUnicode CMap.
func firstWidgetLine(t *testing.T, update string) string {
	t.Helper()
	toUnicode := map[string]string{}
	for _, m := range regexp.MustCompile(`<([0-9A-F]{4})> <([0-9A-F]+)>`).FindAllStringSubmatch(update, -1) {
		b, _ := hex.DecodeString(m[2])
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
		toUnicode[m[1]] = string(utf16.Decode(u))
	}
	m := regexp.MustCompile(`<([0-9A-F]*)> Tj`).FindStringSubmatch(update)
	if m == nil {
		t.Fatal("the widget draws no glyph-id text")
	}
	var line strings.Builder
	for i := 0; i+4 <= len(m[1]); i += 4 {
		s, ok := toUnicode[m[1][i:i+4]]
		if !ok {
			t.Fatalf("glyph %s has no ToUnicode entry", m[1][i:i+4])
		}
		line.WriteString(s)
	}
	return line.String()
}
