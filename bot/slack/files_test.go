package slack_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"image/png"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/bottest"
	"github.com/ombud/ombud/bot/slack/fakeslack"
)

// MustRecorder returns a harness whose commands' replies are recorded.
func MustRecorder(tb testing.TB, socket bool) (*harness, *bottest.Recorder) {
	tb.Helper()
	rec := &bottest.Recorder{}
	return MustHarness(tb, setup{socket: socket, wrap: rec.Wrap}), rec
}

// mustOneFile returns the one file shared in channel's thread at ts ("" for
// outside threads), failing tb unless there is exactly one and its bytes
// are want's.
func (h *harness) mustOneFile(channel, ts string, want bot.File) fakeslack.File {
	h.t.Helper()
	fs := h.fake.Files(channel, ts)
	if len(fs) != 1 {
		h.t.Fatalf("%s (thread %q) has %d files shared, want 1: %+v", channel, ts, len(fs), fs)
	}
	f := fs[0]
	if f.Name != want.Name || f.Title != want.Title || !bytes.Equal(f.Data, want.Data) {
		h.t.Errorf("shared %s %q (%d bytes), want %s %q (%d bytes) as the reply carried it",
			f.Name, f.Title, len(f.Data), want.Name, want.Title, len(want.Data))
	}
	return f
}

// TestSummaryChart: a manager's summary is shown in the channel where they
// asked, and its chart is shared there, the PNG the reply carried,
// 1000×500, with its title as alt text; over HTTP and Socket Mode.
func TestSummaryChart(t *testing.T) {
	for _, tr := range transports {
		t.Run(tr.name, func(t *testing.T) {
			h, rec := MustRecorder(t, tr.socket)
			h.command("UANN", support, "open Slow support")
			h.clock.Advance(time.Hour)
			h.command("UMAX", support, "summary 2026-11")
			h.settle()
			msgs := h.fake.Messages(support)
			if len(msgs) != 2 {
				t.Fatalf("%s has %d messages, want the case and the summary", support, len(msgs))
			}
			h.mustShow("the summary", msgs[1], "Summary: November 2026", "*Received*\n1")
			f := h.mustOneFile(support, "", rec.MustFile(t))
			img, err := png.Decode(bytes.NewReader(f.Data))
			if err != nil {
				t.Fatalf("the shared chart is no PNG: %v", err)
			}
			if b := img.Bounds(); b.Dx() != 1000 || b.Dy() != 500 {
				t.Errorf("the chart is %v, want 1000×500", b)
			}
			if f.AltText != f.Title || !strings.HasPrefix(f.Name, "summary-2026-11-01-2026-11-30") {
				t.Errorf("the chart is %s with alt text %q and title %q", f.Name, f.AltText, f.Title)
			}
			if n := h.fake.Count("conversations.open"); n != 0 {
				t.Errorf("a public summary opened %d direct messages", n)
			}
		})
	}
}

// TestExportCSV: a manager's export shares the register, the CSV the
// reply carried, in the channel: a header and one row per case, and no
// complainant's contact details.
func TestExportCSV(t *testing.T) {
	h, rec := MustRecorder(t, false)
	h.command("UANN", support, `open Slow support from:"Kari Nordmann <kari@example.no>"`)
	h.command("UANN", support, "open Rude agent")
	h.command("UMAX", support, "export 2026-11")
	h.settle()
	f := h.mustOneFile(support, "", rec.MustFile(t))
	rows, err := csv.NewReader(bytes.NewReader(f.Data)).ReadAll()
	if err != nil {
		t.Fatalf("the shared register is no CSV: %v", err)
	}
	if len(rows) != 3 || rows[0][0] != "id" || rows[1][0] != "C-2026-0001" || rows[2][0] != "C-2026-0002" {
		t.Errorf("the register has rows %q, want a header and C-2026-0001 and C-2026-0002", rows)
	}
	if bytes.Contains(f.Data, []byte("kari@example.no")) || bytes.Contains(f.Data, []byte("Kari")) {
		t.Errorf("the register shared in chat names the complainant:\n%s", f.Data)
	}
}

