package store_test

import (
	"os"
	"testing"
	"time"
)

func TestZZSeedProfile(t *testing.T) {
	if os.Getenv("ED_SEED_PROF") == "" {
		t.Skip()
	}
	start := time.Now()
	seededRegister(t, 30000)
	t.Logf("seeded 30k in %s", time.Since(start))
}
