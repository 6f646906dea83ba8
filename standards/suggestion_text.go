package standards

import (
	"fmt"

	"github.com/vumdk/vum/domain"
)

// The suggestion's service level in short Danish phrases, as lists and
// screens show it. A fact the standard does not state is said to be
// missing, never left out.

// DaysPerWeekText is e.g. "højst 5" or "1-5".
func (s Suggestion) DaysPerWeekText() string {
	if s.DaysPerWeekMax == nil {
		return ""
	}
	if s.DaysPerWeekMin != nil {
		return fmt.Sprintf("%d-%d", *s.DaysPerWeekMin, *s.DaysPerWeekMax)
	}
	return fmt.Sprintf("højst %d", *s.DaysPerWeekMax)
}

// DeadlineText is the decision deadline (servicemål), marked when it has
// passed by today; a zero today skips that check.
func (s Suggestion) DeadlineText(today domain.Date) string {
	switch {
	case s.DecisionDeadline.IsZero():
		return "standarden angiver intet servicemål"
	case !today.IsZero() && s.DecisionDeadline.Before(today):
		return fmt.Sprintf("! %s (servicemål, overskredet med %d dage)", s.DecisionDeadline.Danish(), s.DecisionDeadline.DaysUntil(today))
	}
	return s.DecisionDeadline.Danish() + " (servicemål)"
}

// FollowUpText is the follow-up cadence.
func (s Suggestion) FollowUpText() string {
	switch {
	case s.FollowUpWindow != nil:
		return fmt.Sprintf("inden for %d-%d måneder efter start", s.FollowUpWindow.Min, s.FollowUpWindow.Max)
	case s.FollowUpMonths != nil:
		return fmt.Sprintf("hver %d. måned", *s.FollowUpMonths)
	}
	return fmt.Sprintf("standarden angiver intet interval (forslag: %d måneder)", DefaultFollowUpMonths)
}

// AppealText says whether and when the decision can be appealed.
func (s Suggestion) AppealText() string {
	switch {
	case s.Appealable == nil:
		return "standarden angiver intet"
	case !*s.Appealable:
		return "kan ikke påklages til anden myndighed"
	case s.ComplaintDeadlineWeeks != nil:
		return fmt.Sprintf("kan påklages inden %d uger", *s.ComplaintDeadlineWeeks)
	}
	return "kan påklages"
}
