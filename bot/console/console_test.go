package console_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/console"
)

// recording returns a handler that appends each request to *got and answers
// with respond(req), or with an empty reply when respond is nil.
func recording(got *[]bot.Request, respond func(bot.Request) bot.Response) bot.Handler {
	var mu sync.Mutex
	return bot.HandlerFunc(func(_ context.Context, req bot.Request) bot.Response {
		mu.Lock()
		*got = append(*got, req)
		mu.Unlock()
		if respond == nil {
			return bot.Response{}
		}
		return respond(req)
	})
}

// MustRun runs a console configured by cfg on script with h until the script
// ends, and returns what it printed.
func MustRun(tb testing.TB, cfg console.Config, script string, h bot.Handler) string {
	tb.Helper()
	var out bytes.Buffer
	cfg.In, cfg.Out = strings.NewReader(script), &out
	if err := console.New(cfg).Run(context.Background(), h); err != nil {
		tb.Fatalf("Run: %v\noutput:\n%s", err, out.String())
	}
	return out.String()
}

// MustContain fails tb unless out contains every one of wants.
func MustContain(tb testing.TB, out string, wants ...string) {
	tb.Helper()
	for _, want := range wants {
		if !strings.Contains(out, want) {
			tb.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// MustSendAs fails tb unless req came from user in role with text; the
// roles it carries for others (Mentions) are TestRolesHoldForMentions'.
func MustSendAs(tb testing.TB, req bot.Request, user, role, text string) {
	tb.Helper()
	want := bot.Request{
		Platform:  "console",
		UserID:    strings.ToLower(user),
		UserName:  user,
		ChannelID: "console",
		Text:      text,
		Mentions:  req.Mentions,
		LocalRole: role,
	}
	if !reflect.DeepEqual(req, want) {
		tb.Errorf("request = %+v, want %+v", req, want)
	}
}

func TestCaseCommandIsSentAsTheConfiguredUser(t *testing.T) {
	var got []bot.Request
	out := MustRun(t, console.Config{User: "ann"}, "/case list mine\n/case   show C-1 \n/case\n", recording(&got, nil))
	if len(got) != 3 {
		t.Fatalf("got %d requests, want 3:\n%s", len(got), out)
	}
	MustSendAs(t, got[0], "ann", "", "list mine")
	MustSendAs(t, got[1], "ann", "", "show C-1")
	MustSendAs(t, got[2], "ann", "", "")
	MustContain(t, out, "you are ann.", "/case help", "ann> /case list mine\n")
}

func TestDefaults(t *testing.T) {
	c := console.New(console.Config{})
	if c.Name() != "console" || c.Name() != bot.PlatformConsole {
		t.Errorf("Name() = %q, want console, bot.PlatformConsole", c.Name())
	}
	var got []bot.Request
	out := MustRun(t, console.Config{}, "/case list\n", recording(&got, nil))
	if len(got) != 1 {
		t.Fatalf("got %d requests, want 1", len(got))
	}
	MustSendAs(t, got[0], "you", "", "list")
	MustContain(t, out, "you> ")
}

// A role is asserted only when it was named, in Config.Role or with /as;
// otherwise the request carries none, and the configured role applies.
func TestRoleIsSentOnlyWhenNamed(t *testing.T) {
	var got []bot.Request
	script := "/case list\n/as sam\n/case list\n/as sam senior\n/case list\n/as sam\n/case list\n"
	out := MustRun(t, console.Config{User: "ann", Role: "agent"}, script, recording(&got, nil))
	if len(got) != 4 {
		t.Fatalf("got %d requests, want 4:\n%s", len(got), out)
	}
	MustSendAs(t, got[0], "ann", "agent", "list")
	MustSendAs(t, got[1], "sam", "", "list")
	MustSendAs(t, got[2], "sam", "senior", "list")
	MustSendAs(t, got[3], "sam", "", "list")
	MustContain(t, out, "ann (agent)> /case list\n", "you are now sam, in the role ombud's configuration gives sam",
		"sam> /case list\n", "sam (senior)> /case list\n")
}

func TestAsSwitchesUserAndRole(t *testing.T) {
	script := "/as bob senior\n/case claim C-1\n/as @carol\n/case list\n/as dave MANAGER\n/case summary\n"
	var got []bot.Request
	out := MustRun(t, console.Config{User: "ann", Role: "agent"}, script, recording(&got, nil))
	if len(got) != 3 {
		t.Fatalf("got %d requests, want 3:\n%s", len(got), out)
	}
	MustSendAs(t, got[0], "bob", "senior", "claim C-1")
	MustSendAs(t, got[1], "carol", "", "list")
	MustSendAs(t, got[2], "dave", "manager", "summary")
	MustContain(t, out, "you are now bob (senior)", "bob (senior)> /case claim C-1", "carol> /case list")
}

func TestAsRefusesBadInput(t *testing.T) {
	tests := []struct{ line, want string }{
		{"/as", "usage: /as NAME [agent|senior|manager]"},
		{"/as bob senior twice", "usage: /as NAME"},
		{"/as bob boss", `unknown role "boss": choose agent, senior, manager`},
		{"/as <!channel> senior", "a name is one word of plain text"},
		{"/as @", "a name is one word of plain text"},
		{"/as @here", "a name is one word of plain text"},
		{"/as everyone senior", "a name is one word of plain text"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			var got []bot.Request
			out := MustRun(t, console.Config{User: "ann", Role: "senior"}, tt.line+"\n/case list\n", recording(&got, nil))
			MustContain(t, out, "✗ ", tt.want)
			if len(got) != 1 {
				t.Fatalf("got %d requests, want 1:\n%s", len(got), out)
			}
			MustSendAs(t, got[0], "ann", "senior", "list")
		})
	}
}

func TestButtonRunsItsCommandAsTheCurrentUser(t *testing.T) {
	opened := bot.Response{Reply: bot.Reply{
		Title: "C-1 opened",
		Buttons: []bot.Button{
			{Label: "Acknowledge C-1", Command: "ack C-1"},
			{Label: "Show C-1", Command: "show C-1"},
		},
	}}
	var got []bot.Request
	h := recording(&got, func(req bot.Request) bot.Response {
		if req.Text == "open late parcel" {
			return opened
		}
		return bot.Response{}
	})
	out := MustRun(t, console.Config{User: "ann"}, "/case open late parcel\n/as sam senior\n2\n", h)
	if len(got) != 2 {
		t.Fatalf("got %d requests, want 2:\n%s", len(got), out)
	}
	MustSendAs(t, got[1], "sam", "senior", "show C-1")
	MustContain(t, out, "  [1] Acknowledge C-1\n", "  [2] Show C-1\n", "▶ /case show C-1\n")
}

// MustRunPosting runs a console configured by cfg on script until it ends,
// answering each request with respond(req) and delivering posts[req.Text]
// once the reply is shown, and returns what it printed and the requests.
func MustRunPosting(tb testing.TB, cfg console.Config, script string, respond map[string]bot.Reply, posts map[string][]bot.Post) (string, []bot.Request) {
	tb.Helper()
	var out bytes.Buffer
	cfg.In, cfg.Out = strings.NewReader(script), &out
	c := console.New(cfg)
	var got []bot.Request
	h := recording(&got, func(req bot.Request) bot.Response {
		return bot.Response{Reply: respond[req.Text], Deliver: func(ctx context.Context) {
			for _, p := range posts[req.Text] {
				if err := c.Post(ctx, p); err != nil {
					tb.Error(err)
				}
			}
		}}
	})
	if err := c.Run(context.Background(), h); err != nil {
		tb.Fatalf("Run: %v\noutput:\n%s", err, out.String())
	}
	return out.String(), got
}

func TestButtonNumbersRestartWithEachResponse(t *testing.T) {
	replies := map[string]bot.Reply{
		"a": {Title: "A", Buttons: []bot.Button{{Label: "Button A", Command: "cmd A"}}},
		"b": {Title: "C", Buttons: []bot.Button{{Label: "Button C", Command: "cmd C"}}},
	}
	posts := map[string][]bot.Post{"a": {{
		Channel: bot.ChannelEscalations,
		Reply:   bot.Reply{Title: "B", Buttons: []bot.Button{{Label: "Button B", Command: "cmd B"}}},
	}}}
	out, got := MustRunPosting(t, console.Config{User: "ann"}, "/case a\n2\n/case b\n1\n1\n/case a\n7\n", replies, posts)

	var texts []string
	for _, req := range got {
		texts = append(texts, req.Text)
	}
	if want := "a,cmd B,b,cmd C,a"; strings.Join(texts, ",") != want {
		t.Errorf("requests = %q, want %s", texts, want)
	}
	MustContain(t, out,
		"  [1] Button A\n", "[#escalations] B\n    [2] Button B\n", "  [1] Button C\n",
		"✗ nothing to press", "✗ there is no button [7]; the buttons shown since your last command are:\n  [1] Button A\n  [2] Button B\n")
}

func TestPostsRenderWithTheirChannel(t *testing.T) {
	replies := map[string]bot.Reply{"escalate C-1": {Title: "C-1 escalated", Visibility: bot.Public}}
	posts := map[string][]bot.Post{"escalate C-1": {
		{Channel: bot.ChannelEscalations, Reply: bot.Reply{Title: "C-1 needs a senior @here"}},
		{Channel: bot.ChannelAlerts, Reply: bot.Reply{Title: "C-2 is overdue"}, Mention: []string{"ann", "sue"}},
		{Topic: "C-1", Header: true, Reply: bot.Reply{Title: "C-1: the header"}},
		{Topic: "C-1", Echo: true, Reply: bot.Reply{Title: "C-1: the echo"}},
		{Topic: "C-1", Reply: bot.Reply{Title: "C-1 is due tomorrow"}},
	}}
	out, _ := MustRunPosting(t, console.Config{}, "/case escalate C-1\n", replies, posts)
	want := "C-1 escalated\n[#escalations] C-1 needs a senior @\u2060here\n[#alerts] @ann @sue C-2 is overdue\n[C-1] C-1 is due tomorrow\n"
	MustContain(t, out, want)
	if strings.Contains(out, "the header") || strings.Contains(out, "the echo") {
		t.Errorf("the console shows a thread's header or the copy of a reply, which repeat the reply:\n%s", out)
	}
}

// A post from outside Run, as the scheduler makes, numbers its buttons after
// those already shown, so both stay pressable until the next command.
func TestPostKeepsShownButtonsPressable(t *testing.T) {
	inR, inW := io.Pipe()
	var out bytes.Buffer
	var got []bot.Request
	h := recording(&got, func(req bot.Request) bot.Response {
		if req.Text == "show C-1" {
			return bot.Response{Reply: bot.Reply{Buttons: []bot.Button{{Label: "Ack C-1", Command: "ack C-1"}}}}
		}
		return bot.Response{}
	})
	c := console.New(console.Config{In: inR, Out: &out, User: "ann"})
	done := make(chan error)
	go func() { done <- c.Run(context.Background(), h) }()

	MustWrite(t, inW, "/case show C-1\n")
	MustWrite(t, inW, "/help\n") // read only once the reply to show is on screen
	err := c.Post(context.Background(), bot.Post{
		Channel: bot.ChannelEscalations,
		Reply:   bot.Reply{Title: "C-9 escalated", Buttons: []bot.Button{{Label: "Claim C-9", Command: "claim C-9"}}},
	})
	if err != nil {
		t.Fatalf("Post: %v", err)
	}
	MustWrite(t, inW, "2\n")
	inW.Close()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d requests, want 2:\n%s", len(got), out.String())
	}
	MustSendAs(t, got[1], "ann", "", "claim C-9")
	MustContain(t, out.String(), "[#escalations] C-9 escalated\n    [2] Claim C-9\n")
}

func TestPostIsSafeDuringRun(t *testing.T) {
	const n = 50
	var out bytes.Buffer
	c := console.New(console.Config{
		In:  strings.NewReader(strings.Repeat("/case list\n", n)),
		Out: &out,
	})
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range n {
			if err := c.Post(context.Background(), bot.Post{Channel: bot.ChannelAlerts, Reply: bot.Reply{Title: fmt.Sprint(i)}}); err != nil {
				t.Errorf("Post: %v", err)
			}
		}
	})
	reply := bot.Response{Reply: bot.Reply{Title: "listed"}}
	if err := c.Run(context.Background(), recording(new([]bot.Request), func(bot.Request) bot.Response { return reply })); err != nil {
		t.Errorf("Run: %v", err)
	}
	wg.Wait()
	if got := strings.Count(out.String(), "[#alerts] "); got != n {
		t.Errorf("%d posts shown, want %d", got, n)
	}
	if got := strings.Count(out.String(), "listed\n"); got != n {
		t.Errorf("%d replies shown, want %d", got, n)
	}
}

