package discord_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"image/png"
	"strings"
	"testing"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/bottest"
	"github.com/ombud/ombud/bot/discord"
	"github.com/ombud/ombud/bot/discord/fakediscord"
)

// MustRecorder returns a harness running ombud's commands, whose replies
// are recorded.
func MustRecorder(t *testing.T) (*harness, *bottest.Recorder) {
	t.Helper()
	rec := &bottest.Recorder{}
	return MustHarness(t, options{wrap: rec.Wrap}), rec
}

// attached waits for the follow-up of the interaction with token that
// carries files, and returns it.
func (hs *harness) attached(token string) fakediscord.Message {
	hs.t.Helper()
	var m fakediscord.Message
	hs.fake.WaitFor("the files of "+token, func(s *fakediscord.Server) bool {
		for _, f := range s.Locked(token).FollowUps {
			if len(f.Files) > 0 {
				m = *f
				return true
			}
		}
		return false
	})
	return m
}

// mustCarry fails the test unless m carries exactly want, byte for byte,
// with its title as alt text and content.
func (hs *harness) mustCarry(m fakediscord.Message, want bot.File) fakediscord.File {
	hs.t.Helper()
	if len(m.Files) != 1 {
		hs.t.Fatalf("the message carries %d files, want 1", len(m.Files))
	}
	f := m.Files[0]
	if f.Name != want.Name || f.ContentType != want.ContentType || f.Description != want.Title || !bytes.Equal(f.Data, want.Data) {
		hs.t.Errorf("attached %s (%s, %q, %d bytes), want %s (%s, %q, %d bytes) as the reply carried it",
			f.Name, f.ContentType, f.Description, len(f.Data), want.Name, want.ContentType, want.Title, len(want.Data))
	}
	if w := hs.fake.Decode(m.Body); w.Content != want.Title {
		hs.t.Errorf("the message says %q, want the file's title", w.Content)
	}
	return f
}

// TestSummaryChart: a manager's summary over the gateway and over HTTP is
// answered in the channel, and its chart follows it there as an
// attachment: the PNG the reply carried, 1000×500.
func TestSummaryChart(t *testing.T) {
	t.Parallel()
	for name, send := range transports {
		t.Run(name, func(t *testing.T) {
			hs, rec := MustRecorder(t)
			hs.ok(send, ann, "C-2026-0001 opened", "open", str("summary", "Invoice charged twice"))
			token, payload := hs.fake.Command(max, desk, "summary", []fakediscord.Option{str("period", "2026-11")})
			w := send(hs, token, payload)
			if got := w.Titles(); len(got) == 0 || got[0] != "Summary: November 2026" || w.Ephemeral() {
				t.Fatalf("the summary: %v, ephemeral %v", got, w.Ephemeral())
			}
			m := hs.attached(token)
			f := hs.mustCarry(m, rec.MustFile(t))
			if hs.fake.Decode(m.Body).Ephemeral() || m.ChannelID != desk {
				t.Errorf("the chart went to %q, ephemeral %v; want it in the channel", m.ChannelID, hs.fake.Decode(m.Body).Ephemeral())
			}
			img, err := png.Decode(bytes.NewReader(f.Data))
			if err != nil {
				t.Fatalf("the attached chart is no PNG: %v", err)
			}
			if b := img.Bounds(); b.Dx() != 1000 || b.Dy() != 500 {
				t.Errorf("the chart is %v, want 1000×500", b)
			}
		})
	}
}

// TestExportCSV: a manager's export attaches the register, the CSV the
// reply carried: a header and a row per case, without the complainant.
func TestExportCSV(t *testing.T) {
	t.Parallel()
	hs, rec := MustRecorder(t)
	send := transports["gateway"]
	hs.ok(send, ann, "C-2026-0001 opened", "open", str("summary", "Invoice charged twice"), str("from", "Kari <kari@example.no>"))
	token, payload := hs.fake.Command(max, desk, "export", []fakediscord.Option{str("period", "2026-11")})
	send(hs, token, payload)
	f := hs.mustCarry(hs.attached(token), rec.MustFile(t))
	rows, err := csv.NewReader(bytes.NewReader(f.Data)).ReadAll()
	if err != nil {
		t.Fatalf("the attached register is no CSV: %v", err)
	}
	if len(rows) != 2 || rows[0][0] != "id" || rows[1][0] != "C-2026-0001" {
		t.Errorf("the register has rows %q, want a header and C-2026-0001", rows)
	}
	if bytes.Contains(f.Data, []byte("kari@example.no")) || bytes.Contains(f.Data, []byte("Kari")) {
		t.Errorf("the register attached in chat names the complainant:\n%s", f.Data)
	}
}

