package pgtest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// SaveData stops the server and copies the cluster's data folder to dir
// (replaced), so that StartFrom can start another cluster on the same
// databases without building them again: make bench keeps the benchmark
// register migrated to PostgreSQL this way. The cluster is still removed
// by Stop.
func (c *Cluster) SaveData(dir string) error {
	c.stopServer()
	tmp := dir + ".saving"
	os.RemoveAll(tmp)
	// cp -a keeps the files' owner and modes, which the server checks.
	if out, err := exec.Command("cp", "-a", filepath.Join(c.dir, "data"), tmp).CombinedOutput(); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("saving the cluster's data: %v %s", err, out)
	}
	os.RemoveAll(dir)
	return os.Rename(tmp, dir)
}

// StartFrom starts a throwaway cluster on a copy of a data folder SaveData
// saved; the copy is removed by Stop, the saved folder is left as it is.
func StartFrom(saved string) (*Cluster, error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(saved, "PG_VERSION")); err != nil {
		return nil, fmt.Errorf("%s is not a saved PostgreSQL data folder: %w", saved, err)
	}
	dir, err := os.MkdirTemp("", "ethicsdesk-pg-*")
	if err != nil {
		return nil, err
	}
	c := &Cluster{dir: dir}
	cred, err := unprivileged(dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	data := filepath.Join(dir, "data")
	if out, err := exec.Command("cp", "-a", saved, data).CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("copying the saved cluster: %v %s", err, out)
	}
	return c.start(bin, data, cred)
}
