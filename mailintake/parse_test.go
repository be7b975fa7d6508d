package mailintake

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// SHA-256 of the files encoded into the fixtures when they were written:
// a one-page PDF, a 1×1 PNG, and the forwarded message embedded verbatim
// in outlook_forward.eml.
const (
	pdfSHA256       = "0201524c77517835a16423dbbda4cd5ecae402688a81118f16e8ea46c7f4e7c0"
	pngSHA256       = "7c36483b937f722bc8a8052eb61978bcbda084d1cec7c512e461c285016ded0d"
	forwardedSHA256 = "37679f07153cb3862f49191bdd630a23416be4a54346b56cfca7e5961ef807d0"
)

func parseFixture(t *testing.T, name string) *Message {
	t.Helper()
	m, err := ParseFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("ParseFile(%s): %v", name, err)
	}
	return m
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	ts, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

type wantAttachment struct{ name, contentType, sha string }

func checkAttachments(t *testing.T, got []Attachment, want []wantAttachment) {
	t.Helper()
	if len(got) != len(want) {
		names := []string{}
		for _, a := range got {
			names = append(names, a.FileName)
		}
		t.Fatalf("got %d attachments %q, want %d", len(got), names, len(want))
	}
	for i, w := range want {
		sum := sha256.Sum256(got[i].Data)
		if got[i].FileName != w.name || got[i].ContentType != w.contentType || hex.EncodeToString(sum[:]) != w.sha {
			t.Errorf("attachment %d = %q %s sha256 %x, want %q %s %s",
				i, got[i].FileName, got[i].ContentType, sum, w.name, w.contentType, w.sha)
		}
	}
}