// TestFilesRefused: an agent asking for a summary or an export is refused
// privately, and nothing is attached anywhere.
func TestFilesRefused(t *testing.T) {
	t.Parallel()
	pool := bot.NewPool(1, 16)
	t.Cleanup(func() { _ = pool.Close(context.Background()) })
	hs := MustHarness(t, options{config: func(c *discord.Config) { c.Pool = pool }})
	for _, sub := range []string{"summary", "export"} {
		token, payload := hs.fake.Command(ann, desk, sub, nil)
		w := hs.gateway(token, payload)
		if !w.Ephemeral() || !strings.Contains(w.Embeds[0].Description, "manager") {
			t.Errorf("%s by an agent: %+v, want a private refusal naming managers", sub, w.Embeds)
		}
	}
	settle(t, pool)
	for _, m := range hs.fake.Channel(desk).Messages {
		if len(m.Files) > 0 {
			t.Errorf("a refused request attached %d files", len(m.Files))
		}
	}
}

// settle waits until the work pool, of one worker, took so far is done.
func settle(t *testing.T, pool *bot.Pool) {
	t.Helper()
	done := make(chan struct{})
	if !pool.TrySubmit(func() { close(done) }) {
		t.Fatal("the pool is full")
	}
	<-done
}

// chart is a small file for the tests that need one.
var chart = bot.File{Name: "chart.png", ContentType: "image/png", Title: "Cases per week", Data: []byte("\x89PNG not really")}

// replying returns a handler that answers every request with r.
func replying(r bot.Reply) bot.Handler {
	return bot.HandlerFunc(func(context.Context, bot.Request) bot.Response { return bot.Response{Reply: r} })
}

// TestPrivateFiles: a private reply's files follow it ephemerally, which
// Discord allows.
func TestPrivateFiles(t *testing.T) {
	t.Parallel()
	hs := MustHarness(t, options{handler: replying(bot.Reply{Title: "Yours", Visibility: bot.Private, Files: []bot.File{chart}})})
	token, payload := hs.fake.Command(max, desk, "summary", nil)
	hs.gateway(token, payload)
	m := hs.attached(token)
	hs.mustCarry(m, chart)
	if !hs.fake.Decode(m.Body).Ephemeral() || m.ChannelID != "" {
		t.Errorf("a private reply's file went to %q, ephemeral %v", m.ChannelID, hs.fake.Decode(m.Body).Ephemeral())
	}
}

// sized returns a file of n bytes.
func sized(name string, n int) bot.File {
	return bot.File{Name: name, ContentType: "text/csv; charset=utf-8", Title: name, Data: bytes.Repeat([]byte("x"), n)}
}

// TestFileTooLarge: a file of exactly Discord's 10 MiB is attached; one
// byte more is not sent, and the person is told privately, with what to do
// instead; the other files of the reply are attached.
func TestFileTooLarge(t *testing.T) {
	t.Parallel()
	exact, over := sized("exact.csv", fakediscord.UploadLimit), sized("over.csv", fakediscord.UploadLimit+1)
	hs := MustHarness(t, options{handler: replying(bot.Reply{Title: "Register", Visibility: bot.Public, Files: []bot.File{over, exact}})})
	token, payload := hs.fake.Command(max, desk, "export", nil)
	hs.gateway(token, payload)
	hs.fake.WaitFor("the attachment and the refusal", func(s *fakediscord.Server) bool { return len(s.Locked(token).FollowUps) == 2 })
	in := hs.fake.Interaction(token)
	hs.mustCarry(*in.FollowUps[0], exact)
	w := hs.fake.Decode(in.FollowUps[1].Body)
	text := w.Embeds[0].Description
	if !w.Ephemeral() || len(in.FollowUps[1].Files) != 0 || !strings.Contains(text, "over.csv is 10.0 MiB (10485761 bytes)") ||
		!strings.Contains(text, "ombud export") {
		t.Errorf("the person was told %q (ephemeral %v), want the file's size and ombud export", text, w.Ephemeral())
	}
}

// TestFilesAfterDeferral: a reply slower than the acknowledgement comes
// after the deferral, and its files follow it.
func TestFilesAfterDeferral(t *testing.T) {
	t.Parallel()
	gate := make(chan struct{})
	handler := bot.HandlerFunc(func(context.Context, bot.Request) bot.Response {
		<-gate
		return bot.Response{Reply: bot.Reply{Title: "Summary", Visibility: bot.Public, Files: []bot.File{chart}}}
	})
	hs := MustHarness(t, options{handler: handler, config: func(c *discord.Config) { c.AckWithin = 1 }})
	token, payload := hs.fake.Command(max, desk, "summary", nil)
	hs.fake.Dispatch(payload)
	hs.fake.WaitFor("the deferral", func(s *fakediscord.Server) bool { return len(s.Locked(token).Callbacks) > 0 })
	close(gate)
	if w := hs.answered(token); w.Titles()[0] != "Summary" {
		t.Errorf("the reply after the deferral: %+v", w)
	}
	hs.mustCarry(hs.attached(token), chart)
	if in := hs.fake.Interaction(token); in.CallbackType() != 5 {
		t.Errorf("the first response has type %d, want a deferral", in.CallbackType())
	}
}