// TestFilesRefused: an agent asking for a summary or an export is refused,
// privately, and nothing is uploaded.
func TestFilesRefused(t *testing.T) {
	h := MustHarness(t, setup{})
	h.command("UANN", support, "open Slow support")
	for _, cmd := range []string{"summary", "export"} {
		_, id := h.command("UANN", support, cmd)
		h.settle()
		if got := h.ephemeral(id); !strings.Contains(got, "manager") {
			t.Errorf("%s by an agent says %q, want a refusal naming managers", cmd, got)
		}
	}
	if n := len(h.fake.Calls("files.getUploadURLExternal", "upload", "files.completeUploadExternal", "conversations.open")); n != 0 {
		t.Errorf("%d upload calls for refused requests", n)
	}
	if n := len(h.fake.Messages(support)); n != 1 {
		t.Errorf("%s has %d messages, want only the case's", support, n)
	}
}

// chart is a small file for the tests that need one.
var chart = bot.File{Name: "chart.png", ContentType: "image/png", Title: "Cases per week", Data: []byte("\x89PNG not really")}

// replying returns a handler that answers every request with r.
func replying(r bot.Reply) bot.Handler {
	return bot.HandlerFunc(func(context.Context, bot.Request) bot.Response { return bot.Response{Reply: r} })
}

// TestPrivateFiles: Slack shows no files in an ephemeral message, so a
// private reply's file goes to the person's direct messages with ombud,
// and the person is told where it is.
func TestPrivateFiles(t *testing.T) {
	h := MustHarness(t, setup{handler: replying(bot.Reply{Title: "Yours", Visibility: bot.Private, Files: []bot.File{chart}})})
	_, id := h.command("UMAX", support, "summary")
	h.settle()
	h.mustOneFile(fakeslack.DirectChannel("UMAX"), "", chart)
	if n := len(h.fake.Files(support, "")); n != 0 {
		t.Errorf("a private reply's file was shared in the channel %d times", n)
	}
	got := h.responses(id)
	if len(got) != 2 || !strings.Contains(h.shown(fakeslack.Message{Blocks: got[1].Arg("blocks")}), "chart.png is in your direct messages with ombud") {
		t.Errorf("the response URL got %+v, want the reply and where its file went", got)
	}
	for _, r := range got {
		if r.Arg("response_type") != "ephemeral" {
			t.Errorf("a private reply went out %s", r.Arg("response_type"))
		}
	}
}

// TestFilesWhereOmbudIsNotMember: in a public channel ombud is not a member
// of, it can post the reply but not share files; the file goes to the
// person's direct messages, and they are told why.
func TestFilesWhereOmbudIsNotMember(t *testing.T) {
	h := MustHarness(t, setup{handler: replying(bot.Reply{Title: "Summary", Visibility: bot.Public, Files: []bot.File{chart}})})
	h.fake.Outside(support)
	_, id := h.command("UMAX", support, "summary")
	h.settle()
	h.only(support)
	h.mustOneFile(fakeslack.DirectChannel("UMAX"), "", chart)
	if got := h.ephemeral(id); !strings.Contains(got, "/invite @ombud") {
		t.Errorf("the person was told %q, want where the file went and how to have files shown here", got)
	}
}

// TestFilesOfRefusedReply: where Slack refuses the public reply itself,
// the person sees it privately and its file in their direct messages.
func TestFilesOfRefusedReply(t *testing.T) {
	h := MustHarness(t, setup{handler: replying(bot.Reply{Title: "Summary", Visibility: bot.Public, Files: []bot.File{chart}})})
	h.fake.Refuse("DPRIVATE", "channel_not_found")
	_, id := h.command("UMAX", "DPRIVATE", "summary")
	h.settle()
	h.mustOneFile(fakeslack.DirectChannel("UMAX"), "", chart)
	if got := h.responses(id); len(got) != 2 {
		t.Errorf("the response URL got %d messages, want the reply and where its file went", len(got))
	}
}

