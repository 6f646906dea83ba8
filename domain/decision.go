package domain

// Decision is the caseworker's decision on an application or a grant:
// what was granted (or refused), in which scope, from when, and why. It
// records which of vum's suggestions it matches, and the reason when the
// decision departs from them.
type Decision struct {
	Provision ProvisionID `json:"provision"`
	Tier      string      `json:"tier,omitempty"`
	// Scope is the decided scope in the provision's unit and the named
	// offer; the tier of § 85 follows from its hours.
	Scope Scope `json:"scope,omitzero"`
	// Date is the day the decision was made; Start the day the provision
	// begins (the same day unless set).
	Date  Date `json:"date"`
	Start Date `json:"start,omitzero"`
	// Refused is true when the application is refused (afslag).
	Refused bool `json:"refused,omitempty"`
	// BelowNeed is true when less than the assessed need is granted: a
	// partial refusal (delvis afslag).
	BelowNeed bool `json:"below_need,omitempty"`
	// Need is the assessed need in the provision's unit, recorded when the
	// grant is below it, so a partial refusal can set the two side by side.
	Need Scope `json:"need,omitzero"`
	// Reason is the caseworker's own reasoning; required when the decision
	// matches no suggestion, refuses, or grants below the suggested level.
	Reason string `json:"reason,omitempty"`
	// SpecialReason is the concrete reason for going beyond what a standard
	// gives "som hovedregel" or only "ved særlige hensyn" (e.g. § 103 up to
	// 5 days for a citizen living with family); the letter quotes it.
	SpecialReason string `json:"special_reason,omitempty"`
	// FollowedSuggestion tells whether the decision matches one of vum's
	// suggestions (SuggestionRole says which kind); SuggestedProvision and
	// SuggestedTier record the primary suggestion at the time.
	FollowedSuggestion bool        `json:"followed_suggestion"`
	SuggestionRole     string      `json:"suggestion_role,omitempty"`
	SuggestedProvision ProvisionID `json:"suggested_provision,omitempty"`
	SuggestedTier      string      `json:"suggested_tier,omitempty"`
	// FollowUpDue is the first follow-up date. FollowUpFromStandard is false
	// when the standard states no interval and the date was set by the
	// caseworker or by the default.
	FollowUpDue          Date `json:"follow_up_due,omitzero"`
	FollowUpFromStandard bool `json:"follow_up_from_standard"`
}

// StartDate returns Start, or Date when no separate start was set.
func (d Decision) StartDate() Date {
	if d.Start.IsZero() {
		return d.Date
	}
	return d.Start
}
