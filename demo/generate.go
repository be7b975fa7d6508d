package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"ethicsdesk/cases"
)

// Generator makes synthetic cases. The same seed, size and end date give
// the same register.
type Generator struct {
	rng      *rand.Rand
	end      time.Time
	years    int
	types    map[string]cases.CaseType
	cal      cases.Calendar
	members  []cases.User
	staff    []cases.User
	notesAvg float64
}

// Config sizes a synthetic register.
type Config struct {
	Seed     uint64
	Cases    int
	Notes    int       // in all, spread over the cases
	End      time.Time // the newest case is created before this
	Years    int       // how many years back the register starts
	Types    []cases.CaseType
	Holidays []cases.Holiday
	Members  []cases.User // rapporteurs and note authors
	Staff    []cases.User // secretariat, who move cases
}

// NewGenerator prepares a generator for cfg.
func NewGenerator(cfg Config) *Generator {
	if cfg.Years <= 0 {
		cfg.Years = 4
	}
	g := &Generator{rng: rand.New(rand.NewPCG(cfg.Seed, 0x45434445534b)), end: cfg.End, years: cfg.Years,
		types: map[string]cases.CaseType{}, cal: cases.NewCalendar(cfg.Holidays), members: cfg.Members, staff: cfg.Staff}
	for _, t := range cfg.Types {
		g.types[t.Code] = t
	}
	if cfg.Cases > 0 {
		g.notesAvg = float64(cfg.Notes) / float64(cfg.Cases)
	}
	return g
}

func (g *Generator) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// Case makes the i-th of n cases; cases come out in creation order so that
// references are handed out in date order.
func (g *Generator) Case(i, n int) cases.ImportedCase {
	span := time.Duration(g.years) * 365 * 24 * time.Hour
	start := g.end.Add(-span)
	created := start.Add(time.Duration(float64(span) * (float64(i) + g.rng.Float64()) / float64(n)))
	if !created.Before(g.end) {
		created = g.end.Add(-time.Minute)
	}
	typeCodes := []string{"ethics_complaint", "privacy_complaint", "guidance_request"}
	code := typeCodes[g.rng.IntN(len(typeCodes))]
	chinese := g.rng.IntN(10) < 3
	d := cases.Draft{TypeCode: code, Channel: cases.AllChannels[g.rng.IntN(len(cases.AllChannels))],
		Respondent: g.pick(respondents), AISystem: g.pick(systems),
		Sector: cases.AllSectors[g.rng.IntN(len(cases.AllSectors))], Risk: cases.AllRisks[g.rng.IntN(3)],
		Priority: cases.PriorityNormal, Confidential: g.rng.IntN(10) == 0,
		ReceivedOn: cases.DateOf(created.Add(-time.Duration(g.rng.IntN(5)*24) * time.Hour))}
	if chinese {
		d.Title = fmt.Sprintf(g.pick(chineseTitles[code]), d.AISystem)
		d.Summary = g.pick(chineseSummaries) + "\n\n" + g.pick(englishSummaries)
	} else {
		d.Title = fmt.Sprintf(g.pick(englishTitles[code]), d.AISystem)
		d.Summary = g.pick(englishSummaries) + " " + g.pick(englishSummaries)
	}
	if g.types[code].Complaint {
		d.Breach = cases.AllBreaches[g.rng.IntN(len(cases.AllBreaches))]
	}
	switch r := g.rng.IntN(20); {
	case r == 0:
		d.Priority = cases.PriorityEmergency
	case r < 4:
		d.Priority = cases.PriorityHigh
	}
	codes := []string{"C39", "I63", "I64", "I65", "J66", "J68", "G54", "P83", "Q84", "S92", "F52", "R86", "L72", "M73"}
	d.CatalogueCode = codes[g.rng.IntN(len(codes))]
	switch g.rng.IntN(10) {
	case 0:
		d.Submitter = cases.Submitter{Kind: cases.SubmitterAnonymous}
	case 1, 2, 3:
		d.Submitter = cases.Submitter{Kind: cases.SubmitterOrganisation, Name: g.pick(respondents), Contact: "legal@example.org"}
	default:
		d.Submitter = cases.Submitter{Kind: cases.SubmitterPerson, Name: g.pick(submitterNames),
			Contact: fmt.Sprintf("+86 755 %04d %04d", g.rng.IntN(10000), g.rng.IntN(10000)), Confidential: g.rng.IntN(5) == 0}
	}

	staff := g.staff[g.rng.IntN(len(g.staff))]
	c := cases.Case{Draft: d, Status: cases.Received, CreatedAt: created.UTC(), CreatedBy: staff.Name()}
	history := g.history(created, g.path(created))
	if len(history) > 0 {
		c.Status = history[len(history)-1].To
	}
	last := created
	if len(history) > 0 {
		last = history[len(history)-1].At
	}
	c.UpdatedAt, c.UpdatedBy = last.UTC(), staff.Name()
	if c.Status != cases.Received && c.Status != cases.Screening && len(g.members) > 0 {
		r := g.members[g.rng.IntN(len(g.members))]
		c.RapporteurID, c.Rapporteur = r.ID, r.Name()
	}
	today := cases.DateOf(g.end)
	c.Deadline = cases.CaseDeadline(c.Status, c.TypeCode, c.Priority, history, g.types, g.cal, today)
	c.DueOn = c.Deadline.Due
	c.AcceptedOn, _ = cases.PausesFrom(history)
	return cases.ImportedCase{Case: c, History: history, Notes: g.notes(created, last)}
}

