package pgstore

import "ethicsdesk/cases"

// The storage contracts of package cases implemented on PostgreSQL so
// far, checked by the compiler. The others (cases.Store as a whole:
// attachments, opinions, keys, meetings, panel, search, statistics,
// retention, export) are still SQLite only, so the committee server cannot
// run on PostgreSQL yet.
var (
	_ cases.Repository        = (*DB)(nil)
	_ cases.AccountRepository = (*DB)(nil)
	_ cases.AuditRepository   = (*DB)(nil)
)
