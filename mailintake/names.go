package mailintake

import (
	"path/filepath"
	"strings"
	"unicode"
)

// extensions is a fixed table rather than mime.ExtensionsByType, whose
// answer depends on the mime.types files of the machine it runs on.
var extensions = map[string]string{
	"application/pdf":    ".pdf",
	"application/msword": ".doc",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
	"application/vnd.ms-excel": ".xls",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         ".xlsx",
	"application/vnd.ms-powerpoint":                                             ".ppt",
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
	"application/vnd.oasis.opendocument.text":                                   ".odt",
	"application/vnd.oasis.opendocument.spreadsheet":                            ".ods",
	"application/rtf":             ".rtf",
	"application/zip":             ".zip",
	"application/json":            ".json",
	"application/xml":             ".xml",
	"application/pkcs7-signature": ".p7s",
	"application/pgp-signature":   ".asc",
	"message/rfc822":              ".eml",
	"text/plain":                  ".txt",
	"text/html":                   ".html",
	"text/csv":                    ".csv",
	"text/calendar":               ".ics",
	"text/rtf":                    ".rtf",
	"image/jpeg":                  ".jpg",
	"image/png":                   ".png",
	"image/gif":                   ".gif",
	"image/tiff":                  ".tif",
	"image/webp":                  ".webp",
	"image/bmp":                   ".bmp",
	"image/svg+xml":               ".svg",
	"audio/mpeg":                  ".mp3",
	"video/mp4":                   ".mp4",
}

func extensionFor(contentType string) string {
	if ext, ok := extensions[strings.ToLower(contentType)]; ok {
		return ext
	}
	return ".bin"
}

// maxFileNameRunes keeps names within what every file system accepts.
const maxFileNameRunes = 150

// sanitizeFileName turns a sender-chosen name into a plain file name: no
// directories (a name like "../../x" or "C:\x" must not escape the
// document folder), no control or reserved characters, no leading dots.
func sanitizeFileName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = name[strings.LastIndexByte(name, '/')+1:]
	name = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r), r == '\uFFFD':
			return -1
		case strings.ContainsRune(`<>:"|?*`, r):
			return '_'
		}
		return r
	}, strings.ToValidUTF8(name, ""))
	name = strings.Join(strings.Fields(name), " ")
	name = strings.TrimLeft(name, ". ")
	name = strings.TrimRight(name, ". ")
	if len([]rune(name)) > maxFileNameRunes {
		ext := filepath.Ext(name)
		if len([]rune(ext)) > 10 {
			ext = ""
		}
		name = strings.TrimSpace(truncateRunes(name, maxFileNameRunes-len([]rune(ext)))) + ext
	}
	return name
}
