package cli

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"
)

// writeHeapProfileLater writes a heap profile to $ETHICSDESK_MEMPROFILE a
// while after start-up, for finding what the window keeps in memory
// (`go tool pprof -sample_index=inuse_space FILE`), and beside it FILE.txt
// with the runtime's totals: how much heap is in use, idle, and given back.
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
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		os.WriteFile(path+".txt", []byte(fmt.Sprintf("HeapInuse %d MB\nHeapIdle %d MB\nHeapReleased %d MB\nStackInuse %d MB\nSys %d MB\nNumGC %d\n",
			m.HeapInuse>>20, m.HeapIdle>>20, m.HeapReleased>>20, m.StackInuse>>20, m.Sys>>20, m.NumGC)), 0o644)
	}()
}
