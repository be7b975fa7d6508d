package pgstore_test

import (
	"context"
	"database/sql"
	"net/url"
	"testing"

	"ethicsdesk/internal/pgtest"
	"ethicsdesk/internal/storetest"
	"ethicsdesk/pgstore"
)

// The README's least-privilege set-up works as written: the server's role
// owns its schema and nothing else, the register lives in that schema,
// and the role can create nothing outside it.
func TestServerRoleOwnsOnlyItsSchema(t *testing.T) {
	c := pgtest.Need(t, cluster, startErr)
	admin, err := sql.Open("pgx", c.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	for _, q := range []string{
		"CREATE ROLE ethicsdesk LOGIN PASSWORD 'a long random password'",
		"CREATE DATABASE ethics ENCODING 'UTF8' TEMPLATE template0",
	} {
		if _, err := admin.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	inDB, err := sql.Open("pgx", c.URL("ethics"))
	if err != nil {
		t.Fatal(err)
	}
	defer inDB.Close()
	for _, q := range []string{
		"REVOKE ALL ON DATABASE ethics FROM PUBLIC",
		"GRANT CONNECT ON DATABASE ethics TO ethicsdesk",
		"REVOKE ALL ON SCHEMA public FROM PUBLIC",
		"CREATE SCHEMA ethicsdesk AUTHORIZATION ethicsdesk",
		"ALTER ROLE ethicsdesk IN DATABASE ethics SET search_path = ethicsdesk",
	} {
		if _, err := inDB.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	u, _ := url.Parse(c.URL("ethics"))
	u.User = url.UserPassword("ethicsdesk", "a long random password")
	db, err := pgstore.Open(context.Background(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if seq, _ := storetest.AuditScript(t, db); seq != 4 {
		t.Fatalf("the script wrote %d entries", seq)
	}
	var inSchema, inPublic int
	inDB.QueryRow("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'ethicsdesk'").Scan(&inSchema)
	inDB.QueryRow("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'").Scan(&inPublic)
	if inSchema < 20 || inPublic != 0 {
		t.Errorf("%d tables in the server's schema and %d in public", inSchema, inPublic)
	}
	server, err := sql.Open("pgx", u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	for _, q := range []string{"CREATE TABLE public.elsewhere (id int)", "CREATE DATABASE another", "CREATE ROLE another"} {
		if _, err := server.Exec(q); err == nil {
			t.Errorf("the server's role could %s", q)
		}
	}
}
