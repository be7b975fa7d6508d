package pgstore

import (
	"testing"

	"ethicsdesk/textindex"
)

// What users type becomes the tsquery that matches what FTS5 matches.
func TestTSQueryFromWhatUsersType(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"consent", `'consent'`},
		{"Facial recognition", `('facial' & 'recognition')`},
		{`"facial recognition"`, `('facial' <-> 'recognition')`},
		{"algorith*", `'algorith':*`},
		{"个人信息", `('个人' <-> '人信' <-> '信息')`},
		{"信", `'信':*`},
		{"a OR b c", `(('a' | 'b') & 'c')`},
		{"privacy -draft", `('privacy' & !'draft')`},
		{`"我 爱"`, `('我':* <-> '爱':*)`},
		{"Café", `'cafe'`},
	} {
		got, err := tsQuery(textindex.ParseQuery(c.in).Match)
		if err != nil || got != c.want {
			t.Errorf("%q: tsquery %s (%v), want %s", c.in, got, err, c.want)
		}
	}
}
