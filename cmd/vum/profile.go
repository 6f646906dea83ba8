package main

import (
	"fmt"
	"runtime/pprof"

	"github.com/spf13/cobra"

	"github.com/vumdk/vum/store/safefile"
)

// profileFlags adds a hidden --cpuprofile flag, used when measuring where
// a whole command spends its time (go tool pprof).
func (a *app) profileFlags(root *cobra.Command) {
	var path string
	var file *safefile.File
	root.PersistentFlags().StringVar(&path, "cpuprofile", "", "skriv en CPU-profil til `FIL`")
	root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		if path == "" {
			return nil
		}
		var err error
		if file, err = safefile.Create(path, safefile.Options{Overwrite: true}); err != nil {
			return fmt.Errorf("--cpuprofile: %v", err)
		}
		return pprof.StartCPUProfile(file)
	}
	root.PersistentPostRun = func(cmd *cobra.Command, args []string) {
		if file != nil {
			pprof.StopCPUProfile()
			if err := file.Commit(); err != nil {
				fmt.Fprintf(a.stderr, "vum: --cpuprofile: %v\n", err)
			}
		}
	}
}
