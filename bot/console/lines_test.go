package console_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/console"
)

// TestLongLines: a script line longer than any command is read whole, for
// ombud to refuse it saying why; one longer than the console reads is
// reported as cut and not run, and the next line is read as usual.
func TestLongLines(t *testing.T) {
	long := "/case note C-1 " + strings.Repeat("x", 9000)
	most := "/case note C-1 " + strings.Repeat("z", console.MaxLine-len("/case note C-1 "))
	huge := most + "y"
	var got []bot.Request
	out := MustRun(t, console.Config{User: "ann"}, long+"\r\n"+most+"\r\n"+huge+"\n/case list", recording(&got, nil))
	if len(got) != 3 || got[0].Text != long[len("/case "):] || got[1].Text != most[len("/case "):] || got[2].Text != "list" {
		t.Fatalf("got %d requests; want the long lines whole and then list:\n%.300s", len(got), out)
	}
	MustContain(t, out, fmt.Sprintf("ann> (a line of %d bytes)\n✗ that line was cut: it is %d bytes long, and the console reads at most %d; nothing was run. Split it into several commands.\n",
		len(huge), len(huge), console.MaxLine), "ann> /case list\n")
}

// TestTerminalLongLines: a line typed past the terminal editor's limit,
// which drops further keys, is reported as cut; a pasted line is read
// whole.
func TestTerminalLongLines(t *testing.T) {
	_, err := console.ReadTerminalLine(strings.NewReader(strings.Repeat("a", console.MaxTyped+5) + "\r"))
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("it is %d characters long, and the console reads at most %d", console.MaxTyped+5, console.MaxTyped)) {
		t.Errorf("a typed line past the limit: %v, want it reported as cut", err)
	}
	line, err := console.ReadTerminalLine(strings.NewReader(strings.Repeat("b", console.MaxTyped) + "\r"))
	if err != nil || len(line) != console.MaxTyped {
		t.Errorf("a typed line at the limit: %d characters, %v; want it whole", len(line), err)
	}
	pasted := strings.Repeat("c", 3*console.MaxTyped)
	line, err = console.ReadTerminalLine(strings.NewReader("\x1b[200~" + pasted + "\x1b[201~\r"))
	if err != nil || line != pasted {
		t.Errorf("a pasted line: %d characters, %v; want it whole", len(line), err)
	}
}

// TestNamesIgnoreCase: Ann and ann are one person, whose name shows as
// typed.
func TestNamesIgnoreCase(t *testing.T) {
	var got []bot.Request
	MustRun(t, console.Config{User: "Ann"}, "/case list\n/as ANN\n/case list\n", recording(&got, nil))
	for _, req := range got {
		if req.UserID != "ann" || req.UserKey() != "console:ann" {
			t.Errorf("request from %q has user ID %q, want ann", req.UserName, req.UserID)
		}
	}
	if got[0].UserName != "Ann" || got[1].UserName != "ANN" {
		t.Errorf("names %q and %q, want them as typed", got[0].UserName, got[1].UserName)
	}
}

// TestAsTakesQuotedNames: /as takes a name in straight or curly quotes,
// and refuses a quote that is not closed or holds more than one word.
func TestAsTakesQuotedNames(t *testing.T) {
	var got []bot.Request
	out := MustRun(t, console.Config{User: "ann"},
		"/as \"sam\" senior\n/case list\n/as 'bob'\n/case list\n/as “carol” Manager\n/case list\n/as \"two words\"\n/as \"sam\n/as \"sam\"senior\n",
		recording(&got, nil))
	if len(got) != 3 {
		t.Fatalf("got %d requests, want 3:\n%s", len(got), out)
	}
	MustSendAs(t, got[0], "sam", "senior", "list")
	MustSendAs(t, got[1], "bob", "", "list")
	MustSendAs(t, got[2], "carol", "manager", "list")
	if n := strings.Count(out, "✗ "); n != 3 {
		t.Errorf("%d refusals, want 3 (two words, an unclosed quote, no space after it):\n%s", n, out)
	}
	MustContain(t, out, "✗ a name is one word of plain text", "✗ usage: /as NAME [agent|senior|manager]")
}

// TestRolesHoldForMentions: a role given with /as holds where a command
// names that person, until /as names them without a role.
func TestRolesHoldForMentions(t *testing.T) {
	var got []bot.Request
	MustRun(t, console.Config{User: "ann"}, "/as Sam senior\n/as ann\n/case assign C-1 @sam\n/as sam\n/as ann\n/case assign C-1 @sam\n",
		recording(&got, nil))
	if len(got) != 2 {
		t.Fatalf("got %d requests, want 2", len(got))
	}
	if want := []bot.Mention{{UserID: "sam", Name: "sam", LocalRole: "senior"}}; fmt.Sprint(got[0].Mentions) != fmt.Sprint(want) {
		t.Errorf("mentions %+v, want %+v", got[0].Mentions, want)
	}
	if len(got[1].Mentions) != 0 {
		t.Errorf("after /as sam without a role, mentions %+v, want none", got[1].Mentions)
	}
}

// TestAsStatesTheRole: /as says the role you act in, and the prompt shows
// it: the one you gave, or the one the configuration gives.
func TestAsStatesTheRole(t *testing.T) {
	roleOf := func(name string) string {
		if strings.EqualFold(name, "sam") {
			return "senior"
		}
		return "agent"
	}
	out := MustRun(t, console.Config{User: "ann", RoleOf: roleOf}, "/case list\n/as sam\n/case list\n/as ann manager\n/case list\n",
		recording(new([]bot.Request), nil))
	MustContain(t, out, "you are ann (agent).", "ann (agent)> /case list\n",
		"you are now sam (senior), the role ombud's configuration gives sam\n", "sam (senior)> /case list\n",
		"you are now ann (manager); ann stays a manager for this session, also where a command names them\n", "ann (manager)> /case list\n")
}
