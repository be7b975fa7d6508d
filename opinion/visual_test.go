package opinion

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestWriteSamples renders a sample opinion and letter and rasterises
// them, for a person to look at. It writes only to a temporary
// directory, printed with -v; set OPINION_SAMPLES_DIR to keep them.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("OPINION_SAMPLES_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	o := sampleOpinion(2)
	o.Draft = true
	o.Corrects = "EC-2026-0017"
	pdf, _, err := Render(o)
	if err != nil {
		t.Fatal(err)
	}
	l := sampleLetter(RequestForInformation)
	l.Logo = testPNG(t)
	letter, err := RenderLetter(l)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"opinion": pdf, "letter": letter} {
		p := filepath.Join(dir, name+".pdf")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := exec.LookPath("pdftoppm"); err == nil {
			if out, err := exec.Command("pdftoppm", "-png", "-r", "60", p, filepath.Join(dir, name)).CombinedOutput(); err != nil {
				t.Fatalf("pdftoppm: %v %s", err, out)
			}
		}
	}
	t.Logf("samples in %s", dir)
}
