package safefile

import "syscall"

// osRules is what differs between operating systems for a safe write.
// Every set is compiled everywhere, so its logic is tested on Linux;
// os_windows.go and os_other.go only pick the one in force.
type osRules struct {
	// syncDir: the folder can be synced after a rename. Windows cannot
	// flush a folder (FlushFileBuffers needs write access, which a folder
	// handle never has, and fails with ERROR_ACCESS_DENIED); NTFS
	// journals the rename itself.
	syncDir bool
	// errnoText explains the system's error numbers in Danish.
	errnoText map[syscall.Errno]string
}

var (
	unixRules    = osRules{syncDir: true, errnoText: unixErrnoText}
	windowsRules = osRules{syncDir: false, errnoText: windowsErrnoText}
)

// windowsErrnoText explains Windows system error codes (winerror.h); on
// Windows an os error carries these numbers, not the POSIX ones.
var windowsErrnoText = map[syscall.Errno]string{
	2:    "filen eller mappen findes ikke; tjek stien",                                                     // ERROR_FILE_NOT_FOUND
	3:    "filen eller mappen findes ikke; tjek stien",                                                     // ERROR_PATH_NOT_FOUND
	4:    "for mange åbne filer; luk andre programmer og prøv igen",                                        // ERROR_TOO_MANY_OPEN_FILES
	5:    "ingen adgang; tjek rettighederne til filen og mappen, og at filen ikke er skrivebeskyttet",      // ERROR_ACCESS_DENIED
	17:   "filen kan ikke flyttes mellem to diske; vælg en mappe på samme disk",                            // ERROR_NOT_SAME_DEVICE
	19:   "disken er skrivebeskyttet; vælg en mappe, du kan skrive i",                                      // ERROR_WRITE_PROTECT
	23:   "disken svarer ikke (I/O-fejl); tjek disken og prøv igen",                                        // ERROR_CRC
	32:   "filen er åben i et andet program (fx Word, Excel eller en PDF-læser); luk den dér og prøv igen", // ERROR_SHARING_VIOLATION
	33:   "filen er åben i et andet program (fx Word, Excel eller en PDF-læser); luk den dér og prøv igen", // ERROR_LOCK_VIOLATION
	39:   "disken er fuld; frigør plads eller vælg en anden disk, og prøv igen",                            // ERROR_HANDLE_DISK_FULL
	53:   "netværksstien findes ikke eller svarer ikke; tjek forbindelsen og stien",                        // ERROR_BAD_NETPATH
	64:   "forbindelsen til netværksdrevet blev afbrudt; tjek forbindelsen og prøv igen",                   // ERROR_NETNAME_DELETED
	80:   "filen findes allerede; vælg et andet navn",                                                      // ERROR_FILE_EXISTS
	112:  "disken er fuld; frigør plads eller vælg en anden disk, og prøv igen",                            // ERROR_DISK_FULL
	123:  "filnavnet er ugyldigt i Windows; det må ikke indeholde \\ / : * ? \" < > |",                     // ERROR_INVALID_NAME
	183:  "filen findes allerede; vælg et andet navn",                                                      // ERROR_ALREADY_EXISTS
	206:  "stien er for lang; vælg en kortere sti eller et kortere filnavn",                                // ERROR_FILENAME_EXCED_RANGE
	267:  "en del af stien er ikke en mappe; tjek stien",                                                   // ERROR_DIRECTORY
	1117: "disken svarer ikke (I/O-fejl); tjek disken og prøv igen",                                        // ERROR_IO_DEVICE
	1295: "din diskkvote er brugt op; frigør plads og prøv igen",                                           // ERROR_DISK_QUOTA_EXCEEDED
	1920: "ingen adgang til filen; tjek rettighederne til filen og mappen",                                 // ERROR_CANT_ACCESS_FILE
}
