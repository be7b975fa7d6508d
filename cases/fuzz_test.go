package cases

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"ethicsdesk/mailintake"
)

var fuzzRef = Reference{
	Types:     map[string]CaseType{"ethics_complaint": {Code: "ethics_complaint", Name: "Ethics complaint", Complaint: true, DecisionDays: 30}},
	Catalogue: map[string]CatalogueEntry{"I64": {Code: "I64", Name: "Internet"}},
}

// FuzzDraftValidate: whatever the form receives, normalising and validating
// never panics, and a draft that passes holds only clean, bounded text.
// Run with: go test -tags "sqlite_fts5 migrated_fynedo" -fuzz FuzzDraftValidate ./cases
func FuzzDraftValidate(f *testing.F) {
	f.Add("Face recognition", "Stored without consent.", "Zhang Wei", "zw@example.org", "Metro Co.", "i64", "2026-03-02", "email")
	f.Add("Robert'); DROP TABLE cases;--", "\x00\x1b[31m", "‏אבי‎", "", "😡", "", "0001-01-01", "")
	f.Add(strings.Repeat("长", 201), "\r\n\r", "\xff\xfe", "\t", " ", "C39", "9999-12-31", "post")
	today := MustDate("2026-03-10")
	f.Fuzz(func(t *testing.T, title, summary, name, contact, respondent, code, received, channel string) {
		day, _ := ParseDate(received)
		d := Draft{TypeCode: "ethics_complaint", Title: title, Summary: summary, ReceivedOn: day, Channel: Channel(channel),
			Submitter: Submitter{Kind: SubmitterPerson, Name: name, Contact: contact}, Respondent: respondent,
			Sector: AllSectors[0], CatalogueCode: code, Risk: RiskLow, Breach: "privacy"}
		d = d.Normalize(fuzzRef.Types)
		fe := d.Validate(fuzzRef, today)
		for field, s := range map[string]string{FieldTitle: d.Title, FieldSummary: d.Summary, FieldSubmitter: d.Submitter.Name, FieldContact: d.Submitter.Contact, FieldRespondent: d.Respondent} {
			if !utf8.ValidString(s) {
				t.Fatalf("%s is not valid UTF-8 after normalising: %q", field, s)
			}
			for _, r := range s {
				if unicode.IsControl(r) && r != '\n' && r != '\t' {
					t.Fatalf("%s keeps control character %U", field, r)
				}
			}
		}
		if len(fe) == 0 {
			if n := utf8.RuneCountInString(d.Title); n == 0 || n > MaxTitle {
				t.Fatalf("accepted a title of %d characters", n)
			}
			if d.ReceivedOn.After(today) || d.ReceivedOn.Year() < EarliestYear {
				t.Fatalf("accepted received date %s", d.ReceivedOn)
			}
		}
		for _, msg := range fe {
			if msg == "" {
				t.Fatal("an empty error message")
			}
		}
	})
}

// FuzzIntakeFromMail: any e-mail the parser accepts becomes a draft that
// holds clean text within the limits, with a received date not in the future.
func FuzzIntakeFromMail(f *testing.F) {
	f.Add([]byte("From: A <a@b.c>\r\nSubject: =?UTF-8?B?5YWz5LqO?=\r\nDate: Mon, 2 Mar 2026 10:00:00 +0800\r\n\r\nbody"))
	f.Add([]byte("Subject: \x00\r\nDate: Fri, 31 Dec 9999 23:59:59 +0000\r\n\r\n"))
	today := MustDate("2026-03-10")
	f.Fuzz(func(t *testing.T, raw []byte) {
		msg, err := mailintake.Parse(strings.NewReader(string(raw)))
		if err != nil {
			return
		}
		in := IntakeFromMail(msg, raw, "m.eml", today)
		d := in.Draft
		if d.ReceivedOn.IsZero() || d.ReceivedOn.After(today) {
			t.Fatalf("received %s", d.ReceivedOn)
		}
		if utf8.RuneCountInString(d.Title) > MaxTitle || utf8.RuneCountInString(d.Summary) > MaxSummary ||
			utf8.RuneCountInString(d.Submitter.Name) > MaxShortText {
			t.Fatal("a pre-filled field is over its limit")
		}
		for _, f := range in.Files {
			if strings.ContainsAny(f.FileName, "/\\\x00") || f.FileName == "" {
				t.Fatalf("unsafe file name %q", f.FileName)
			}
		}
	})
}

func TestIntakeFromMailDates(t *testing.T) {
	today := MustDate("2026-03-10")
	for _, tc := range []struct {
		received time.Time
		want     string
		warn     bool
	}{
		{time.Date(2026, 3, 2, 10, 0, 0, 0, time.Local), "2026-03-02", false},
		{time.Time{}, "2026-03-10", true},
		{time.Date(2099, 1, 1, 0, 0, 0, 0, time.Local), "2026-03-10", true},
		{time.Date(1970, 1, 1, 12, 0, 0, 0, time.Local), "2026-03-10", true},
	} {
		in := IntakeFromMail(&mailintake.Message{Received: tc.received, FromAddress: "a@b.c", Subject: "s", Body: "b"}, nil, "", today)
		if in.Draft.ReceivedOn.String() != tc.want || (len(in.Warnings) > 0) != tc.warn {
			t.Errorf("received %v: got %s, warnings %v", tc.received, in.Draft.ReceivedOn, in.Warnings)
		}
		if in.Draft.Submitter.Name != "a@b.c" || in.Draft.Submitter.Contact != "a@b.c" || len(in.Files) != 0 {
			t.Errorf("submitter %+v, files %d", in.Draft.Submitter, len(in.Files))
		}
	}
}

func TestCleanFileName(t *testing.T) {
	for in, want := range map[string]string{
		`C:\Users\x\report.pdf`:           "report.pdf",
		"../../etc/passwd":                "passwd",
		"  \x00 ":                         "attachment",
		"..":                              "attachment",
		"报告 2026.docx":                    "报告 2026.docx",
		strings.Repeat("a", 300) + ".pdf": strings.Repeat("a", MaxFileName-4) + ".pdf",
	} {
		if got := CleanFileName(in); got != want {
			t.Errorf("CleanFileName(%q) = %q, want %q", in, got, want)
		}
	}
}
