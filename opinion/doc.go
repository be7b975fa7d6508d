// Package opinion renders the committee's formal documents — opinions,
// letters, and (through Document) minutes and reports — as A4 PDFs with
// gofpdf. It imports nothing else from the project: callers map their
// domain types onto Opinion, Letter and Document.
//
// Fonts. The faces are embedded in the binary (package assets/fonts)
// and no font is read from the system, so a document is the same bytes
// on every laptop apart from its dates: Latin text is set in Liberation
// Serif, Chinese in WenQuanYi Micro Hei, and each text is split into
// runs per face because gofpdf has no glyph fallback. Greek, Cyrillic,
// Hebrew and Arabic fall back to DejaVu Sans; right-to-left text is
// printed in logical order and Arabic unshaped. The faces are
// decompressed and parsed once per process. Documented fallbacks, never
// a failure, for a damaged build: without the Chinese face, Chinese
// characters print as "?"; without any face, gofpdf's built-in Times is
// used and non-Latin text prints as "?". Characters outside the Basic
// Multilingual Plane (emoji) always print as "?". CheckFonts reports
// these conditions.
//
// Speed. Each document embeds, per face, a subset holding only the
// characters it uses, cut from the fonts parsed at start-up (subset.go).
// Handing gofpdf the whole 4.6 MB CJK face instead costs ~55 ms per
// document; see the benchmarks in bench_test.go.
package opinion
