package remote_test

import (
	"context"
	"fmt"
	"net/http/httptrace"
	"sync/atomic"
	"testing"

	"ethicsdesk/cases"
)

// A member's laptop keeps one TLS connection to the server for all its
// calls: a new connection costs a TLS handshake (several milliseconds on a
// loaded machine, a round trip or two on a real network) before every
// call, large answers (a register page) included.
func TestCallsReuseOneConnection(t *testing.T) {
	s := serve(t)
	ctx := context.Background()
	for i := range 60 {
		if _, err := s.Svc.CreateCase(ctx, s.Sec, draft(fmt.Sprintf("Complaint %d about consent and a long title to make the page large", i))); err != nil {
			t.Fatal(err)
		}
	}
	member := s.client(t, "sec", secPW)
	var fresh, calls atomic.Int32
	traced := httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		calls.Add(1)
		if !info.Reused {
			fresh.Add(1)
		}
	}})
	for range 20 {
		rows, err := member.ListCases(traced, s.Sec, cases.Query{}, 0, 50)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 50 {
			t.Fatalf("a register page through the server has %d rows, want 50", len(rows))
		}
		if _, err := member.Search(traced, s.Sec, "consent", cases.Query{}, 0, 50); err != nil {
			t.Fatal(err)
		}
		if _, err := member.GetCase(traced, s.Sec, s.Open.ID); err != nil {
			t.Fatal(err)
		}
	}
	if calls.Load() != 60 {
		t.Fatalf("traced %d calls, want 60", calls.Load())
	}
	if fresh.Load() != 0 {
		t.Errorf("%d of 60 calls after sign-in opened a new connection to the server (a TLS handshake each); want all on the sign-in's connection", fresh.Load())
	}
}
