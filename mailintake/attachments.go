package mailintake

import (
	"fmt"
	"strings"

	"github.com/jhillyerd/enmime"
)

// collectAttachments walks the whole MIME tree rather than trusting
// enmime's Attachments/Inlines split, which leaves out parts with no
// Content-Disposition (Outlook's forwarded message/rfc822, unnamed
// images in multipart/related). Every leaf that is not a body text part
// is a file the committee may need to keep.
func collectAttachments(root *enmime.Part, warnings *[]string) []Attachment {
	if root == nil {
		return nil
	}
	var out []Attachment
	leaves := root.DepthMatchAll(func(p *enmime.Part) bool {
		return p.FirstChild == nil && !strings.HasPrefix(p.ContentType, "multipart/")
	})
	for _, p := range leaves {
		if isBodyText(p) {
			continue
		}
		contentType := p.ContentType
		if contentType == "" {
			contentType = "application/octet-stream"
		}
		name := sanitizeFileName(p.FileName)
		if name == "" && contentType == "message/rfc822" {
			name = forwardedMessageName(p.Content)
		}
		if name == "" {
			name = fmt.Sprintf("attachment-%d%s", len(out)+1, extensionFor(contentType))
		} else if !strings.Contains(name, ".") {
			name += extensionFor(contentType)
		}
		if len(p.Content) == 0 && hasSevereError(p) {
			// enmime drops the content of a binary part whose encoding is
			// broken (typically a message cut off mid-file); an empty
			// stand-in would only mislead.
			*warnings = append(*warnings, fmt.Sprintf("The attachment %q is damaged and was left out.", name))
			continue
		}
		if len(p.Content) == 0 {
			*warnings = append(*warnings, fmt.Sprintf("The attachment %q is empty.", name))
		}
		out = append(out, Attachment{FileName: name, ContentType: contentType, Data: p.Content})
	}
	return out
}

// isBodyText reports whether a part is (an alternative of) the message
// text rather than an attached file.
func isBodyText(p *enmime.Part) bool {
	switch p.ContentType {
	case "text/plain", "text/html", "":
		return p.Disposition != "attachment" && p.FileName == ""
	}
	return false
}

// forwardedMessageName names an unnamed attached e-mail after its subject,
// which is what the user sees in their mail program.
func forwardedMessageName(content []byte) string {
	headers, err := enmime.DecodeHeaders(content)
	if err != nil {
		return ""
	}
	subject := sanitizeFileName(headers.Get("Subject"))
	if subject == "" {
		return ""
	}
	return truncateRunes(subject, 100) + ".eml"
}

func hasSevereError(p *enmime.Part) bool {
	for _, e := range p.Errors {
		if e.Severe {
			return true
		}
	}
	return false
}