// TestUploadTrouble: a file Slack takes nowhere is reported to the person,
// with what to do about it.
func TestUploadTrouble(t *testing.T) {
	h := MustHarness(t, setup{handler: replying(bot.Reply{Title: "Summary", Visibility: bot.Public, Files: []bot.File{chart}})})
	h.fake.Outside(support)
	h.fake.Refuse(fakeslack.DirectChannel("UMAX"), "missing_scope")
	_, id := h.command("UMAX", support, "summary")
	h.settle()
	if got := h.ephemeral(id); !strings.Contains(got, "could not upload chart.png") || !strings.Contains(got, "files:write") {
		t.Errorf("the person was told %q, want the file and the missing scope", got)
	}
}

// TestFileOfTopicReply: a public reply about a case is shown to the person
// privately (the case's thread hears of the change from the outbox), so
// its file goes to their direct messages with ombud, and nothing to the
// channel.
func TestFileOfTopicReply(t *testing.T) {
	h := MustHarness(t, setup{handler: replying(bot.Reply{Title: "C-2026-0001 chart", Visibility: bot.Public, Topic: "C-2026-0001",
		Files: []bot.File{chart}})})
	_, id := h.command("UANN", support, "chart")
	h.settle()
	h.mustOneFile(fakeslack.DirectChannel("UANN"), "", chart)
	if n := len(h.fake.Messages(support)) + len(h.fake.Files(support, "")); n != 0 {
		t.Errorf("%d messages and files in the channel", n)
	}
	if got := h.responses(id); len(got) != 2 {
		t.Errorf("the response URL got %d messages, want the reply and where its file went", len(got))
	}
}

// TestUploadRateLimited: an upload Slack rate-limits is started over
// after the wait it asked for; the file is shared once, and the upload
// left uncompleted is never shown.
func TestUploadRateLimited(t *testing.T) {
	h := MustHarness(t, setup{handler: replying(bot.Reply{Title: "Summary", Visibility: bot.Public, Files: []bot.File{chart}})})
	h.fake.RateLimit("files.completeUploadExternal", 4)
	h.command("UMAX", support, "summary")
	h.settle()
	h.mustOneFile(support, "", chart)
	if got := h.waits.all(); !slices.Equal(got, []time.Duration{4 * time.Second}) {
		t.Errorf("waited %v, want 4s", got)
	}
	if n := len(h.fake.Uploads()); n != 2 {
		t.Errorf("%d uploads started, want 2", n)
	}
}

// TestPostFiles: a post's files follow its message into its team channel,
// or into its topic's thread; the upload calls are as the golden file has
// them.
func TestPostFiles(t *testing.T) {
	h := MustHarness(t, setup{})
	h.mustCase()
	csvFile := bot.File{Name: "register.csv", ContentType: "text/csv; charset=utf-8", Title: "The register @channel", Data: []byte("id\r\nC-1\r\n")}
	ctx := context.Background()
	if err := h.slack.Post(ctx, bot.Post{Channel: bot.ChannelEscalations, Reply: bot.Reply{Title: "Weekly", Files: []bot.File{chart, csvFile}}}); err != nil {
		t.Fatal(err)
	}
	if err := h.slack.Post(ctx, bot.Post{Topic: "C-2026-0001", Origin: support, Reply: bot.Reply{Title: "Case", Files: []bot.File{chart}}}); err != nil {
		t.Fatal(err)
	}
	if fs := h.fake.Files(escalations, ""); len(fs) != 2 || !bytes.Equal(fs[1].Data, csvFile.Data) || fs[1].AltText != "" {
		t.Errorf("escalations has files %+v, want the chart and the register, the register without alt text", fs)
	}
	h.mustOneFile(support, h.only(support).TS, chart)
	var b strings.Builder
	for _, c := range h.fake.Calls("files.getUploadURLExternal", "upload", "files.completeUploadExternal") {
		fmt.Fprintf(&b, "%s", c.Method)
		for _, k := range []string{"filename", "length", "alt_txt", "file_id", "bytes", "files", "channel_id", "thread_ts"} {
			if v := c.Arg(k); v != "" {
				fmt.Fprintf(&b, " %s=%s", k, v)
			}
		}
		b.WriteString("\n")
	}
	bottest.MustMatchGolden(t, "uploads", b.String())
}
