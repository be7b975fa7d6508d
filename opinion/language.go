package opinion

import (
	"fmt"
	"time"
)

// Language is the language of a document's fixed texts — labels, headings
// of the signature block, the page numbers, the letters' wording — and of
// its dates. The text a person wrote (paragraphs, names) is printed as
// written, whatever the language.
type Language string

const (
	English Language = "en"
	Chinese Language = "zh-Hans"
	// Bilingual prints each fixed text in Chinese with its English beside
	// it, for committees that issue in both languages.
	Bilingual Language = "zh-Hans+en"
)

// Languages lists the document languages in the order a chooser shows them.
var Languages = []Language{English, Chinese, Bilingual}

// Known reports whether l is one of Languages.
func (l Language) Known() bool {
	for _, k := range Languages {
		if l == k {
			return true
		}
	}
	return false
}

// orEnglish is l, or English for an empty or unknown language, so that a
// document always has one.
func (l Language) orEnglish() Language {
	if l.Known() {
		return l
	}
	return English
}

// pick returns the text for l from its English and Chinese forms; a
// bilingual document gets "中文 English".
func (l Language) pick(en, zh string) string {
	switch l.orEnglish() {
	case Chinese:
		return zh
	case Bilingual:
		if zh == en {
			return zh
		}
		return zh + " " + en
	}
	return en
}

// Text is pick for callers outside the package (the issuing layer), which
// word the texts they pass in the same way.
func (l Language) Text(en, zh string) string { return l.pick(en, zh) }

// FormatDate prints a date as formal documents in l do: "24 November 2026",
// "2026年11月24日"; the zero time prints as nothing.
func (l Language) FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	en := t.Format("2 January 2006")
	zh := fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
	switch l.orEnglish() {
	case Chinese:
		return zh
	case Bilingual:
		return zh + "（" + en + "）"
	}
	return en
}

// FormatSigningTime prints a signing instant in UTC, unambiguous for
// readers in any time zone: "24 November 2026 14:05 UTC",
// "2026年11月24日 14:05（UTC）".
func (l Language) FormatSigningTime(t time.Time) string {
	t = t.UTC()
	clock := t.Format("15:04")
	en := t.Format("2 January 2006") + " " + clock + " UTC"
	zh := fmt.Sprintf("%d年%d月%d日 %s（协调世界时）", t.Year(), int(t.Month()), t.Day(), clock)
	return l.pick(en, zh)
}

// pageOf is the page number in the footer: "Page 3 of 5", "第3页，共5页".
func (l Language) pageOf(n, total int) string {
	return l.pick(fmt.Sprintf("Page %d of %d", n, total), fmt.Sprintf("第%d页，共%d页", n, total))
}

// The fixed texts of documents, each in English and Chinese.
func (l Language) reference() string    { return l.pick("Reference", "编号") }
func (l Language) ourReference() string { return l.pick("Our reference", "我方编号") }
func (l Language) date() string         { return l.pick("Date", "日期") }
func (l Language) decision() string     { return l.pick("Decision", "决定") }
func (l Language) signatures() string   { return l.pick("Signatures", "签名") }
func (l Language) draftMark() string    { return l.pick("DRAFT — not issued", "草稿 — 未出具") }
func (l Language) watermark() string    { return l.pick("DRAFT", "草稿") }
func (l Language) corrects(ref string) string {
	return l.pick("This opinion corrects opinion "+ref+", which it replaces.",
		"本意见书更正并取代编号为 "+ref+" 的意见书。")
}
func (l Language) signedAwaiting() string {
	return l.pick("Signed: awaiting signature", "签署：待签署")
}
func (l Language) signed(when string) string {
	return l.pick("Signed: "+when, "签署时间："+when)
}
func (l Language) meaningOfSignature(m string) string {
	return l.pick("Meaning of signature: "+m, "签名含义："+m)
}

// chars is every character the fixed texts of l may draw, so that their
// glyphs are in the embedded font subsets before the pages are laid out.
func (l Language) chars() string {
	return l.pageOf(0, 123456789) + l.reference() + l.ourReference() + l.date() + l.decision() +
		l.signatures() + l.draftMark() + l.watermark() + l.signedAwaiting() + l.signed("") +
		l.meaningOfSignature("") + l.corrects("") + l.FormatDate(time.Date(2006, 12, 30, 0, 0, 0, 0, time.UTC)) +
		l.FormatSigningTime(time.Time{}) + " ·:—0123456789"
}
