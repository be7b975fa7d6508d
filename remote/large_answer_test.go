package remote_test

import (
	"bytes"
	"context"
	"math/rand/v2"
	"testing"

	"ethicsdesk/cases"
)

// An answer larger than the client reads ahead (8 MiB, answers.go) comes
// back whole: a 12 MiB recording attached through the server opens again
// byte for byte (16 MiB of JSON on the wire).
func TestAnAttachmentLargerThanTheReadAheadComesBackWhole(t *testing.T) {
	s := serve(t)
	ctx := context.Background()
	sec := s.client(t, "sec", secPW)
	c, err := sec.CreateCase(ctx, s.Sec, draft("Voice cloning of call-centre staff"))
	if err != nil {
		t.Fatal(err)
	}
	data := make([]byte, 12<<20)
	r := rand.NewChaCha8([32]byte{7})
	r.Read(data)
	added, err := sec.AddAttachments(ctx, s.Sec, c.ID, []cases.NewAttachment{{FileName: "call recording.wav", ContentType: "audio/wav", Data: data}})
	if err != nil || len(added) != 1 {
		t.Fatalf("attaching 12 MiB: %v", err)
	}
	back, att, err := sec.OpenAttachment(ctx, s.Sec, added[0].ID)
	if err != nil || att.FileName != "call recording.wav" || !bytes.Equal(back, data) {
		t.Fatalf("the recording came back as %d bytes named %q (%v); want %d bytes", len(back), att.FileName, err, len(data))
	}
}
