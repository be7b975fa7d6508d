// Package holidays reads holiday arrangements — the days off and the
// weekend days made working days (调休上班) that a government publishes for a
// year — from the files an administrator imports, and ships China's
// published arrangements as data.
//
// Two formats are read:
//
//   - iCalendar (.ics): each all-day event is a day off, or a working day
//     when its summary says so (上班, 补班, 班, "working day"); an event
//     spanning several days covers each of them.
//   - CSV (.csv, UTF-8): the columns date, name, kind, with an optional
//     header line and # comments; date is YYYY-MM-DD or a range
//     YYYY-MM-DD..YYYY-MM-DD; kind is "off" (or holiday, 放假, 休) or
//     "working" (or work, 上班, 补班, 班).
//
// Every problem is a sentence naming the line or event, and a file with one
// problem is refused whole.
package holidays
