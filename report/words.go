package report

import (
	"ethicsdesk/assets/translations"
	"ethicsdesk/cases"
	"ethicsdesk/opinion"
)

// words are the report's fixed texts in its language: each is an English
// key of assets/translations, printed in English, in Chinese, or in both
// (Chinese first) as the committee's language of documents says — not as
// the window speaks.
type words struct{ l opinion.Language }

// say is the text of key with its placeholders filled; a date among them
// is written as each language writes dates, so that a bilingual report
// prints "2025年1月1日" in the Chinese and "1 January 2025" in the English.
func (w words) say(key string, data map[string]any) string {
	in := func(tag string, l opinion.Language) string {
		d := make(map[string]any, len(data))
		for k, v := range data {
			if day, ok := v.(cases.Date); ok {
				v = l.FormatDate(day.Time())
			}
			d[k] = v
		}
		return translations.In(tag, key, d)
	}
	return w.l.Text(in("en", opinion.English), in("zh-Hans", opinion.Chinese))
}

// keyed is the text of a keyed family ("status.closed") with its English
// fallback when the files lack the key.
func (w words) keyed(key, fallback string) string {
	en, zh := translations.In("en", key, nil), translations.In("zh-Hans", key, nil)
	if en == key {
		en = fallback
	}
	if zh == key {
		zh = fallback
	}
	return w.l.Text(en, zh)
}

// dimension is a breakdown's name, as the heading "By …" and the table's
// first column print it.
func (w words) dimension(t cases.StatTable) string {
	return w.keyed("stat."+string(t.Dimension), t.Title)
}

// label is one value of a breakdown: statuses, types, sectors, risk tiers
// and breaches by their translations; the committee's own classification
// codes as the committee named them.
func (w words) label(t cases.StatTable, r cases.StatCount) string {
	switch {
	case r.Code == "" && t.Dimension == cases.ByBreach:
		return w.say("None (not a complaint)", nil)
	case r.Code == "":
		return w.say("Not recorded", nil)
	case t.Dimension == cases.ByStatus:
		return w.keyed("status."+r.Code, r.Label)
	case t.Dimension == cases.ByType:
		return w.keyed("type."+r.Code, r.Label)
	case t.Dimension == cases.BySector || t.Dimension == cases.ByRisk || t.Dimension == cases.ByBreach:
		return w.keyed("code."+r.Code, r.Label)
	}
	return r.Label
}

// decision is an opinion's decision, or "Opinion issued" when it has none.
func (w words) decision(d cases.Decision) string {
	if d == "" || cases.DecisionLabel(d) == "" {
		return w.keyed("status.opinion_issued", "Opinion issued")
	}
	return w.keyed("decision."+string(d), cases.DecisionLabel(d))
}

// date is a day as the report's language writes dates.
func (w words) date(d cases.Date) string { return w.l.FormatDate(d.Time()) }

// byDimension is the heading of a breakdown: "By case type", "按案件类型".
func (w words) byDimension(t cases.StatTable) string {
	en := translations.In("en", "stat."+string(t.Dimension), nil)
	if en == "stat."+string(t.Dimension) {
		en = t.Title
	}
	zh := translations.In("zh-Hans", "stat."+string(t.Dimension), nil)
	return w.l.Text(translations.In("en", "By {{.Dimension}}", map[string]any{"Dimension": lowerFirst(en)}),
		translations.In("zh-Hans", "By {{.Dimension}}", map[string]any{"Dimension": zh}))
}
