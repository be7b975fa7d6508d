package signing

import (
	"bytes"
	"fmt"
	"strconv"

	"ethicsdesk/signing/internal/pdf"
)

// appearance builds the widget's normal appearance: a thin frame with the
// signer, meaning and date. The opinion itself prints the full signature
// block; this only marks the spot in viewers. Text outside Latin-1 is
// replaced with '?', because the standard 14 fonts cannot show it, unless
// info.Font can draw every character (see appearance_font.go); its font
// objects are then added to u, the signature's own update.
func appearance(info SignatureInfo, u *pdf.Update) pdf.Raw {
	w := info.Rect[2] - info.Rect[0]
	h := info.Rect[3] - info.Rect[1]
	if w < 0 {
		w = -w
	}
	if h < 0 {
		h = -h
	}
	var content bytes.Buffer
	var font widgetFont
	if w <= 0 || h <= 0 {
		font = helvetica(u) // nothing is drawn in an invisible widget
	} else {
		fmt.Fprintf(&content, "q 0.5 w 0 0 %s %s re S Q\n", num(w), num(h))
		lines := appearanceLines(info)
		font = widgetFontFor(info.Font, lines, u)
		size := h / float64(len(lines)+1)
		if size > 9 {
			size = 9
		}
		content.WriteString("BT /" + font.resource + " " + num(size) + " Tf\n")
		for i, l := range lines {
			fmt.Fprintf(&content, "1 0 0 1 2 %s Tm ", num(h-float64(i+1)*size*1.2))
			pdf.Write(&content, font.encode(l))
			content.WriteString(" Tj\n")
		}
		content.WriteString("ET\n")
	}
	d := dictOf(
		"Type", pdf.Name("XObject"),
		"Subtype", pdf.Name("Form"),
		"BBox", pdf.Array{pdf.Integer(0), pdf.Integer(0), pdf.Real(num(w)), pdf.Real(num(h))},
		"Resources", dictOf("Font", dictOf(font.resource, font.dict)),
		"Length", pdf.Integer(content.Len()),
	)
	return rawStream(d, content.Bytes())
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

func latin1(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r == '—' || r == '–':
			out = append(out, '-')
		case r < 256:
			out = append(out, byte(r))
		default:
			out = append(out, '?')
		}
	}
	return out
}

// rawStream serialises a stream object's body; the incremental writer
// copies Raw objects verbatim.
func rawStream(d *pdf.Dict, data []byte) pdf.Raw {
	var b bytes.Buffer
	pdf.Write(&b, d)
	b.WriteString("\nstream\n")
	b.Write(data)
	b.WriteString("\nendstream")
	return pdf.Raw(b.Bytes())
}
