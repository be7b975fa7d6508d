package bench

import (
	"context"
	"fmt"

	"ethicsdesk/cases"
)

// This file is the suite's own addition to the generated register, and
// with demo/ what names the cached register (bench/cmd/benchtable,
// seedKey): a change here seeds a new one, a change elsewhere in the
// package does not.

// PlantRareTerms adds, once, the few cases that carry the rare search
// terms; the generator's vocabulary has no rare words.
func PlantRareTerms(ctx context.Context, api cases.API, actor cases.User) error {
	if hits, err := api.Search(ctx, actor, "quokkatronic", cases.Query{}, 0, 1); err != nil || len(hits) > 0 {
		return err
	}
	for i := 1; i <= 3; i++ {
		d := cases.Draft{TypeCode: "ethics_complaint",
			Title:      fmt.Sprintf("Quokkatronic companion robot %d", i),
			Summary:    "The 盾牌 model of the quokkatronic robot records residents of a care home without telling them.",
			ReceivedOn: api.Today(), Channel: cases.ChannelEmail,
			Submitter:  cases.Submitter{Kind: cases.SubmitterAnonymous},
			Respondent: "Care Homes Ltd", AISystem: "Quokkatronic 盾牌", Sector: "healthcare",
			Risk: cases.RiskHigh, Breach: "privacy", Priority: cases.PriorityNormal}
		if _, err := api.CreateCase(ctx, actor, d); err != nil {
			return fmt.Errorf("planting the rare search terms: %w", err)
		}
	}
	return nil
}
