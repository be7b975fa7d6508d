package opinion

import (
	"bytes"
	"go/parser"
	gotoken "go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	embedded "ethicsdesk/assets/fonts"
)

// renderChildEnv makes the test binary, run as a child, render the
// sample opinion into the file it names and exit.
const renderChildEnv = "ETHICSDESK_TEST_RENDER_TO"

func TestMain(m *testing.M) {
	if out := os.Getenv(renderChildEnv); out != "" {
		pdf, _, err := Render(sampleOpinion(5))
		if err == nil {
			err = os.WriteFile(out, pdf, 0o644)
		}
		if err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestOpinionIsTheSameWhateverFontsTheSystemHas renders the same opinion
// in two processes: one with the machine's environment, one whose font
// override, home and XDG/fontconfig directories point at decoy files
// named like every font the renderer once looked for (each holding a
// different real font). The documents must be identical apart from
// their creation date, set in the embedded faces, and small.
func TestOpinionIsTheSameWhateverFontsTheSystemHas(t *testing.T) {
	decoys := t.TempDir()
	sans, err := embedded.Face(embedded.Sans)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf",
		"DejaVuSerif.ttf", "DejaVuSans.ttf", "times.ttf", "wqy-microhei.ttc", "wqy-zenhei.ttc", "msyh.ttc", "simsun.ttc"} {
		if err := os.WriteFile(filepath.Join(decoys, name), sans, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	empty := t.TempDir()
	hostile := []string{"ETHICSDESK_FONT_DIR=" + decoys, "HOME=" + empty, "XDG_DATA_HOME=" + decoys,
		"XDG_DATA_DIRS=" + decoys, "XDG_CONFIG_HOME=" + empty, "FONTCONFIG_PATH=" + empty}
	a := renderInChild(t, nil)
	b := renderInChild(t, hostile)
	if !bytes.Equal(withoutDates(a), withoutDates(b)) {
		t.Fatal("the opinion rendered with decoy system fonts differs from the one rendered normally")
	}
	if len(a) > 200_000 {
		t.Errorf("a five-section bilingual opinion is %d bytes; subset embedding should keep it under 200 KB", len(a))
	}
	// Latin regular, bold and italic and the Chinese face, each embedded.
	if embeddedFonts := regexp.MustCompile(`(?m)CID TrueType\s+Identity-H\s+yes `).FindAllString(pdfTool(t, "pdffonts", a), -1); len(embeddedFonts) != 4 {
		t.Errorf("pdffonts lists %d embedded TrueType faces, want 4:\n%s", len(embeddedFonts), pdfTool(t, "pdffonts", a))
	}
	if got := squash(pdfTool(t, "pdftotext", b)); !strings.Contains(got, squash(chineseSentence)) {
		t.Error("the Chinese text does not read back from the opinion rendered among decoy fonts")
	}
}

func renderInChild(t *testing.T, env []string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "opinion.pdf")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), env...), renderChildEnv+"="+out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("rendering in a child process: %v\n%s", err, msg)
	}
	pdf, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

var pdfDate = regexp.MustCompile(`\(D:[0-9+\-Z']+\)`)

func withoutDates(pdf []byte) []byte { return pdfDate.ReplaceAll(pdf, []byte("(D:)")) }

// TestRendererCannotOpenFiles keeps the renderer and the font code it
// uses from reading anything from disk: none of their files imports a
// package that opens files, so no later change can quietly bring system
// fonts back.
func TestRendererCannotOpenFiles(t *testing.T) {
	for _, dir := range []string{".", "../internal/font", "../assets/fonts"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no Go files in %s", dir)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			parsed, err := parser.ParseFile(gotoken.NewFileSet(), f, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range parsed.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				switch path {
				case "os", "io/ioutil", "path/filepath", "syscall", "os/exec":
					t.Errorf("%s imports %s: the renderer must take its fonts from the binary only", f, path)
				}
			}
		}
	}
}
