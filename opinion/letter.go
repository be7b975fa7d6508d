package opinion

import (
	"strings"
	"time"
)

// LetterKind is the purpose of a letter to a submitter.
type LetterKind int

const (
	Acknowledgement LetterKind = iota
	RequestForInformation
	DecisionNotice
)

// String is the kind's title in English.
func (k LetterKind) String() string { return k.Title(English) }

// Title is the kind's title in language l, also the default subject line.
func (k LetterKind) Title(l Language) string {
	switch k {
	case Acknowledgement:
		return l.pick("Acknowledgement of receipt", "受理回执")
	case RequestForInformation:
		return l.pick("Request for information", "补充材料通知")
	case DecisionNotice:
		return l.pick("Notice of decision", "决定通知书")
	}
	return l.pick("Letter", "函")
}

// Letter is a letter on the committee's letterhead. Paragraphs may come
// from the wording helpers (AcknowledgementText and friends).
type Letter struct {
	Letterhead
	Reference        string
	Date             time.Time
	Kind             LetterKind
	RecipientName    string
	RecipientAddress string
	Subject          string // the kind's title and the reference if empty
	Paragraphs       []string
	SignOff          string // name of the person signing
	SignOffRole      string
}

// RenderLetter typesets a letter.
func RenderLetter(l Letter) ([]byte, error) {
	lang := l.Language.orEnglish()
	subject := strings.TrimSpace(l.Subject)
	if subject == "" {
		subject = l.Kind.Title(lang)
		if ref := oneLine(l.Reference); ref != "" {
			subject += " — " + ref
		}
	}
	d := NewDocument(l.Letterhead, l.Reference, l.Date, subject)
	d.addressBlock(l.RecipientName, l.RecipientAddress, l.Reference, l.Date)
	d.Heading(subject)
	d.Paragraph(false, greeting(lang, oneLine(l.RecipientName)))
	for _, p := range l.Paragraphs {
		if strings.TrimSpace(p) != "" {
			d.Paragraph(false, p)
		}
	}
	d.Spacer(6)
	d.Paragraph(false, lang.pick("Yours sincerely,", "此致\n敬礼！"))
	d.Spacer(36) // room for a handwritten signature on the printed copy
	closing := strings.TrimSpace(oneLine(l.SignOff) + "\n" + oneLine(l.SignOffRole) + "\n" + oneLine(l.Name))
	d.Paragraph(false, closing)
	return d.Bytes()
}

// greeting opens a letter: "Dear Wang Xiaoming," or "尊敬的王小明：".
func greeting(l Language, name string) string {
	if name == "" {
		return l.pick("Dear Sir or Madam,", "尊敬的先生／女士：")
	}
	return l.pick("Dear "+name+",", "尊敬的"+name+"：")
}

// addressBlock prints the recipient on the left and the reference and
// date on the right, as in a window envelope letter.
func (d *Document) addressBlock(name, address, reference string, date time.Time) {
	recipient := strings.TrimSpace(oneLine(name) + "\n" + strings.TrimSpace(cleanText(address)))
	facts := []Field{{d.lang.ourReference(), oneLine(reference)}, {d.lang.date(), d.lang.FormatDate(date)}}
	d.use(bodySpec.style, recipient)
	for _, f := range facts {
		d.use(labelSpec.style, f.Label)
		d.use(bodySpec.style, f.Value)
	}
	d.add(func(w *writer) {
		top := w.y + 6
		y := top
		for _, ln := range w.wrap(recipient, bodySpec, textW*0.55) {
			w.drawLine(marginL, y, ln, bodySpec, 0, false)
			y += bodySpec.leading
		}
		x := marginL + textW*0.62
		fy := top
		for _, f := range facts {
			w.drawLine(x, fy, line{toks: []placed{{text: f.Label}}}, smallLabel, 0, false)
			fy += smallLabel.leading
			for _, ln := range w.wrap(f.Value, bodySpec, textW*0.38) {
				w.drawLine(x, fy, ln, bodySpec, 0, false)
				fy += bodySpec.leading
			}
			fy += 4
		}
		w.y = max(y, fy) + 18
	})
}

var smallLabel = textSpec{styleBold, 8.5, 12, 90}