var submitterNames = []string{"Zhang Wei", "Wang Xiuying", "Li Qiang", "Liu Yang", "Chen Jing", "Yang Fan",
	"Maria Santos", "John Carter", "张伟", "王秀英", "李强", "刘洋", "陈静"}

// path picks the statuses a case went through; older cases are further along.
func (g *Generator) path(created time.Time) []cases.Status {
	age := g.end.Sub(created).Hours() / 24
	main := []cases.Status{cases.Screening, cases.UnderReview, cases.Deliberation, cases.OpinionDrafting, cases.OpinionIssued}
	r := g.rng.IntN(100)
	switch {
	case age > 240 && r < 12:
		return []cases.Status{cases.Screening, cases.Inadmissible, cases.Closed}
	case age > 240 && r < 18:
		return []cases.Status{cases.Screening, cases.UnderReview, cases.Withdrawn}
	case age > 240 && r < 75:
		return append(main, cases.Closed)
	case age > 240 && r < 85:
		return append(main, cases.FollowUp, cases.Closed)
	case age > 240:
		return append(main, cases.FollowUp)
	}
	// Recent cases stop somewhere along the way.
	steps := 1 + int(age/10)
	if steps > 6 {
		steps = 6
	}
	p := main[:min(g.rng.IntN(steps+1), len(main))]
	if len(p) == 1 && g.rng.IntN(5) == 0 {
		p = []cases.Status{cases.Screening, cases.Inadmissible}
	}
	if len(p) >= 2 && p[len(p)-1] == cases.UnderReview && g.rng.IntN(4) == 0 {
		p = append(append([]cases.Status{}, p...), cases.AwaitingInfo)
	}
	return p
}

// history turns a path into dated status changes that end before g.end.
func (g *Generator) history(created time.Time, path []cases.Status) []cases.StatusChange {
	if len(path) == 0 {
		return nil
	}
	room := g.end.Sub(created)
	step := room / time.Duration(len(path)+1)
	if max := 25 * 24 * time.Hour; step > max {
		step = max
	}
	var out []cases.StatusChange
	from, at := cases.Received, created
	for _, to := range path {
		at = at.Add(time.Duration(float64(step) * (0.3 + 0.7*g.rng.Float64())))
		actor := g.staff[g.rng.IntN(len(g.staff))]
		ch := cases.StatusChange{At: at.UTC(), ActorID: actor.ID, Actor: actor.Name(), From: from, To: to}
		if rs, ok := reasons[string(to)]; ok {
			ch.Reason = g.pick(rs)
		}
		out = append(out, ch)
		from = to
	}
	return out
}

// notes spreads about notesAvg notes over a case's active life.
func (g *Generator) notes(from, to time.Time) []cases.Note {
	if len(g.members) == 0 || g.notesAvg <= 0 {
		return nil
	}
	n := int(g.notesAvg)
	if g.rng.Float64() < g.notesAvg-float64(n) {
		n++
	}
	if to.Sub(from) < time.Hour {
		to = from.Add(time.Hour)
	}
	out := make([]cases.Note, n)
	for i := range out {
		who := g.members[g.rng.IntN(len(g.members))]
		body := g.pick(englishNotes)
		if g.rng.IntN(10) < 3 {
			body = g.pick(chineseNotes)
		}
		at := from.Add(time.Duration(g.rng.Int64N(int64(to.Sub(from)))))
		out[i] = cases.Note{At: at.UTC(), AuthorID: who.ID, Author: who.Name(), Body: body, Private: g.rng.IntN(15) == 0}
	}
	return out
}
