package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// Autosave timing. An edit is saved a moment after the last keystroke
// (the delay), so a burst of typing is one write; but continuous typing
// never holds a save back longer than the maximum wait. A refused save
// (the store busy in another vum, or briefly gone) is tried again, a
// little later each time, until it succeeds.
const (
	defaultSaveDelay   = 700 * time.Millisecond
	defaultSaveMaxWait = 2 * time.Second
	retryMax           = 5 * time.Second
)

// autosave decides when a screen's typed work is written. It knows
// nothing of how a save is done: the screen asks Edited for a timer,
// saves when a tick is Due, and reports the result with Saved or Failed.
type autosave struct {
	delay, maxWait time.Duration
	now            func() time.Time

	seq        int       // drops ticks made stale by a later edit
	dirtySince time.Time // first edit not yet written; zero when clean
	retry      time.Duration
	failed     bool // the last save was refused; a retry is scheduled
}

// saveTickMsg fires when a save may be due; seq drops stale ticks.
type saveTickMsg struct{ seq int }

func newAutosave(delay, maxWait time.Duration, now func() time.Time) autosave {
	if delay <= 0 {
		delay = defaultSaveDelay
	}
	if maxWait < delay {
		maxWait = max(delay, defaultSaveMaxWait)
	}
	return autosave{delay: delay, maxWait: maxWait, now: now}
}

// Edited records an edit and returns the tick that saves it: after the
// delay, or sooner when the first unsaved edit is about to be older than
// the maximum wait.
func (a *autosave) Edited() tea.Cmd {
	wait, seq := a.edited()
	if wait <= 0 {
		return func() tea.Msg { return saveTickMsg{seq} }
	}
	return tea.Tick(wait, func(time.Time) tea.Msg { return saveTickMsg{seq} })
}

func (a *autosave) edited() (wait time.Duration, seq int) {
	now := a.now()
	if a.dirtySince.IsZero() {
		a.dirtySince = now
	}
	a.seq++
	return min(a.delay, a.maxWait-now.Sub(a.dirtySince)), a.seq
}

// Due reports whether a tick should start a save: it is the newest, or
// it is a retry, or the oldest unsaved edit has waited long enough.
func (a *autosave) Due(msg saveTickMsg) bool {
	if msg.seq == a.seq {
		return true
	}
	return !a.dirtySince.IsZero() && a.now().Sub(a.dirtySince) >= a.maxWait
}

// Saving marks that everything edited so far is being written.
func (a *autosave) Saving() { a.dirtySince = time.Time{} }

// saveRecoveredMsg tells the root that a refused save went through, so
// the error about it is cleared.
type saveRecoveredMsg struct{}

// Saved records a successful write; after refused ones it returns the
// message that clears their error.
func (a *autosave) Saved() tea.Cmd {
	recovered := a.failed
	a.failed, a.retry = false, 0
	if recovered {
		return send(saveRecoveredMsg{})
	}
	return nil
}

// Failed records a refused write and returns the tick that retries it,
// backing off from the delay, doubling, to five seconds.
func (a *autosave) Failed() tea.Cmd {
	a.failed = true
	if a.dirtySince.IsZero() {
		a.dirtySince = a.now()
	}
	a.retry = min(retryMax, max(a.delay, a.retry*2))
	a.seq++
	seq := a.seq
	return tea.Tick(a.retry, func(time.Time) tea.Msg { return saveTickMsg{seq} })
}

// Retrying reports that a refused save is waiting to be tried again.
func (a autosave) Retrying() bool { return a.failed }
