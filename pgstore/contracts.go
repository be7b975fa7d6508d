package pgstore

import "ethicsdesk/cases"

// The storage contracts package cases declares, implemented on PostgreSQL
// and checked by the compiler: cases.Store is all of them, so the same
// Service runs over this store as over the SQLite one.
var (
	_ cases.Store                 = (*DB)(nil)
	_ cases.Repository            = (*DB)(nil)
	_ cases.AccountRepository     = (*DB)(nil)
	_ cases.PasswordKeyRepository = (*DB)(nil)
	_ cases.AttachmentRepository  = (*DB)(nil)
	_ cases.AuditRepository       = (*DB)(nil)
	_ cases.ExportRepository      = (*DB)(nil)
	_ cases.MeetingRepository     = (*DB)(nil)
	_ cases.PanelRepository       = (*DB)(nil)
	_ cases.RetentionRepository   = (*DB)(nil)
	_ cases.SearchRepository      = (*DB)(nil)
	_ cases.SimplifiedRepository  = (*DB)(nil)
	_ cases.StatsRepository       = (*DB)(nil)
	_ cases.LetterheadRepository  = (*DB)(nil)
	_ cases.OpinionRepository     = (*DB)(nil)
	_ cases.KeyRepository         = (*DB)(nil)
	_ cases.OpinionReturner       = (*DB)(nil)
	_ cases.DutyRepository        = (*DB)(nil)
	_ cases.CatalogueRepository   = (*DB)(nil)
	_ cases.AuditTail             = (*DB)(nil)
	_ cases.IssuedOpinionLookup   = (*DB)(nil)
)
