package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/vumdk/vum/tui"
)

// runProgram runs the screen. However it ends (quit, a signal, the
// terminal gone), what is still pending is written before vum exits.
func runProgram(model tui.Model) error {
	p := tea.NewProgram(model, tea.WithAltScreen(), tea.WithoutSignalHandler())
	stop := shutdownOnSignal(p, 3*time.Second)
	final, err := p.Run()
	stop()
	if m, ok := final.(tui.Model); ok {
		if ferr := m.Flush(); ferr != nil {
			return fmt.Errorf("det seneste kunne ikke gemmes: %w", ferr)
		}
	}
	if errors.Is(err, tea.ErrProgramKilled) {
		return nil // stopped after a signal; pending work is written above
	}
	return err
}

// shutdownOnSignal turns SIGHUP (terminal closed), SIGTERM and SIGINT into
// an orderly end: the screen writes pending edits and quits. If it has
// not ended within grace, the program is stopped, and runProgram writes
// what is pending itself.
func shutdownOnSignal(p *tea.Program, grace time.Duration) (stop func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT)
	done := make(chan struct{})
	go func() {
		select {
		case <-sigs:
			go p.Send(tui.ShutdownMsg{})
			select {
			case <-time.After(grace):
				p.Kill()
			case <-done:
			}
		case <-done:
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}
