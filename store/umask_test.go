package store_test

import "syscall"

// umaskZero lets every permission bit a file is created with show, so a
// test sees the mode the program asked for, not the one the umask allowed.
func umaskZero() int { return syscall.Umask(0) }

func restoreUmask(old int) { syscall.Umask(old) }
