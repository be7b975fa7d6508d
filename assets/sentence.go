package assets

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"sync"

	"fyne.io/fyne/v2/lang"
)

// Sentence is a sentence written in English by any layer — an error of the
// domain, a verdict of the signature check, a command's confirmation — in
// the current language.
//
// A fixed sentence is looked up as it is. A sentence built with values
// ("Case EC-2026-0001 is already on the agenda of this meeting.") is
// recognised by its template in the translation files ("Case
// {{.Reference}} is already on the agenda of this meeting."): the values
// are read back out of it and put into the translation's placeholders.
// The layers that write the sentences so stay free of any notion of the
// reader's language, and one list — en.json — says what is translated.
//
// A value whose placeholder is named Reason, Err or Problem (the tail of a
// wrapped error) is itself translated the same way. A sentence nothing
// recognises is returned as it came.
func Sentence(s string) string {
	said.Lock()
	defer said.Unlock()
	if t, ok := said.m[s]; ok {
		return t
	}
	t := sentence(s, 6)
	if len(said.m) >= 4096 {
		said.m = nil
	}
	if said.m == nil {
		said.m = map[string]string{}
	}
	said.m[s] = t
	return t
}

// said remembers the sentences already put into the current language: a
// table redraws its cells on every scroll. Loading the translations (a
// change of language) forgets them.
var said struct {
	sync.Mutex
	m map[string]string
}

func forgetSaid() {
	said.Lock()
	said.m = nil
	said.Unlock()
}

func sentence(s string, depth int) string {
	if s == "" || depth == 0 {
		return s
	}
	if Has(s) {
		return lang.L(s)
	}
	if key, ok := labelKeys()[strings.ToLower(s)]; ok {
		return lang.L(key)
	}
	for _, t := range sentenceTemplates() {
		m := t.re.FindStringSubmatch(s)
		if m == nil || !balanced(m[1:]) || !plainValues(t.names, m[1:]) {
			continue
		}
		data := make(map[string]any, len(t.names))
		for i, name := range t.names {
			v := m[i+1]
			switch {
			case strings.HasPrefix(name, "List"):
				v = list(v, depth-1)
			case nested(name):
				v = sentence(v, depth-1)
			case isDatePlaceholder(name):
				v = localDate(v)
			}
			data[name] = v
		}
		return lang.L(t.key, data)
	}
	// "NAME: PROBLEM", joined by a layer from two parts: each part is
	// said on its own, when either is known.
	if left, right, ok := strings.Cut(s, ": "); ok {
		l, r := sentence(left, depth-1), sentence(right, depth-1)
		if l != left || r != right {
			return l + lang.L(": ") + r
		}
	}
	return s
}

// nested says whether a placeholder holds a sentence of its own.
func nested(name string) bool {
	for _, p := range []string{"Reason", "Err", "Problem", "Action", "Usage", "Permission", "Status", "Decision", "Outcome", "Verdict", "Answer", "Counts", "Objects", "Object", "Change", "What", "Who", "CaseType", "Role"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// numberedItem is an item such as "43 (a signature field)".
var numberedItem = regexp.MustCompile(`^(\d+) \((.+)\)$`)

// list translates a list "A, B (x, y), C" item by item — commas inside
// parentheses belong to their item — and joins the items as the language
// does (the key ", ").
func list(s string, depth int) string {
	var items []string
	level, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			level++
		case ')':
			level--
		case ',':
			if level == 0 && strings.HasPrefix(s[i:], ", ") {
				items = append(items, s[start:i])
				start = i + 2
			}
		}
	}
	items = append(items, s[start:])
	for i, it := range items {
		if m := numberedItem.FindStringSubmatch(it); m != nil {
			items[i] = lang.L("{{.Number}} ({{.Object}})", map[string]any{"Number": m[1], "Object": sentence(m[2], depth)})
		} else {
			items[i] = sentence(it, depth)
		}
	}
	return strings.Join(items, lang.L(", "))
}

// Lines is Sentence for each line of a text, keeping each line's
// indentation and list bullet ("  - ").
func Lines(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		body := strings.TrimLeft(l, " \t")
		lead := l[:len(l)-len(body)]
		if rest, ok := strings.CutPrefix(body, "- "); ok {
			lead, body = lead+"- ", rest
		}
		lines[i] = lead + Sentence(body)
	}
	return strings.Join(lines, "\n")
}

