package cases

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// SetsFollowUp is the rule that starts the follow-up review by itself: an
// issued opinion that sets recommendations or conditions (a paragraph
// under that heading) puts its case into Follow-up, due within
// FollowUpMonths — unless it found nothing to act on (a complaint not
// upheld, an activity not approved).
func SetsFollowUp(t OpinionText) bool {
	if !MayFollowUp(t.Decision) {
		return false
	}
	for _, p := range t.Paragraphs {
		if p.Heading == HeadRecommendations && strings.TrimSpace(p.Text) != "" {
			return true
		}
	}
	return false
}

// MayFollowUp is false for the decisions that leave nothing to follow up.
func MayFollowUp(d Decision) bool {
	return d != DecisionNotUpheld && d != DecisionNotApproved
}

// checkFollowUpAllowed refuses to move a case into Follow-up by hand when
// its issued opinion did not uphold the complaint (or approve the activity).
func (s *Service) checkFollowUpAllowed(ctx context.Context, c Case) error {
	st, err := s.opinions()
	if err != nil {
		return err
	}
	ops, err := st.IssuedOpinions(ctx, c.ID)
	if errors.Is(err, ErrNotFound) || (err == nil && len(ops) == 0) {
		return nil
	}
	if err != nil {
		return err
	}
	if d := ops[len(ops)-1].Text.Decision; !MayFollowUp(d) {
		return fmt.Errorf("Case %s cannot enter follow-up: its opinion decided %q, so there is nothing to follow up.", c.Reference, strings.ToLower(DecisionLabel(d)))
	}
	return nil
}
