//go:build unix

package pgtest

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// clusterOwner is the account the cluster runs as when the tests run as
// root: Debian's postgres account (made by the postgresql package), else
// nobody.
var clusterOwner *syscall.Credential

// unprivileged returns the process attributes that run initdb and the
// server as an unprivileged account when this process is root (nil
// otherwise), and gives that account the cluster's folder.
func unprivileged(dir string) (any, error) {
	if os.Geteuid() != 0 {
		return (*syscall.SysProcAttr)(nil), nil
	}
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		clusterOwner = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chmod(dir, 0o700); err != nil {
			return nil, err
		}
		if err := os.Chown(dir, uid, gid); err != nil {
			return nil, fmt.Errorf("giving the cluster's folder to %s: %w", name, err)
		}
		// The folder's parents must let the account through.
		for p := filepath.Dir(dir); p != "/"; p = filepath.Dir(p) {
			if fi, err := os.Stat(p); err == nil && fi.Mode().Perm()&0o001 == 0 {
				return nil, fmt.Errorf("the account %s cannot reach %s (mode %v): set TMPDIR to a folder it can reach", name, p, fi.Mode().Perm())
			}
		}
		return &syscall.SysProcAttr{Credential: clusterOwner}, nil
	}
	return nil, fmt.Errorf("the tests run as root and there is no postgres or nobody account to run PostgreSQL as: run scripts/install-deps.sh")
}

func setCred(cmd *exec.Cmd, cred any) {
	if a, ok := cred.(*syscall.SysProcAttr); ok && a != nil {
		cmd.SysProcAttr = a
	}
}

func chownToCluster(dir, file string) {
	if clusterOwner != nil {
		os.Chown(file, int(clusterOwner.Uid), int(clusterOwner.Gid))
	}
}
