package cli

import (
	"io"
	"strings"

	"ethicsdesk/assets"
)

// The commands speak the system's language (LANG, LC_ALL or LANGUAGE):
// run wraps stdout and stderr in a speaker, which puts each sentence
// written to it into that language (assets.Sentence: a fixed sentence by
// its key, a sentence built with values by its template in
// assets/translations). Commands keep writing their messages in English;
// what they print as data — search results, lists, CSV — goes to the
// writer under the speaker (plain), unchanged in every language.

// speaker writes text in the system's language, one Write at a time: the
// whole text when the translations know it, else each line (keeping its
// indentation, its "- " bullet and a "command: " prefix).
type speaker struct{ w io.Writer }

func (s speaker) Write(p []byte) (int, error) {
	assets.WaitTranslations()
	if _, err := io.WriteString(s.w, speak(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// speaking wraps w in a speaker. The system language's translations are
// loaded on another goroutine meanwhile (the window, which may print
// nothing, need not wait for them before it starts the graphics); the
// speaker waits for them at its first sentence.
func speaking(w io.Writer) io.Writer {
	if _, ok := w.(speaker); ok {
		return w
	}
	assets.PreloadTranslations()
	return speaker{w}
}

// plain is the writer under a speaker: for data that must read the same
// in every language.
func plain(w io.Writer) io.Writer {
	if s, ok := w.(speaker); ok {
		return s.w
	}
	return w
}

// speak is text in the system's language.
func speak(text string) string {
	body := strings.TrimRight(text, "\n")
	end := text[len(body):]
	if t := assets.Sentence(body); t != body {
		return t + end
	}
	lines := strings.Split(body, "\n")
	for i, l := range lines {
		lines[i] = speakLine(l)
	}
	return strings.Join(lines, "\n") + end
}

func speakLine(l string) string {
	if t := assets.Lines(l); t != l {
		return t
	}
	// "verify: cannot read …": the command's name stays, the rest is said.
	if cmd, rest, ok := strings.Cut(l, ": "); ok && isCommandName(cmd) {
		if t := assets.Lines(rest); t != rest {
			return cmd + ": " + t
		}
		// "verify: FILE.pdf: the reason": the file's name stays too.
		if name, reason, ok := strings.Cut(rest, ": "); ok && !strings.Contains(name, " ") {
			return cmd + ": " + name + ": " + assets.Sentence(reason)
		}
	}
	return l
}

func isCommandName(s string) bool {
	if _, ok := subcommands[s]; ok {
		return true
	}
	switch s {
	case "ethicsdesk", "translations", "automatic backup":
		return true
	}
	return false
}

// inSystemLanguage returns what turns an English text into the system's
// language: the translation when the files carry the text, else the text
// as it is.
func inSystemLanguage() func(string) string {
	assets.WaitTranslations()
	return assets.Sentence
}
