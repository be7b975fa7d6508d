package store

import (
	"context"
	"fmt"
	"io"
	"os"
)

// CheckHeldBackup holds a backup of this register against its chain: the
// register must have the backup's audit head, with the same hash. A
// register rewound to before the backup, or whose log was rewritten since,
// fails. The backup is read from a temporary copy, so it is left exactly
// as it was.
func (db *DB) CheckHeldBackup(ctx context.Context, path string) ([]string, error) {
	tmp, err := copyToTemp(path)
	if err != nil {
		return nil, fmt.Errorf("the backup %s cannot be read: %w", path, err)
	}
	defer removeDBFiles(tmp)
	backup, err := OpenExisting(tmp)
	if err != nil {
		return []string{fmt.Sprintf("%s is not a register this version reads: %v", path, err)}, nil
	}
	bw, err := backup.walkAudit(ctx)
	backup.Close()
	if err != nil {
		return nil, err
	}
	if bw.BadSeq != 0 {
		return []string{fmt.Sprintf("%s: its own audit log is broken (%s), so it proves nothing", path, bw.Problem)}, nil
	}
	seq := int64(len(bw.Hashes) - 1)
	w, err := db.walkAudit(ctx)
	if err != nil {
		return nil, err
	}
	switch h, ok := w.HashAt(seq); {
	case !ok:
		return []string{fmt.Sprintf("the backup %s reaches audit entry %d, but the register's log ends at entry %d: the register was cut back or rewound", path, seq, len(w.Hashes)-1)}, nil
	case h != bw.Hashes[seq]:
		return []string{fmt.Sprintf("audit entry %d of the backup %s has a hash the register's log does not have: the log was rewritten, or the backup is of another register", seq, path)}, nil
	}
	return nil, nil
}

// copyToTemp copies a file into the temporary folder.
func copyToTemp(path string) (string, error) {
	in, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer in.Close()
	out, err := os.CreateTemp("", "ethicsdesk-held-*.db")
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(out.Name())
		return "", err
	}
	return out.Name(), out.Close()
}
