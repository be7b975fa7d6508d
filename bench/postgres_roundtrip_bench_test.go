package bench

import (
	"database/sql"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the database/sql driver "pgx", as pgstore uses
)

// BenchmarkPostgresRoundTrip is the reference added to PostgreSQL's
// figures: the least a statement costs on the PostgreSQL database that
// ED_BENCH_PG names (SELECT 1, prepared, on one kept connection through
// the driver pgstore uses), a round trip between two processes that no
// work on the register file, read inside the program, has. Calls are made
// one after another, as the register and search benchmarks make theirs.
func BenchmarkPostgresRoundTrip(b *testing.B) {
	url := os.Getenv("ED_BENCH_PG")
	if url == "" {
		b.Skip("set ED_BENCH_PG to a PostgreSQL database (make bench does)")
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	stmt, err := db.Prepare("SELECT 1")
	if err != nil {
		b.Fatal(err)
	}
	defer stmt.Close()
	var one int
	for range 20 { // the connection made and the statement prepared, not timed
		if err := stmt.QueryRow().Scan(&one); err != nil {
			b.Fatal(err)
		}
	}
	var lat latencies
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lat.time(func() { err = stmt.QueryRow().Scan(&one) })
		if err != nil || one != 1 {
			b.Fatalf("SELECT 1 gave %d (%v)", one, err)
		}
	}
	b.StopTimer()
	lat.report(b)
}
