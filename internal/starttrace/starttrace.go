// Package starttrace prints, when $ETHICSDESK_STARTTRACE is set, the
// milliseconds since the process started at named moments of start-up, so
// that what stands before the register window can be measured on the
// machine it runs on (issue 18).
package starttrace

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

var on = os.Getenv("ETHICSDESK_STARTTRACE") != ""

var born = processStart()

// Mark prints the time since the process started, and what has happened.
func Mark(what string) {
	if !on {
		return
	}
	fmt.Fprintf(os.Stderr, "starttrace %7.1f ms %s\n", float64(time.Since(born).Microseconds())/1000, what)
}

// processStart reads the process's start from /proc (Linux; elsewhere the
// package's initialisation is the start).
func processStart() time.Time {
	now := time.Now()
	if !on {
		return now
	}
	stat, err1 := os.ReadFile("/proc/self/stat")
	up, err2 := os.ReadFile("/proc/uptime")
	if err1 != nil || err2 != nil {
		return now
	}
	s := string(stat)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	ticks, err := strconv.ParseFloat(fields[19], 64) // starttime, field 22
	upSec, err2 := strconv.ParseFloat(strings.Fields(string(up))[0], 64)
	if err != nil || err2 != nil {
		return now
	}
	return now.Add(-time.Duration((upSec - ticks/100) * float64(time.Second)))
}
