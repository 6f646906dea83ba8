package tui

import (
	"sync"

	"github.com/vumdk/vum/domain"
)

// Settings keeps what belongs to the caseworker rather than to a case:
// the profile (with the municipality new cases start on) and the draft of
// a new case not yet created. The command line keeps them in files in
// the user's configuration folder; without it they live in memory.
type Settings interface {
	Load() (domain.Profile, error)
	Save(domain.Profile) error
	// LoadDraft returns the new-case form as it was left; ok is false
	// when there is none.
	LoadDraft() (d NewCaseDraft, ok bool, err error)
	SaveDraft(NewCaseDraft) error
	ClearDraft() error
}

// NewCaseDraft is the new-case form as typed, kept until the case is
// created or the caseworker drops it.
type NewCaseDraft struct {
	Municipality string `json:"municipality"`
	Name         string `json:"name"`
	ID           string `json:"cpr_or_birth_date"`
	Living       string `json:"living"`
	Applied      string `json:"application_date"`
	Address      string `json:"address"`
}

// memorySettings keeps settings for one run only.
type memorySettings struct {
	mu      sync.Mutex
	profile domain.Profile
	draft   *NewCaseDraft
}

func (s *memorySettings) Load() (domain.Profile, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.profile, nil
}

func (s *memorySettings) Save(p domain.Profile) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.profile = p
	return nil
}

func (s *memorySettings) LoadDraft() (NewCaseDraft, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.draft == nil {
		return NewCaseDraft{}, false, nil
	}
	return *s.draft, true, nil
}

func (s *memorySettings) SaveDraft(d NewCaseDraft) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.draft = &d
	return nil
}

func (s *memorySettings) ClearDraft() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.draft = nil
	return nil
}
