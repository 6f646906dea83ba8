package main

import "runtime"

// platform is what differs for vum between operating systems. Every
// system's values are here, compiled everywhere and tested on Linux;
// runtime.GOOS picks the one in force.
type platform struct {
	// dbHint names the default store in help texts, as the system writes
	// it (the folder comes from github.com/adrg/xdg's DataHome).
	dbHint string
	// userEnv names the logged-in user when the account has no name.
	userEnv string
}

var platforms = map[string]platform{
	"windows": {dbHint: `%LOCALAPPDATA%\vum\vum.db`, userEnv: "USERNAME"},
	"darwin":  {dbHint: "~/Library/Application Support/vum/vum.db", userEnv: "USER"},
	"unix":    {dbHint: "$XDG_DATA_HOME/vum/vum.db (~/.local/share/vum/vum.db)", userEnv: "USER"},
}

// platformFor returns the values for a GOOS; every system not named is
// treated as Linux (the XDG layout).
func platformFor(goos string) platform {
	if p, ok := platforms[goos]; ok {
		return p
	}
	return platforms["unix"]
}

var thisPlatform = platformFor(runtime.GOOS)
