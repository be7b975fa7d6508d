// Package app is the wiring that the window and the commands share: the
// application's identity, the domain service over a register file with its
// ports (documents, keys, reports, backups), and signing a user in from a
// script or a terminal. It holds no rules (those are in cases) and no
// screens (ui) or commands (cli).
package app

import (
	"ethicsdesk/cases"
	"ethicsdesk/issuing"
	"ethicsdesk/report"
)

// ID is the application's identity; Fyne keys its storage root on it.
const ID = "org.ethicsdesk.EthicsDesk"

// Register is what the service is built over: every storage contract of
// package cases and the committee's keys — a register file (package
// store) or, for the committee server, a PostgreSQL database (pgstore).
type Register interface {
	cases.Store
	issuing.KeyStore
}

// NewService is the domain service over a register with its ports wired
// in — the document renderer, the keyring, the annual report and (for the
// window; nil for commands) backup and restore — as the window and every
// command use it.
func NewService(db Register, maint cases.Maintenance) *cases.Service {
	svc := cases.NewService(db, nil)
	svc.SetPorts(cases.Ports{Documents: issuing.Renderer{Letterhead: db}, Keys: issuing.Keyring{Keys: db},
		Reports: report.Annuals{}, Maintenance: maint})
	return svc
}
