// Package mailintake reads a submission that arrived as an e-mail (.eml
// file) and returns plain facts — sender, date, subject, body text and
// attachments — so the intake form can be pre-filled from it.
//
// It wraps github.com/jhillyerd/enmime, which does the MIME, transfer
// encoding and charset work; this package adds limits, lenient fallbacks
// and secretary-readable messages on top.
package mailintake

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jhillyerd/enmime"
)

// MaxMessageBytes is the largest .eml file Parse accepts. enmime keeps the
// whole message and every decoded part in memory, so an unbounded input
// could exhaust the machine; real submissions are far smaller.
const MaxMessageBytes = 100 << 20

// maxMultipartSections bounds how many "multipart/" containers a message
// may declare. enmime parses nested multiparts recursively with a read
// buffer per level, so a crafted file with millions of nested levels would
// use gigabytes; genuine mail has a handful.
const maxMultipartSections = 1000

// Message is what the intake form needs from an e-mail.
type Message struct {
	// Received is the Date: header, else the newest Received: header's
	// date, else the zero time.
	Received    time.Time
	FromName    string
	FromAddress string
	Subject     string
	// Body is plain text: the text/plain part, or text converted from the
	// HTML part. Line endings are \n; control characters other than \n and
	// \t are removed.
	Body        string
	Attachments []Attachment
	// Warnings are problems met while reading the message, written as
	// sentences a secretary can act on. The message is still usable.
	Warnings []string
}

// Attachment is one file carried by the message. FileName is safe to use
// as a plain file name (no directories, no control characters).
type Attachment struct {
	FileName    string
	ContentType string
	Data        []byte
}

// UnreadableError says why a file could not be read as an e-mail at all.
// Its text is meant to be shown to the user as is.
type UnreadableError struct {
	FileName string // base name of the file, empty when read from a stream
	Reason   string // a sentence fragment, e.g. "the file is empty"
}

func (e *UnreadableError) Error() string {
	if e.FileName == "" {
		return fmt.Sprintf("This is not an e-mail message the app can read: %s.", e.Reason)
	}
	return fmt.Sprintf("The file %q is not an e-mail message the app can read: %s.", e.FileName, e.Reason)
}

// ParseFile reads the .eml file at path. Errors name the file.
func ParseFile(path string) (*Message, error) {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("The file %q could not be opened: %w", name, err)
	}
	defer f.Close()
	m, err := Parse(f)
	var unreadable *UnreadableError
	if errors.As(err, &unreadable) {
		unreadable.FileName = name
	}
	return m, err
}

// Parse reads one e-mail message (RFC 5322 / MIME) from r. It returns an
// *UnreadableError when the data is not a usable e-mail; lesser problems
// are reported in Message.Warnings.
func Parse(r io.Reader) (*Message, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxMessageBytes+1))
	if err != nil {
		return nil, &UnreadableError{Reason: "the file could not be read (" + err.Error() + ")"}
	}
	if len(raw) > MaxMessageBytes {
		return nil, &UnreadableError{Reason: fmt.Sprintf("it is larger than %d MB", MaxMessageBytes>>20)}
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, &UnreadableError{Reason: "the file is empty"}
	}
	if countFold(raw, "multipart/") > maxMultipartSections {
		return nil, &UnreadableError{Reason: "it is nested too deeply to be a real message"}
	}

	env, warnings, err := readEnvelope(raw)
	if err != nil {
		return nil, err
	}
	if !looksLikeMail(env) {
		return nil, &UnreadableError{Reason: "it has none of the usual e-mail headers (From, Date, Subject)"}
	}

	m := &Message{Subject: cleanLine(env.GetHeader("Subject")), Warnings: warnings}
	m.Received, m.Warnings = messageDate(env, m.Warnings)
	m.FromName, m.FromAddress, m.Warnings = sender(env, m.Warnings)
	m.Body = bodyText(env, &m.Warnings)
	m.Attachments = collectAttachments(env.Root, &m.Warnings)
	m.Warnings = append(partWarnings(env.Errors), m.Warnings...)
	return m, nil
}

// readEnvelope parses leniently: damaged parts are skipped with a warning.
// A multipart message whose boundary is missing from its header cannot be
// split at all, so it is read a second time as one plain part, which keeps
// at least the text visible.
func readEnvelope(raw []byte) (*enmime.Envelope, []string, error) {
	options := []enmime.Option{
		enmime.SkipMalformedParts(true),
		enmime.SetReadPartErrorPolicy(enmime.AllowCorruptTextPartErrorPolicy),
		enmime.MaxStoredPartErrors(50),
		// We convert HTML ourselves so that a blank text/plain part does
		// not hide a meaningful HTML part.
		enmime.DisableTextConversion(true),
	}
	env, err := enmime.NewParser(options...).ReadEnvelope(bytes.NewReader(raw))
	if err == nil {
		return env, nil, nil
	}
	options = append(options, enmime.MultipartWOBoundaryAsSinglePart(true))
	env, retryErr := enmime.NewParser(options...).ReadEnvelope(bytes.NewReader(raw))
	if retryErr != nil {
		// enmime's error text quotes the offending bytes, which for a
		// binary file is gibberish; say what it means instead.
		if strings.Contains(err.Error(), "malformed MIME header") {
			return nil, nil, &UnreadableError{Reason: "it does not begin with e-mail headers (it may be a different kind of file)"}
		}
		return nil, nil, &UnreadableError{Reason: "its structure is damaged"}
	}
	return env, []string{"The message's structure is damaged, so its text is shown as received and attachments may be missing."}, nil
}

// looksLikeMail rejects data that enmime happily reads as a header-less
// text body (a PDF, an image, random bytes dropped by mistake).
func looksLikeMail(env *enmime.Envelope) bool {
	for _, h := range []string{"From", "Date", "Subject", "To", "Received", "Message-Id", "Mime-Version", "Sender", "Return-Path"} {
		if strings.TrimSpace(env.GetHeader(h)) != "" {
			return true
		}
	}
	return false
}

// countFold counts case-insensitive occurrences of an ASCII needle.
func countFold(data []byte, needle string) int {
	return bytes.Count(bytes.ToLower(data), []byte(needle))
}
