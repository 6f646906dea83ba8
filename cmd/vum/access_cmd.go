package main

import (
	"github.com/vumdk/vum/tui/access"
)

// runAccessible runs the accessible mode on stdin and stdout: the same
// store, standards and rules as the screen, as plain line prompts.
func (a *app) runAccessible() error {
	cat, today, err := a.rules()
	if err != nil {
		return err
	}
	sess := &sessionStore{path: a.dbPath(), opt: a.storeOptions(false), pg: a.pgOptions()}
	if err := sess.touch(); err != nil {
		return err
	}
	defer sess.close()
	sess.access.start(sess.writeAccess, a.accessPurpose())
	err = access.Run(access.Config{Store: sess, Settings: defaultSettings(), Standards: cat, Today: today, In: a.stdin, Out: a.stdout})
	if ferr := sess.access.stop(); ferr != nil && err == nil {
		err = ferr
	}
	return err
}
