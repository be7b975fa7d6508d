package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"

	"ethicsdesk/app"
	"ethicsdesk/bench"
	"ethicsdesk/store"
)

// seedFormat changes by hand when the cached register must be made again
// for a reason the hashed sources below do not show.
const seedFormat = "1"

// seedKey names the cached register after what made it: the generator
// (demo/) and the suite's own additions (bench/seed.go), so a changed
// generator seeds a new one. Schema changes need no new seed: opening the
// register migrates it; nor do changes to the workloads (bench/workload.go),
// which read the register as it is.
func seedKey() (string, error) {
	h := sha256.New()
	h.Write([]byte(seedFormat))
	files, _ := filepath.Glob("demo/*.go")
	files = append(files, "bench/seed.go")
	sort.Strings(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", fmt.Errorf("run from the repository's root: %w", err)
		}
		h.Write([]byte(f))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

// cachedRegister returns the benchmark register, seeding it on first use
// (about two minutes) and migrating it to the current schema. A register
// given with -db is used instead, migrated and planted the same way.
func cachedRegister(c config) (string, error) {
	if c.db != "" {
		path, err := filepath.Abs(c.db) // the benchmarks run in bench/
		if err != nil {
			return "", err
		}
		if _, err := os.Stat(path); err != nil {
			return "", err
		}
		return path, prepare(path)
	}
	key, err := seedKey()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(c.cacheDir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(c.cacheDir, "register-"+key+".db")
	if _, err := os.Stat(path); err != nil {
		old, _ := filepath.Glob(filepath.Join(c.cacheDir, "register-*"))
		for _, f := range old { // registers of an older generator
			os.RemoveAll(f)
		}
		os.RemoveAll(filepath.Join(c.cacheDir, "backups"))
		tmp := filepath.Join(c.cacheDir, "seeding.db")
		for _, f := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
			os.Remove(f)
		}
		fmt.Fprintf(os.Stderr, "bench: seeding %d cases and %d notes into %s (once)…\n", bench.Cases, bench.Notes, path)
		cmd := exec.Command(c.bin, "seed", "--db", tmp, "--cases", fmt.Sprint(bench.Cases), "--notes", fmt.Sprint(bench.Notes))
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("seeding: %w", err)
		}
		if err := prepare(tmp); err != nil {
			return "", err
		}
		if err := os.Rename(tmp, path); err != nil {
			return "", err
		}
	}
	return path, prepare(path)
}

// prepare migrates the register, plants the rare search terms and gives
// it a committee root (which `serve` needs for its certificate) if it has
// none, then closes it, which folds the write-ahead log into the file.
func prepare(path string) error {
	db, err := store.Open(path, store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	svc := app.NewService(db, nil)
	ctx := context.Background()
	actor, err := svc.Login(ctx, bench.DemoUser, bench.DemoPassword)
	if err != nil {
		return err
	}
	if err := bench.PlantRareTerms(ctx, svc, actor); err != nil {
		return err
	}
	if _, err := svc.CommitteeRoot(ctx); err == nil {
		return nil
	}
	admin, err := svc.Login(ctx, serverAdmin, bench.DemoPassword)
	if err != nil {
		return fmt.Errorf("signing in as %s to create the committee root: %w", serverAdmin, err)
	}
	if err := svc.CreateSigningRoot(ctx, admin, bench.DemoPassword); err != nil {
		return fmt.Errorf("creating the committee root the server needs: %w", err)
	}
	return nil
}