// TestFileOfTopicReply: a public reply about a case is shown to the person
// privately (the case's thread hears of the change from the outbox), and
// its file comes with it, privately; nothing goes to the channel.
func TestFileOfTopicReply(t *testing.T) {
	t.Parallel()
	hs := MustHarness(t, options{handler: bot.HandlerFunc(func(context.Context, bot.Request) bot.Response {
		return bot.Response{Reply: bot.Reply{Title: "C-2026-0001 chart", Visibility: bot.Public, Topic: "C-2026-0001", Files: []bot.File{chart}}}
	})})
	token, payload := hs.fake.Command(max, desk, "summary", nil)
	if w := hs.gateway(token, payload); !w.Ephemeral() {
		t.Errorf("the person saw the reply publicly: %+v", w)
	}
	m := hs.attached(token)
	hs.mustCarry(m, chart)
	if !hs.fake.Decode(m.Body).Ephemeral() {
		t.Errorf("the file came in a public message")
	}
	if ch := hs.fake.Channel(desk); len(ch.Messages) != 0 || len(ch.Started) != 0 {
		t.Errorf("the channel has %d messages and %d threads", len(ch.Messages), len(ch.Started))
	}
}

// TestPostFiles: a post's files follow its message: into its team
// channel, in as many messages as Discord's limits of 10 files and 10 MiB
// need (10 MiB exactly fit in one), and as a reply to the topic's first
// message where its channel allows no thread. The payload is as the golden
// file has it.
func TestPostFiles(t *testing.T) {
	t.Parallel()
	hs := MustHarness(t, options{handler: replying(bot.Reply{})})
	ctx := context.Background()
	files := []bot.File{sized("big.csv", 6<<20), sized("bigger.csv", 5<<20)}
	for i := range 10 {
		files = append(files, sized("small"+string(rune('a'+i))+".csv", 10))
	}
	files[2].Title = "The register @everyone **now**"
	if err := hs.p.Post(ctx, bot.Post{Channel: bot.ChannelEscalations, Reply: bot.Reply{Title: "Weekly", Files: files}}); err != nil {
		t.Fatal(err)
	}
	var counts []int
	for _, m := range hs.fake.Channel(escalations).Messages {
		counts = append(counts, len(m.Files))
	}
	if len(counts) != 4 || counts[0] != 0 || counts[1] != 1 || counts[2] != 10 || counts[3] != 1 {
		t.Errorf("the post's messages carry %v files, want 0 (the message), 1 (6 MiB), 10 (5 MiB and 9 small), 1", counts)
	}
	half := sized("half.csv", fakediscord.UploadLimit/2)
	if err := hs.p.Post(ctx, bot.Post{Channel: bot.ChannelEscalations, Reply: bot.Reply{Title: "Two halves", Files: []bot.File{half, half}}}); err != nil {
		t.Fatal(err)
	}
	if msgs := hs.fake.Channel(escalations).Messages; len(msgs) != 6 || len(msgs[5].Files) != 2 {
		t.Errorf("two files of 5 MiB came in %d messages, want one with both", len(msgs)-4)
	}
	first := hs.fake.Channel(escalations).Messages[2]
	var payload map[string]any
	if err := json.Unmarshal(first.Body, &payload); err != nil {
		t.Fatal(err)
	}
	pretty, _ := json.MarshalIndent(payload, "", "  ")
	bottest.MustMatchGolden(t, "files-payload", string(pretty)+"\n")

	if err := hs.p.Post(ctx, bot.Post{Topic: "C-2026-0009", Origin: noThreads, Header: true, Reply: bot.Reply{Title: "C-2026-0009", Files: []bot.File{chart}}}); err != nil {
		t.Fatal(err)
	}
	msgs := hs.fake.Channel(noThreads).Messages
	if len(msgs) != 2 || hs.fake.Decode(msgs[1].Body).Reference == nil || hs.fake.Decode(msgs[1].Body).Reference.MessageID != msgs[0].ID {
		t.Fatalf("messages %+v; want the header and its file replying to it", msgs)
	}
	hs.mustCarry(*msgs[1], chart)
}