func TestUnknownInputExplains(t *testing.T) {
	for _, line := range []string{"hello", "case help", "/cases list", "/ack C-1", "1x"} {
		t.Run(line, func(t *testing.T) {
			var got []bot.Request
			out := MustRun(t, console.Config{}, line+"\n", recording(&got, nil))
			MustContain(t, out, "commands start with /case — try /case help")
			if len(got) != 0 {
				t.Errorf("got requests %+v, want none", got)
			}
		})
	}
}

func TestHelpAndBlankLines(t *testing.T) {
	var got []bot.Request
	out := MustRun(t, console.Config{}, "\n   \n/help\n", recording(&got, nil))
	MustContain(t, out, "/case COMMAND", "/as NAME [ROLE]", "/quit")
	if strings.Contains(out, "commands start with") || len(got) != 0 {
		t.Errorf("blank lines were not ignored: requests %+v, output:\n%s", got, out)
	}
}

func TestInputEndAndQuitEndRun(t *testing.T) {
	tests := []struct {
		script string
		want   int // requests
	}{
		{"", 0},
		{"/case list", 1},
		{"/case list\n/quit\n/case show C-1\n", 1},
		{"/exit\n/case show C-1\n", 0},
	}
	for _, tt := range tests {
		var got []bot.Request
		MustRun(t, console.Config{}, tt.script, recording(&got, nil))
		if len(got) != tt.want {
			t.Errorf("script %q: got %d requests, want %d", tt.script, len(got), tt.want)
		}
	}
}

