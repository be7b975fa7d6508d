//go:build !unix

package pgtest

import "os/exec"

func unprivileged(dir string) (any, error) { return nil, nil }

func setCred(cmd *exec.Cmd, cred any) {}

func chownToCluster(dir, file string) {}
