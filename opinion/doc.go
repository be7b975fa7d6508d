// Package opinion renders the committee's formal documents — opinions,
// letters, and (through Document) minutes and reports — as A4 PDFs with
// gofpdf. It imports nothing else from the project: callers map their
// domain types onto Opinion, Letter and Document.
//
// Fonts. Latin text is set in a serif face (Liberation Serif, else
// DejaVu Serif, else Times New Roman), Chinese in WenQuanYi Micro Hei
// (face 0 of its .ttc, extracted in ttc.go), and each text is split into
// runs per face because gofpdf has no glyph fallback. Greek, Cyrillic,
// Hebrew and Arabic fall back to DejaVu; right-to-left text is printed
// in logical order and Arabic unshaped. Fonts are searched in
// $ETHICSDESK_FONT_DIR, then in the usual system directories, and parsed
// once per process. Documented fallbacks, never a failure: without a
// Chinese font, Chinese characters print as "?"; without any TrueType
// font, gofpdf's built-in Times is used and non-Latin text prints as
// "?". Characters outside the Basic Multilingual Plane (emoji) always
// print as "?". CheckFonts reports these conditions for the UI.
//
// Speed. Each document embeds, per face, a subset holding only the
// characters it uses, cut from the fonts parsed at start-up (subset.go).
// Handing gofpdf the whole 4.6 MB CJK face instead costs ~55 ms per
// document; see the benchmarks in bench_test.go.
package opinion