func TestFixtures(t *testing.T) {
	emptySHA := hex.EncodeToString(func() []byte { s := sha256.Sum256(nil); return s[:] }())
	cases := []struct {
		file                  string
		date                  string
		fromName, fromAddress string
		subject               string
		body                  string
		attachments           []wantAttachment
		warnings              []string
	}{
		{
			file: "plain_utf8.eml", date: "2025-03-03T09:14:58+01:00",
			fromName: "Dr. Anna Müller", fromAddress: "anna.mueller@uni-example.de",
			subject: "Request for review: emotion recognition pilot in lecture halls",
			body: "Dear members of the committee,\n\nwe would like to submit our project \"Affect-aware lecturing\" for review.\n" +
				"The system estimates students' attention from camera images; no images\nare stored. " +
				"Participation is voluntary and requires written consent.\n\nMit freundlichen Grüßen / Kind regards\nAnna Müller",
		},
		{
			// No Date: header; the newest Received: header (14:02:11 UTC,
			// later than the relay's 15:01:59 +0100) gives the date. The
			// text/plain alternative is blank, so the HTML is converted.
			file: "alternative_html.eml", date: "2025-02-11T14:02:11Z",
			fromName: "Weiss, Joerg", fromAddress: "j.weiss@clinic-example.com",
			subject: "Risikobewertung Chatbot „Lena“",
			body: "Hello,\n\nplease find our *risk assessment* for the chatbot \"Lena\" below.\n\n" +
				"* Users: patients & relatives\n* Risk tier: high\n\nBest regards,\nJörg Weiß",
		},
		{
			file: "mixed_pdf.eml", date: "2025-01-15T17:45:30-05:00",
			fromName: "Renée Fabre", fromAddress: "renee.fabre@bank-example.com",
			subject: "Antrag: Fairness in der Kreditvergabe",
			body: "Sehr geehrte Damen und Herren,\n\nanbei unser Antrag für das Projekt „Fairness in der Kreditvergabe“. " +
				"Die Datenschutz-Folgenabschätzung liegt bei.\n\nMit freundlichen Grüßen\nRenée Fabre",
			attachments: []wantAttachment{
				{"Antrag über KI.pdf", "application/pdf", pdfSHA256},
				{"attachment-2.png", "image/png", pngSHA256},
			},
		},
		{
			file: "chinese.eml", date: "2025-03-06T10:30:00+08:00",
			fromName: "张伟", fromAddress: "zhang.wei@hospital-example.cn",
			subject: "关于人工智能伦理审查的申请",
			body:    "尊敬的伦理委员会：\n\n我们申请对“智能问诊系统”进行伦理审查。附件为项目说明。\n\n此致\n敬礼\n张伟",
		},
		{
			file: "chinese_gbk_q.eml", date: "2025-03-07T08:05:00+08:00",
			fromName: "李娜（数据保护官）", fromAddress: "li.na@company-example.cn",
			subject: "人脸识别门禁系统评估报告",
			body:    "您好！\n附件是我们的人脸识别门禁系统评估报告，请审阅。",
		},
		{
			file: "outlook_forward.eml", date: "2025-02-25T08:12:38Z",
			fromName: "O'Brien, Siobhan", fromAddress: "Siobhan.OBrien@corp-example.com",
			subject: "FW: Concern about the hiring algorithm",
			body:    "Dear committee,\n\nI forward a concern received by our compliance team.\n\n[cid:image001.png@01DB86F2.5A1B2C30]",
			attachments: []wantAttachment{
				{"image001.png", "image/png", pngSHA256},
				// Unnamed message/rfc822 is named after its subject, kept
				// byte for byte, and its own PDF is not pulled out.
				{"Concern about the hiring algorithm.eml", "message/rfc822", forwardedSHA256},
			},
		},
		{
			// Cut off in the middle of a base64 PDF with no closing
			// boundary; carries a 0-byte attachment and a hostile name.
			file: "truncated.eml", date: "2025-03-01T23:59:59Z",
			fromAddress: "someone@example.net", subject: "Truncated upload",
			body:        "Body before the damage.[31m Still here.",
			attachments: []wantAttachment{{"empty.txt", "text/plain", emptySHA}},
			warnings: []string{
				"The message appears to be cut off; some text or attachments may be missing.",
				"Part of an attachment or of the text was damaged in transit and may be incomplete.",
				`The attachment "empty.txt" is empty.`,
				`The attachment "evil.pdf" is damaged and was left out.`,
			},
		},
		{
			file: "missing_boundary.eml", date: "2025-03-02T08:00:00Z",
			fromName: "Broken Mailer", fromAddress: "broken@example.net", subject: "No boundary",
			body:     "--abc\nContent-Type: text/plain\n\nText inside a multipart without boundary.\n--abc--",
			warnings: []string{"The message's structure is damaged, so its text is shown as received and attachments may be missing."},
		},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			m := parseFixture(t, c.file)
			if want := mustTime(t, c.date); !m.Received.Equal(want) {
				t.Errorf("Received = %v, want %v", m.Received, want)
			}
			if m.FromName != c.fromName || m.FromAddress != c.fromAddress {
				t.Errorf("From = %q <%s>, want %q <%s>", m.FromName, m.FromAddress, c.fromName, c.fromAddress)
			}
			if m.Subject != c.subject {
				t.Errorf("Subject = %q, want %q", m.Subject, c.subject)
			}
			if m.Body != c.body {
				t.Errorf("Body = %q\nwant   %q", m.Body, c.body)
			}
			checkAttachments(t, m.Attachments, c.attachments)
			if !reflect.DeepEqual(m.Warnings, c.warnings) && (len(m.Warnings) > 0 || len(c.warnings) > 0) {
				t.Errorf("Warnings = %q\nwant       %q", m.Warnings, c.warnings)
			}
		})
	}
}

func TestUnreadableFilesGiveASentenceNamingTheFile(t *testing.T) {
	for file, reason := range map[string]string{
		"empty.eml":   "the file is empty",
		"garbage.bin": "it does not begin with e-mail headers",
	} {
		m, err := ParseFile(filepath.Join("testdata", file))
		var unreadable *UnreadableError
		if m != nil || !errors.As(err, &unreadable) {
			t.Fatalf("%s: got message %v, error %v; want an UnreadableError", file, m, err)
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, `The file "`+file+`" is not an e-mail message the app can read: `) ||
			!strings.Contains(msg, reason) || !strings.HasSuffix(msg, ".") {
			t.Errorf("%s: error %q", file, msg)
		}
	}
}

func TestMissingFileSaysItCouldNotBeOpened(t *testing.T) {
	_, err := ParseFile(filepath.Join("testdata", "no-such.eml"))
	if err == nil || !strings.HasPrefix(err.Error(), `The file "no-such.eml" could not be opened`) {
		t.Fatalf("error = %v", err)
	}
}