// sentenceTemplate is one key of en.json with placeholders, as a pattern
// that matches the English sentences it stands for.
type sentenceTemplate struct {
	key   string
	re    *regexp.Regexp
	names []string // the placeholders, in the order they appear
	fixed int      // characters of fixed text: the more, the more specific
}

var placeholderInKey = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

var templates []sentenceTemplate

// sentenceTemplates are the keys of en.json with placeholders, the most
// specific first, so that "{{.Name}} is recused for case {{.Reference}}."
// is tried before a template that would also match with a longer value.
func sentenceTemplates() []sentenceTemplate {
	if templates != nil {
		return templates
	}
	raw, err := TranslationFile("en.json")
	if err != nil {
		return nil
	}
	var en map[string]any
	if json.Unmarshal(raw, &en) != nil {
		return nil
	}
	out := []sentenceTemplate{}
	for key, v := range en {
		if _, plural := v.(string); !plural {
			continue // a count's forms, for lang.N: not a sentence
		}
		if t, ok := templateOf(key); ok {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].fixed != out[j].fixed {
			return out[i].fixed > out[j].fixed
		}
		return out[i].key < out[j].key
	})
	templates = out
	return out
}

// templateOf turns a key such as "Wrote {{.File}}." into ^Wrote (.+?)\.$;
// a key without placeholders, or made of placeholders alone, is none.
func templateOf(key string) (sentenceTemplate, bool) {
	locs := placeholderInKey.FindAllStringSubmatchIndex(key, -1)
	if len(locs) == 0 {
		return sentenceTemplate{}, false
	}
	var pat strings.Builder
	pat.WriteString(`^`)
	t := sentenceTemplate{key: key}
	last := 0
	for _, l := range locs {
		pat.WriteString(regexp.QuoteMeta(key[last:l[0]]))
		t.fixed += len(strings.TrimSpace(key[last:l[0]]))
		pat.WriteString(`([^\n]+?)`) // a value is on one line
		t.names = append(t.names, key[l[2]:l[3]])
		last = l[1]
	}
	pat.WriteString(regexp.QuoteMeta(key[last:]))
	t.fixed += len(strings.TrimSpace(key[last:]))
	pat.WriteString(`$`)
	if t.fixed < 4 {
		return sentenceTemplate{}, false
	}
	re, err := regexp.Compile(pat.String())
	if err != nil {
		return sentenceTemplate{}, false
	}
	t.re = re
	return t, true
}

// balanced says whether every value closes the brackets it opens: a value
// is a name, an item or a sentence, never half of one, so a match that
// cuts through brackets is the wrong template.
func balanced(values []string) bool {
	for _, v := range values {
		level := 0
		for _, r := range v {
			switch r {
			case '(', '（':
				level++
			case ')', '）':
				level--
			}
			if level < 0 {
				return false
			}
		}
		if level != 0 {
			return false
		}
	}
	return true
}

// labelFamilies are the keys of the names of values — a status, a
// decision, a heading — which the domain writes into its sentences by
// their English names ("A case that is Closed cannot move to …").
var labelFamilies = []string{"status.", "decision.", "heading.", "role.", "type."}

var labels map[string]string

// labelKeys maps the English name of a value, in lower case, to its key.
func labelKeys() map[string]string {
	if labels != nil {
		return labels
	}
	out := map[string]string{}
	raw, err := TranslationFile("en.json")
	if err == nil {
		var en map[string]any
		if json.Unmarshal(raw, &en) == nil {
			for k, v := range en {
				s, ok := v.(string)
				if !ok {
					continue
				}
				for _, f := range labelFamilies {
					if strings.HasPrefix(k, f) {
						out[strings.ToLower(s)] = k
					}
				}
			}
		}
	}
	labels = out
	return out
}

// plainValues says whether the values that are names, references, numbers
// or dates (not sentences, lists or what people wrote) hold no ": ", which joins a name to a problem: "opinion 3 of
// case EC-2026-0001: its PDF is missing" is that name and that problem,
// not a reference "EC-2026-0001: its PDF is missing".
func plainValues(names, values []string) bool {
	for i, v := range values {
		free := nested(names[i]) || strings.HasPrefix(names[i], "List") || names[i] == "Text" || names[i] == "Title"
		if !free && strings.Contains(v, ": ") { // (what people wrote may hold anything)
			return false
		}
	}
	return true
}