func TestCancelEndsRun(t *testing.T) {
	inR, inW := io.Pipe()
	defer inW.Close()
	outR, outW := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		done <- console.New(console.Config{In: inR, Out: outW}).Run(ctx, recording(new([]bot.Request), nil))
	}()

	out := bufio.NewReader(outR)
	if _, err := out.ReadString('\n'); err != nil { // the banner: Run is reading now
		t.Fatal(err)
	}
	go io.Copy(io.Discard, out)
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run = %v, want nil", err)
	}
}

func TestCancelLetsTheCommandInFlightFinish(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var texts []string
	var handlerErr error
	h := bot.HandlerFunc(func(hctx context.Context, req bot.Request) bot.Response {
		texts = append(texts, req.Text)
		cancel() // Ctrl-C arrives while the command is being handled
		handlerErr = hctx.Err()
		return bot.Response{Reply: bot.Reply{Title: "finished " + req.Text}}
	})
	var out bytes.Buffer
	c := console.New(console.Config{In: strings.NewReader("/case first\n/case second\n"), Out: &out})
	if err := c.Run(ctx, h); err != nil {
		t.Errorf("Run = %v, want nil", err)
	}
	if handlerErr != nil {
		t.Errorf("the command in flight saw its context end: %v", handlerErr)
	}
	if len(texts) != 1 {
		t.Errorf("handled %q, want only the command in flight", texts)
	}
	MustContain(t, out.String(), "finished first\n")
}

func TestRunRefusesWhatItCannotStart(t *testing.T) {
	pipeR, pipeW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pipeR.Close()
	defer pipeW.Close()
	tests := []struct {
		name string
		cfg  console.Config
	}{
		{"unknown role", console.Config{In: strings.NewReader(""), Role: "boss"}},
		{"user with a mention", console.Config{In: strings.NewReader(""), User: "@here"}},
		{"user with spaces", console.Config{In: strings.NewReader(""), User: "ann lee"}},
		{"interactive without a file", console.Config{In: strings.NewReader(""), Interactive: true}},
		{"interactive on a pipe", console.Config{In: pipeR, Interactive: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.Out = io.Discard
			if err := console.New(tt.cfg).Run(context.Background(), recording(new([]bot.Request), nil)); err == nil {
				t.Error("Run = nil, want an error")
			}
		})
	}
}

// MustWrite writes s to w, which for a pipe returns once the console has
// read it.
func MustWrite(tb testing.TB, w io.Writer, s string) {
	tb.Helper()
	if _, err := io.WriteString(w, s); err != nil {
		tb.Fatal(err)
	}
}
