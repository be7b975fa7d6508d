package cases

// MarshalText writes a date as YYYY-MM-DD ("" for no date), so dates keep
// their value in JSON (the committee server's wire format) rather than
// becoming an empty object.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads what MarshalText wrote.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
