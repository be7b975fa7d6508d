package cases

// auditView is what the audit log records of a case: every field except the
// submitter's personal data, which the log must not copy (it outlives the
// retention period); the submitter is referred to by the case id.
func auditView(c Case) map[string]any {
	return map[string]any{
		"reference": c.Reference, "type": c.TypeCode, "title": c.Title, "summary": c.Summary,
		"received_on": c.ReceivedOn.String(), "channel": c.Channel,
		"submitter_kind": c.Submitter.Kind, "submitter_confidential": c.Submitter.Confidential,
		"respondent": c.Respondent, "ai_system": c.AISystem, "sector": c.Sector,
		"catalogue_code": c.CatalogueCode, "risk": c.Risk, "breach": c.Breach,
		"priority": c.Priority, "confidential": c.Confidential, "status": c.Status,
		"due_on": c.DueOn.String(),
	}
}
