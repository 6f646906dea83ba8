package main

import (
	"fmt"

	"github.com/vumdk/vum/domain"
	draft "github.com/vumdk/vum/letter"
	"github.com/vumdk/vum/store"
)

// saveFill stores the fill with the case's letter for decision event
// (the newest decision when 0), on top of what is stored already: the
// write states the case version it read, so a case changed meanwhile is
// refused rather than overwritten.
func (a *app) saveFill(id string, event int, fill draft.Fill) error {
	if fill == (draft.Fill{}) {
		return usagef("--fill-filen udfylder ingen felter; angiv fx citizen_address eller citizen_view")
	}
	s, c, err := a.openCase(id)
	if err != nil {
		return err
	}
	defer s.Close()
	e, err := letterEvent(c, event)
	if err != nil {
		return err
	}
	stored, _ := c.LetterFill(e.Seq)
	ev, err := c.LetterFillEvent(e.Seq, stored.Over(fill))
	if err != nil {
		return err
	}
	if _, err := s.Append(c.ID, store.Change{Version: c.Version, Events: []domain.Event{ev}}); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Brevets felter er gemt på sagen %s (afgørelsen i hændelse %d).\n", c.ID, e.Seq)
	return nil
}
