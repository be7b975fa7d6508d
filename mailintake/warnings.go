package mailintake

import (
	"github.com/jhillyerd/enmime"
)

// partWarnings turns enmime's parse problems into sentences, keeping only
// those that mean something may be missing or wrong in what the user sees.
// Cosmetic ones (missing Content-Type on a part, a charset label that
// disagrees with detection) are dropped; each sentence appears once.
func partWarnings(problems []*enmime.Error) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range problems {
		var sentence string
		switch p.Name {
		case enmime.ErrorMalformedBase64:
			sentence = "Part of an attachment or of the text was damaged in transit and may be incomplete."
		case enmime.ErrorMissingBoundary:
			sentence = "The message appears to be cut off; some text or attachments may be missing."
		case enmime.ErrorMalformedChildPart:
			sentence = "A part of the message could not be read and was left out."
		case enmime.ErrorContentEncoding:
			sentence = "A part of the message uses an unknown encoding and may show as unreadable characters."
		case enmime.ErrorCharsetConversion:
			sentence = "Some text uses an unknown character set and may show wrong characters."
		default:
			continue
		}
		if !seen[sentence] {
			seen[sentence] = true
			out = append(out, sentence)
		}
	}
	return out
}
