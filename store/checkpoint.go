package store

import (
	"context"
	"crypto/x509"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// A checkpoint is the audit head (seq, hash) signed with the private key of
// someone who had it unlocked at that moment: a rapporteur or chair signing
// an opinion, an administrator issuing a key with the root. Rewriting the
// log before a checkpoint changes the hash it names, and a new checkpoint
// cannot be made without a key, so check catches a rewrite unless the
// attacker holds a key (or deletes the checkpoints, which the issued
// opinions' printed heads still catch).

// checkpointMessage is the exact text a checkpoint's signature covers.
func checkpointMessage(seq int64, hash, at, reason string, signerID int64) []byte {
	return fmt.Appendf(nil, "Ethics Desk audit checkpoint\nentry %d\nhash %s\nat %s\nreason %s\nsigner %d\n", seq, hash, at, reason, signerID)
}

// SaveAuditCheckpoint signs the current audit head with sign (the signer's
// unlocked key, over SHA-256 of the message for ECDSA and RSA keys) and
// stores it, head and checkpoint in one transaction.
func (db *DB) SaveAuditCheckpoint(ctx context.Context, reason string, signerID int64, signerName string, cert []byte,
	sign func(message []byte) ([]byte, error)) error {
	return db.writeTx(ctx, func(tx *sql.Tx) error {
		seq, hash := int64(0), genesisHash
		err := tx.QueryRowContext(ctx, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").Scan(&seq, &hash)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		at := formatTime(time.Now())
		sig, err := sign(checkpointMessage(seq, hash, at, reason, signerID))
		if err != nil {
			return fmt.Errorf("signing the audit checkpoint: %w", err)
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO audit_checkpoints (seq, hash, at, reason, signer_id, signer_name, cert, signature)
			VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`, seq, hash, at, reason, signerID, signerName, cert, sig)
		return err
	})
}

// checkpointAlgorithm is how a checkpoint signed with cert's key is checked.
func checkpointAlgorithm(cert *x509.Certificate) x509.SignatureAlgorithm {
	switch cert.PublicKeyAlgorithm {
	case x509.ECDSA:
		return x509.ECDSAWithSHA256
	case x509.RSA:
		return x509.SHA256WithRSA
	}
	return x509.UnknownSignatureAlgorithm
}

// checkCheckpoints verifies each checkpoint's signature and certificate and
// compares the head it names with the chain. It returns the problems and
// how many checkpoints held.
func (db *DB) checkCheckpoints(ctx context.Context, w *auditWalk, roots *x509.CertPool) ([]string, int, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT id, seq, hash, at, reason, signer_id, signer_name, cert, signature FROM audit_checkpoints ORDER BY id")
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var problems []string
	good := 0
	for rows.Next() {
		var id, seq, signerID int64
		var hash, at, reason, signer string
		var der, sig []byte
		if err := rows.Scan(&id, &seq, &hash, &at, &reason, &signerID, &signer, &der, &sig); err != nil {
			return nil, 0, err
		}
		name := fmt.Sprintf("checkpoint %d (audit entry %d, signed by %s at %s)", id, seq, signer, at)
		cert, err := x509.ParseCertificate(der)
		if err != nil {
			problems = append(problems, name+": its certificate is not readable")
			continue
		}
		if err := cert.CheckSignature(checkpointAlgorithm(cert), checkpointMessage(seq, hash, at, reason, signerID), sig); err != nil {
			problems = append(problems, name+": its signature does not match what it records (the checkpoint was altered or forged)")
			continue
		}
		if _, err := cert.Verify(x509.VerifyOptions{Roots: roots, CurrentTime: parseTime(at), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}); err != nil {
			problems = append(problems, fmt.Sprintf("%s: it was not signed with a key of this committee (%v)", name, err))
			continue
		}
		if w.BadSeq != 0 && seq >= w.BadSeq {
			continue // the broken chain is already reported
		}
		switch h, ok := w.HashAt(seq); {
		case !ok:
			problems = append(problems, fmt.Sprintf("%s: the audit log ends at entry %d, so entries up to %d were cut off", name, len(w.Hashes)-1, seq))
		case h != hash:
			problems = append(problems, fmt.Sprintf("%s: the audit log was rewritten (entry %d no longer has the hash signed then)", name, seq))
		default:
			good++
		}
	}
	return problems, good, rows.Err()
}

// committeeRoots is the pool check verifies signatures against: the
// register's root certificate and the topmost certificate of each member's
// stored chain (an institutional CA, for keys imported from PKCS#12).
func (db *DB) committeeRoots(ctx context.Context) (*x509.CertPool, error) {
	pool := x509.NewCertPool()
	var root []byte
	err := db.read.QueryRowContext(ctx, "SELECT cert FROM signing_root WHERE id = 1").Scan(&root)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	if c, err := x509.ParseCertificate(root); err == nil {
		pool.AddCert(c)
	}
	rows, err := db.read.QueryContext(ctx, "SELECT chain FROM user_keys WHERE source = 'pkcs12'")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var chain []byte
		if err := rows.Scan(&chain); err != nil {
			return nil, err
		}
		if certs, err := x509.ParseCertificates(chain); err == nil && len(certs) > 0 {
			pool.AddCert(certs[len(certs)-1])
		}
	}
	return pool, rows.Err()
}
