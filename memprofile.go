package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"time"
)

// writeHeapProfileLater writes a heap profile to $ETHICSDESK_MEMPROFILE a
// while after start-up, for finding what the window keeps in memory
// (`go tool pprof -sample_index=inuse_space FILE`).
func writeHeapProfileLater() {
	path := os.Getenv("ETHICSDESK_MEMPROFILE")
	if path == "" {
		return
	}
	go func() {
		time.Sleep(15 * time.Second)
		runtime.GC()
		if f, err := os.Create(path); err == nil {
			pprof.WriteHeapProfile(f)
			f.Close()
		}
	}()
}
