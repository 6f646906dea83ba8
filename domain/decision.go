package domain

// Decision is the caseworker's decision on a case: what was granted (or
// refused), at which level, from when, and why. It records whether the
// caseworker followed vum's suggestion, and the reason when not.
type Decision struct {
	Provision ProvisionID `json:"provision"`
	Tier      string      `json:"tier,omitempty"`
	// Date is the day the decision was made; Start the day the provision
	// begins (the same day unless set).
	Date  Date `json:"date"`
	Start Date `json:"start,omitzero"`
	// Refused is true when the application is refused (afslag).
	Refused bool `json:"refused,omitempty"`
	// Reason is the caseworker's own reasoning; required when the decision
	// differs from the primary suggestion.
	Reason string `json:"reason,omitempty"`
	// FollowedSuggestion tells whether the decision matches vum's primary
	// suggestion; SuggestedProvision and SuggestedTier record what it was.
	FollowedSuggestion bool        `json:"followed_suggestion"`
	SuggestedProvision ProvisionID `json:"suggested_provision,omitempty"`
	SuggestedTier      string      `json:"suggested_tier,omitempty"`
	// FollowUpDue is the first follow-up date. FollowUpFromStandard is false
	// when the standard states no interval and the date was set by the
	// caseworker or by the default.
	FollowUpDue          Date `json:"follow_up_due"`
	FollowUpFromStandard bool `json:"follow_up_from_standard"`
}

// StartDate returns Start, or Date when no separate start was set.
func (d Decision) StartDate() Date {
	if d.Start.IsZero() {
		return d.Date
	}
	return d.Start
}
