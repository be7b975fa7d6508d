package holidays

import (
	"strings"
	"testing"
	"time"

	"ethicsdesk/cases"
)

func days(hs []cases.Holiday) (off, working []string) {
	for _, h := range hs {
		if h.Working {
			working = append(working, h.Day.String())
		} else {
			off = append(off, h.Day.String())
		}
	}
	return
}

// The 2026 arrangement that ships is the State Council's notice: 33 days
// off in seven holidays and six weekend days worked, each on a weekend.
func TestChinas2026ArrangementShipsAsPublished(t *testing.T) {
	hs, err := Official(2026)
	if err != nil {
		t.Fatal(err)
	}
	off, working := days(hs)
	if len(off) != 33 {
		t.Errorf("2026 has %d days off, the notice gives 3+9+3+5+3+3+7 = 33", len(off))
	}
	want := "2026-01-04 2026-02-14 2026-02-28 2026-05-09 2026-09-20 2026-10-10"
	if got := strings.Join(working, " "); got != want {
		t.Errorf("2026 working weekend days: %s, want %s", got, want)
	}
	for _, h := range hs {
		wd := h.Day.Weekday()
		if h.Working && wd != time.Saturday && wd != time.Sunday {
			t.Errorf("%s is a working day on a %s", h.Day, wd)
		}
		if h.Name == "" {
			t.Errorf("%s has no name", h.Day)
		}
	}
	if !contains(OfficialYears(), 2026) {
		t.Errorf("OfficialYears = %v", OfficialYears())
	}
	if _, err := Official(1999); err == nil || !strings.Contains(err.Error(), "import") {
		t.Errorf("a year that does not ship: %v", err)
	}
}

func contains(list []int, y int) bool {
	for _, x := range list {
		if x == y {
			return true
		}
	}
	return false
}

// A calendar feed of China's holidays, as the common subscriptions publish
// it: multi-day all-day events, and 补班 events for the weekend days worked.
const feed = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//CN holidays//ZH\r\n" +
	"BEGIN:VEVENT\r\nUID:a@test\r\nDTSTAMP:20251104T000000Z\r\nDTSTART;VALUE=DATE:20261001\r\nDTEND;VALUE=DATE:20261008\r\nSUMMARY:国庆节 休\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:b@test\r\nDTSTAMP:20251104T000000Z\r\nDTSTART;VALUE=DATE:20261010\r\nSUMMARY:国庆节 补班\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:c@test\r\nDTSTAMP:20251104T000000Z\r\nDTSTART;VALUE=DATE:20260920\r\nDTEND;VALUE=DATE:20260921\r\nSUMMARY:Working day (National Day)\r\nEND:VEVENT\r\n" +
	"END:VCALENDAR\r\n"

func TestAnICalendarFeedBecomesDaysOffAndWorkingDays(t *testing.T) {
	hs, err := Parse("china-holidays.ics", []byte(feed))
	if err != nil {
		t.Fatal(err)
	}
	off, working := days(hs)
	if strings.Join(off, " ") != "2026-10-01 2026-10-02 2026-10-03 2026-10-04 2026-10-05 2026-10-06 2026-10-07" {
		t.Errorf("days off: %v (DTEND is the day after the last)", off)
	}
	if strings.Join(working, " ") != "2026-10-10 2026-09-20" {
		t.Errorf("working days: %v", working)
	}
}

func TestACSVWithRangesAndAHeader(t *testing.T) {
	csv := "\ufeffdate,name,kind\n# comment\n2027-02-06..2027-02-08, 春节 ,放假\n2027-02-13,春节调休,上班\n\n"
	hs, err := Parse("2027.csv", []byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	off, working := days(hs)
	if len(off) != 3 || len(working) != 1 || hs[0].Name != "春节" {
		t.Errorf("got %+v", hs)
	}
}

// Each bad file is refused whole with a sentence that says where.
func TestBadArrangementsAreRefusedWithASentence(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"x.csv", "2026-13-01,Bad,off\n", "not a date"},
		{"x.csv", "2026-10-01,National Day,maybe\n", "neither off nor working"},
		{"x.csv", "2026-10-01,National Day\n", "columns"},
		{"x.csv", "2026-01-01..2026-12-31,Year,off\n", "longer than"},
		{"x.csv", "2026-10-07..2026-10-01,Back,off\n", "before it starts"},
		{"x.csv", "1066-10-14,Hastings,off\n", "not a year"},
		{"x.csv", "# only a comment\n", "no days"},
		{"x.csv", "2026-10-01,\"unterminated,off\n", "cannot be read"},
		{"x.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "no events"},
		{"x.ics", "not a calendar at all", "cannot be read"},
		{"x.ics", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:No date\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "no start date"},
		{"x.pdf", "%PDF-1.7", "neither an iCalendar"},
		{"x.csv", "2026-10-01,\xff\xfe,off\n", "not UTF-8"},
		{"x.csv", strings.Repeat("2026-10-01,a,off\n", MaxFileBytes/10), "small file"},
	} {
		_, err := Parse(tc.name, []byte(tc.data))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s %.40q: error %v, want one saying %q", tc.name, tc.data, err, tc.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("x.csv", "2026-10-01..2026-10-07,国庆节,off\n")
	f.Add("x.ics", feed)
	f.Fuzz(func(t *testing.T, name, data string) {
		hs, err := Parse(name, []byte(data))
		if err == nil && len(hs) == 0 {
			t.Fatal("no error and no days")
		}
	})
}
