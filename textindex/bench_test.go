package textindex

import (
	"strings"
	"testing"
)

// bilingualNote is about 2 KB of the mixed English and Chinese text a
// committee note holds.
var bilingualNote = func() string {
	para := "The committee reviewed the facial recognition deployment and asked for a data protection impact assessment. " +
		"委员会审查了人脸识别系统的部署，并要求提交个人信息保护影响评估报告。" +
		"Consent (同意) must be informed; 隐私 risks were rated high.\n"
	return strings.Repeat(para, 2048/len(para)+1)[:2048]
}()

func BenchmarkIndexTextBilingual2KB(b *testing.B) {
	b.SetBytes(int64(len(bilingualNote)))
	for b.Loop() {
		IndexText(bilingualNote)
	}
}

func BenchmarkIndexTextEnglish2KB(b *testing.B) {
	note := strings.Repeat("The committee reviewed the algorithmic audit and found bias in hiring. ", 30)[:2048]
	b.SetBytes(int64(len(note)))
	for b.Loop() {
		IndexText(note)
	}
}

func BenchmarkParseQuery(b *testing.B) {
	for b.Loop() {
		ParseQuery(`人脸识别 "facial recognition" algorith* -draft OR 隐私`)
	}
}

func BenchmarkSnippet2KB(b *testing.B) {
	terms := ParseQuery(`人脸识别 "impact assessment" 隐私`).Terms
	for b.Loop() {
		Snippet(bilingualNote, terms, 160)
	}
}
