package assets

import "testing"

// A sentence a layer built with values is put into Chinese by its
// template: the values keep their place, a status or a role inside it is
// translated, a date is written as Chinese writes dates, a list is said
// item by item, and a sentence joined from a name and a problem is said
// part by part; a sentence nothing knows comes back as it was.
func TestSentencesBuiltWithValuesAreSaidInChinese(t *testing.T) {
	withLocale(t, map[string]string{"LANG": "zh_CN.UTF-8"})
	if err := LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"Too long: 212 characters, at most 200.":                                                "过长：212 个字符，最多 200 个。",
		"Dr. Chen (Jie) is recused for case EC-2026-0007 and cannot vote on it.":                "Dr. Chen (Jie) 已就案件 EC-2026-0007 回避，不能对其表决。",
		"A case that is Closed cannot move to Under review.":                                    "处于“已结案”的案件不能转为“审查中”。",
		"Created the account sun (member).":                                                     "创建了账户 sun（委员）。",
		"Register: this is the opinion issued for EC-2026-0010 on 4 October 2026 at 19:32 UTC.": "登记簿：这是 2026年10月4日 19:32 UTC 为 EC-2026-0010 出具的意见书。",
		"adds objects 42 (a signature field), 41 (a signature).":                                "新增对象 42（一个签名字段）、41（一个签名）。",
		"opinion 3 of case EC-2026-0001: its signed PDF is missing":                             "案件 EC-2026-0001 的第 3 号意见书：其已签署的 PDF 缺失",
		"Something no file knows.":                                                              "Something no file knows.",
	} {
		if got := Sentence(in); got != want {
			t.Errorf("%q\n  reads %q\n  want  %q", in, got, want)
		}
	}
	// The same sentence in English stays English once the language changes.
	withLocale(t, map[string]string{"LANG": "en_US.UTF-8"})
	if err := LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	if got := Sentence("Too long: 212 characters, at most 200."); got != "Too long: 212 characters, at most 200." {
		t.Errorf("in English: %q", got)
	}
}
