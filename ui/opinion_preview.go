package ui

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// previewDPI is the resolution of the preview pages: an A4 page is then
// about 800 pixels tall, readable without zooming.
const previewDPI = 96

// showPreview renders the opinion as it stands and shows its pages in a
// window. The pages are drawn by poppler's pdftoppm where it is installed
// (it is on Linux desktops and in CI); without it the PDF opens in the
// system's PDF viewer instead.
func (ed *opinionEditor) showPreview() {
	d, caseID, ref := ed.d, ed.caseID, ed.c.Reference
	ed.problem.set(lang.L("Preparing the preview…"))
	d.load(ed.win, ed.problem.set, nil, func() (func(), error) {
		pdf, err := d.svc.PreviewOpinion(context.Background(), d.actor, caseID)
		var pages [][]byte
		if err == nil {
			pages, err = renderPages(pdf, previewDPI)
		}
		return func() {
			ed.problem.set("")
			switch {
			case err == errNoRenderer:
				openPDFInViewer(d, pdf, ref, ed.win)
			case err != nil:
				showError(err, ed.win)
			default:
				d.showPages(lang.L("Preview")+" — "+ref, pages, pdf, ref)
			}
		}, unreachableIn(err)
	})
}

var errNoRenderer = fmt.Errorf("pdftoppm is not installed")

// renderPages turns a PDF into one PNG per page with pdftoppm.
func renderPages(pdf []byte, dpi int) ([][]byte, error) {
	tool, err := exec.LookPath("pdftoppm")
	if err != nil {
		return nil, errNoRenderer
	}
	dir, err := os.MkdirTemp("", "ethicsdesk-preview-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "opinion.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		return nil, err
	}
	out, err := exec.Command(tool, "-png", "-r", fmt.Sprint(dpi), in, filepath.Join(dir, "page")).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("%s: %s", lang.L("The preview could not be drawn"), out)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
	// pdftoppm pads page numbers to the same width, so names sort in page order.
	sort.Strings(names)
	var pages [][]byte
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		pages = append(pages, b)
	}
	return pages, nil
}

// showPages shows rendered pages one under the other, with a button to
// open the PDF itself in the system viewer (to print it, for instance).
func (d *desk) showPages(title string, pages [][]byte, pdf []byte, ref string) fyne.Window {
	w := d.app.NewWindow(title)
	box := container.NewVBox()
	for i, p := range pages {
		img := canvas.NewImageFromResource(fyne.NewStaticResource(fmt.Sprintf("page-%d.png", i+1), p))
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSize(794*0.9, 1123*0.9))
		box.Add(img)
	}
	open := widget.NewButtonWithIcon(lang.L("Open in PDF viewer"), theme.FileIcon(), func() { openPDFInViewer(d, pdf, ref, w) })
	count := widget.NewLabel(lang.N("{{.Count}} page", len(pages), map[string]any{"Count": len(pages)}))
	w.SetContent(container.NewBorder(container.NewHBox(open, count), nil, nil, nil, container.NewVScroll(container.NewCenter(box))))
	w.Resize(fyne.NewSize(800, 900))
	closeOnEscape(w, w.Close)
	w.Show()
	return w
}

// openPDFInViewer writes pdf to a temporary file and asks the system to
// open it.
func openPDFInViewer(d *desk, pdf []byte, ref string, parent fyne.Window) {
	f, err := os.CreateTemp("", "ethicsdesk-"+safeFileName(ref)+"-*.pdf")
	if err == nil {
		_, err = f.Write(pdf)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		showError(fmt.Errorf("%s: %w", lang.L("The PDF could not be written to a temporary file"), err), parent)
		return
	}
	u, _ := url.Parse(storage.NewFileURI(f.Name()).String())
	if err := d.app.OpenURL(u); err != nil {
		showError(err, parent)
	}
}

// safeFileName keeps letters, digits and dashes of a reference for a file name.
func safeFileName(s string) string {
	out := []rune{}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			out = append(out, r)
		default:
			out = append(out, '-')
		}
	}
	if len(out) == 0 {
		return "document"
	}
	return string(out)
}
