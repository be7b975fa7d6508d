package opinion

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// chineseOpinion is the sample opinion as a Chinese committee issues it:
// Chinese headings and labels from the caller, Chinese fixed texts here.
func chineseOpinion(l Language, sections int) Opinion {
	o := sampleOpinion(sections)
	o.Letterhead.Language = l
	o.Letterhead.Name = "深圳市人工智能伦理委员会"
	zh := []string{"背景", "审议的问题", "认定", "理由", "建议或条件"}
	for i := range o.Sections {
		o.Sections[i].Heading = zh[i%len(zh)]
	}
	o.DecisionLabel = ""
	return o
}

// A Chinese opinion prints its fixed texts, dates and page numbers in
// Chinese, and pdftotext finds them; nothing of the English furniture is left.
func TestAChineseOpinionPrintsChineseFurniture(t *testing.T) {
	pdf, _, err := Render(chineseOpinion(Chinese, 8))
	if err != nil {
		t.Fatal(err)
	}
	text := pdfTool(t, "pdftotext", pdf)
	flat := squash(text)
	pages := pageCount(t, pdf)
	for _, want := range []string{"背景", "审议的问题", "理由", "编号", "2026年11月24日", "签名", "签名含义：",
		"第1页，共" + strconv.Itoa(pages) + "页", "第" + strconv.Itoa(pages) + "页，共" + strconv.Itoa(pages) + "页", "决定", "签署：待签署"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the Chinese opinion lacks %q", want)
		}
	}
	for _, gone := range []string{"Page 1 of", "Signatures", "Reference", "Meaning of signature", "November"} {
		if strings.Contains(text, gone) {
			t.Errorf("the Chinese opinion still prints %q", gone)
		}
	}
}

// A bilingual opinion prints both: 第1页，共N页 and Page 1 of N.
func TestABilingualOpinionPrintsBoth(t *testing.T) {
	pdf, _, err := Render(chineseOpinion(Bilingual, 2))
	if err != nil {
		t.Fatal(err)
	}
	flat := squash(pdfTool(t, "pdftotext", pdf))
	for _, want := range []string{"第1页，共", "Page1of", "签名Signatures", "2026年11月24日（24November2026）"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the bilingual opinion lacks %q", want)
		}
	}
}

// Chinese typesetting: no line of a Chinese paragraph starts with closing
// punctuation (。，、）》…) or ends with opening punctuation (（《…).
func TestChineseLinesNeverStartWithClosingPunctuation(t *testing.T) {
	o := chineseOpinion(Chinese, 1)
	para := strings.Repeat("委员会认为，该系统（“评分模型”）在处理《个人信息保护法》规定的敏感个人信息时，未履行告知义务。", 30)
	o.Sections = []Section{{Heading: "理由", Paragraphs: []string{para}}}
	pdf, _, err := Render(o)
	if err != nil {
		t.Fatal(err)
	}
	lines := 0
	for _, ln := range strings.Split(pdfTool(t, "pdftotext", pdf, "-layout"), "\n") {
		ln = strings.TrimSpace(ln)
		if !strings.ContainsAny(ln, "委员会认为") || ln == "" {
			continue
		}
		lines++
		first, _ := utf8.DecodeRuneInString(ln)
		last, _ := utf8.DecodeLastRuneInString(ln)
		if strings.ContainsRune("，。、；：？！）》」』】〕〉…”’", first) {
			t.Errorf("a line starts with %q: %s", first, ln)
		}
		if strings.ContainsRune("（《「『【〔〈“‘", last) {
			t.Errorf("a line ends with %q: %s", last, ln)
		}
	}
	if lines < 10 {
		t.Fatalf("only %d lines of the paragraph were found", lines)
	}
}

// Letters in Chinese greet and close as Chinese letters do.
func TestAChineseLetter(t *testing.T) {
	l := sampleLetter(RequestForInformation)
	l.Letterhead.Language = Chinese
	l.RecipientName = "王小明"
	l.Paragraphs = RequestForInformationText(Chinese, l.Reference, []string{"算法备案材料"}, testDate.AddDate(0, 0, 14))
	pdf, err := RenderLetter(l)
	if err != nil {
		t.Fatal(err)
	}
	flat := squash(pdfTool(t, "pdftotext", pdf))
	for _, want := range []string{"尊敬的王小明：", "补充材料通知", "（1）算法备案材料", "请于2026年12月8日前提供", "此致", "敬礼！", "我方编号", "第1页，共1页"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the Chinese letter lacks %q:\n%s", want, flat)
		}
	}
	if strings.Contains(flat, "Dear") {
		t.Error("the Chinese letter says Dear")
	}
}
