package domain

// Profile is the caseworker's own settings, kept outside the case store:
// who signs letters, and the municipality new cases start on.
type Profile struct {
	Name         string `json:"name,omitempty"`
	Title        string `json:"title,omitempty"`
	Phone        string `json:"phone,omitempty"`
	Email        string `json:"email,omitempty"`
	Municipality string `json:"municipality,omitempty"`
}
