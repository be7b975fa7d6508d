package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode"

	"ethicsdesk/cases"
)

// TestHostileInputThroughTheService sends what a careless paste or a
// hostile submission can contain through the same path as the intake form,
// and checks what is stored and what is refused.
func TestHostileInputThroughTheService(t *testing.T) {
	db, _ := openTemp(t)
	ctx := context.Background()
	svc := newService(db)

	stored := func(t *testing.T, d cases.Draft) cases.Case {
		t.Helper()
		c, err := svc.CreateCase(ctx, secretary, d)
		if err != nil {
			t.Fatalf("refused: %v", err)
		}
		got, err := svc.GetCase(ctx, secretary, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	refused := func(t *testing.T, d cases.Draft, field string) {
		t.Helper()
		_, err := svc.CreateCase(ctx, secretary, d)
		var fe cases.FieldErrors
		if !errors.As(err, &fe) || fe[field] == "" {
			t.Fatalf("want a message on %s, got %v", field, err)
		}
	}

	t.Run("SQL metacharacters are stored as text", func(t *testing.T) {
		d := draft()
		d.Title = `Robert'); DROP TABLE cases;-- "quoted" % _ \ ;`
		d.Summary = "1' OR '1'='1"
		got := stored(t, d)
		if got.Title != d.Title || got.Summary != d.Summary {
			t.Fatalf("stored %q / %q", got.Title, got.Summary)
		}
	})
	t.Run("NUL and control characters are removed", func(t *testing.T) {
		d := draft()
		d.Title = "Bad\x00title\x07 with\x1b[31m escapes\u0085"
		d.Summary = "line one\r\nline\x00 two\x0c\ttabbed"
		got := stored(t, d)
		for _, s := range []string{got.Title, got.Summary} {
			for _, r := range s {
				if unicode.IsControl(r) && r != '\n' && r != '\t' {
					t.Fatalf("control character %U stored in %q", r, s)
				}
			}
		}
		if got.Title != "Badtitle with[31m escapes" || got.Summary != "line one\nline two\ttabbed" {
			t.Fatalf("stored %q / %q", got.Title, got.Summary)
		}
	})
	t.Run("right-to-left text and emoji are kept as written", func(t *testing.T) {
		d := draft()
		d.Title = "شكوى بخصوص التعرف على الوجه 😡👩🏽‍💻"
		d.Submitter.Name = "‏אבי כהן‎"
		got := stored(t, d)
		if got.Title != d.Title || got.Submitter.Name != "‏אבי כהן‎" {
			t.Fatalf("stored %q / %q", got.Title, got.Submitter.Name)
		}
	})
	t.Run("invalid UTF-8 is replaced, not stored raw", func(t *testing.T) {
		d := draft()
		d.Title = "caf\xe9 \xff\xfe"
		got := stored(t, d)
		if !strings.Contains(got.Title, "\uFFFD") || !strings.HasPrefix(got.Title, "caf") {
			t.Fatalf("stored %q", got.Title)
		}
	})
	t.Run("very long strings are refused with the limit", func(t *testing.T) {
		d := draft()
		d.Title = strings.Repeat("长", cases.MaxTitle+1)
		refused(t, d, cases.FieldTitle)
		d = draft()
		d.Summary = strings.Repeat("x", 5_000_000)
		refused(t, d, cases.FieldSummary)
		d = draft()
		d.Title = strings.Repeat("长", cases.MaxTitle)
		if got := stored(t, d); got.Title != d.Title {
			t.Fatal("a title at the limit was not stored whole")
		}
	})
	t.Run("dates far in the past or future are refused", func(t *testing.T) {
		for _, day := range []string{"0001-01-01", "1899-12-31", "2099-01-01", "9999-12-31"} {
			d := draft()
			d.ReceivedOn = cases.MustDate(day)
			refused(t, d, cases.FieldReceivedOn)
		}
	})
	t.Run("hostile note", func(t *testing.T) {
		c, _ := svc.CreateCase(ctx, secretary, draft())
		n, err := svc.AddNote(ctx, secretary, c.ID, "'; DELETE FROM notes; --\x00 ‮reversed‬ 🙂", false)
		if err != nil || n.Body != "'; DELETE FROM notes; -- ‮reversed‬ 🙂" {
			t.Fatalf("note %q %v", n.Body, err)
		}
	})
	if problems, err := db.Check(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("check after hostile input: %v %v", problems, err)
	}
}
