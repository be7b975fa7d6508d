// Package textindex is the pure-Go text side of full-text search over SQLite
// FTS5: what gets indexed, what a user's query becomes, and the highlighted
// snippets shown with results.
//
// # Why bigrams
//
// FTS5's unicode61 tokenizer splits text at spaces and punctuation. Chinese
// and Japanese are written without spaces, so a whole clause such as
// 本委员会认为处理个人信息 becomes one token, and searching for the word 个人信息
// (or 同意, 隐私) finds nothing. The trigram tokenizer fixes that for words of
// three or more characters but never matches the many two-character words.
//
// So CJK runs (Han, Hiragana, Katakana, Hangul) are indexed as overlapping
// bigrams on both sides: IndexText turns 隐私保护 into "隐私 私保 保护", and
// ParseQuery turns the word 个人信息 into the FTS5 phrase "个人 人信 信息",
// which matches exactly where those four characters occur in a row (not in
// 个人的信息). Each run's last letter is indexed alone as well (隐私保护 →
// "隐私 私保 保护 护"), so that every letter starts a token: a search for one
// CJK character is the prefix "信"*, which finds it anywhere, the end of a
// run (the 信 of 通信) included. All other
// scripts are left to unicode61, which folds case and, with
// remove_diacritics 2, accents.
//
// # What the store must do
//
//   - Create the table with tokenize = 'unicode61 remove_diacritics 2'.
//   - Write IndexText(value) into every indexed column, on insert and update,
//     and keep the original text elsewhere (an external-content table or the
//     source table): the indexed form is not for display.
//   - Search with WHERE docs MATCH ParseQuery(q).Match, never with the user's
//     text. An empty Match means nothing searchable was typed; when Exclude
//     is set instead, the user typed only exclusions ("-draft"), which FTS5
//     cannot run alone: filter with rowid NOT IN (SELECT rowid FROM docs
//     WHERE docs MATCH Exclude), or show nothing.
//   - Rank with bm25(docs, 10.0, 1.0, ...) to favour title matches.
//   - Build the result snippets in Go with Snippet(original, Query.Terms, n)
//     and HighlightAll for titles, rather than FTS5's snippet() and
//     highlight(), which would show the bigram form.
//
// Nothing here returns an error: every word of a query is quoted, so FTS5
// syntax errors cannot happen whatever the user types.
package textindex
