package safefile

var thisOS = windowsRules
