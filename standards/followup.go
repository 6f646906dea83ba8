package standards

import (
	"fmt"

	"github.com/vumdk/vum/domain"
)

// DefaultFollowUpMonths is proposed when a standard states no follow-up
// interval; the caseworker confirms or changes it.
const DefaultFollowUpMonths = 12

// FollowUp is what a standard says about the first follow-up after start.
type FollowUp struct {
	Months *int    // a fixed interval
	Window *Window // a window, e.g. within 3-6 months; Months is then nil
}

// Stated reports whether the standard gives any interval.
func (f FollowUp) Stated() bool { return f.Months != nil || f.Window != nil }

// Latest returns the latest number of months to the first follow-up.
func (f FollowUp) Latest() (int, bool) {
	switch {
	case f.Window != nil:
		return f.Window.Max, true
	case f.Months != nil:
		return *f.Months, true
	}
	return 0, false
}

// FollowUp returns the standard's follow-up interval for p.
func (p *ProvisionStandard) FollowUp() FollowUp {
	if p.FollowUpMonthsMin != nil && p.FollowUpMonthsMax != nil {
		return FollowUp{Window: &Window{Min: *p.FollowUpMonthsMin, Max: *p.FollowUpMonthsMax}}
	}
	return FollowUp{Months: p.FollowUpMonths}
}

// FirstFollowUp returns when the first follow-up is due after start: the
// latest date the standard allows. stated is false when the standard gives
// no interval and DefaultFollowUpMonths was used.
//
// A time-limited course (§ 82 b: at most DurationMaxMonths) is followed up
// before it ends: at the latest one month before its longest end.
func (p *ProvisionStandard) FirstFollowUp(start domain.Date) (due domain.Date, stated bool) {
	months, stated := p.FollowUp().Latest()
	if !stated {
		months = DefaultFollowUpMonths
	}
	if p.DurationMaxMonths != nil && *p.DurationMaxMonths > 1 && months >= *p.DurationMaxMonths {
		months = *p.DurationMaxMonths - 1
	}
	return start.AddMonths(months), stated
}

// DecisionDeadline returns the application date plus the standard's
// case-processing target (servicemål), unmoved by weekends: it is a
// target, not a legal deadline. text describes the target in Danish.
func (p *ProvisionStandard) DecisionDeadline(applied domain.Date) (due domain.Date, text string, ok bool) {
	switch {
	case p.DecisionTargetDays != nil:
		return applied.AddDays(*p.DecisionTargetDays), fmt.Sprintf("%d dage", *p.DecisionTargetDays), true
	case p.DecisionTargetWeeks != nil:
		return applied.AddWeeks(*p.DecisionTargetWeeks), fmt.Sprintf("%d uger", *p.DecisionTargetWeeks), true
	}
	return domain.Date{}, "", false
}
