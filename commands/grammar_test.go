package commands_test

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/ombud/ombud/commands"
)

// MustCommand returns the built-in subcommand called name.
func MustCommand(tb testing.TB, name string) *commands.Command {
	tb.Helper()
	cmd, ok := commands.Builtin().Lookup(name)
	if !ok {
		tb.Fatalf("no subcommand %q", name)
	}
	return cmd
}

// kv builds a map from alternating keys and values.
func kv(pairs ...string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(pairs); i += 2 {
		m[pairs[i]] = pairs[i+1]
	}
	return m
}

var parseTests = []struct {
	name, cmd, text string
	args, opts      map[string]string
	err             string // a part of the error; "" when the parse succeeds
}{
	{"options after the text", "resolve", "C-1 outcome:upheld Refunded the fee cause:billing",
		kv("id", "C-1", "summary", "Refunded the fee"), kv("outcome", "upheld", "cause", "billing"), ""},
	{"options first", "resolve", "outcome:upheld cause:billing C-1 Refunded",
		kv("id", "C-1", "summary", "Refunded"), kv("outcome", "upheld", "cause", "billing"), ""},
	{"double quotes", "resolve", `C-1 outcome:partly cause:"wrong invoice run" Refunded`,
		kv("id", "C-1", "summary", "Refunded"), kv("outcome", "partly", "cause", "wrong invoice run"), ""},
	{"single quotes", "resolve", `C-1 outcome:partly cause:'wrong run' x`,
		kv("id", "C-1", "summary", "x"), kv("outcome", "partly", "cause", "wrong run"), ""},
	{"curly quotes", "resolve", "C-1 outcome:partly cause:“wrong run” x",
		kv("id", "C-1", "summary", "x"), kv("outcome", "partly", "cause", "wrong run"), ""},
	{"curly single quotes with an apostrophe inside", "escalate", "C-1 reason:‘it’s late’",
		kv("id", "C-1"), kv("reason", "it’s late"), ""},
	{"space after the colon", "escalate", `C-1 reason: "too slow" expects: refund`,
		kv("id", "C-1"), kv("reason", "too slow", "expects", "refund"), ""},
	{"enum ignores case", "resolve", "C-1 outcome:UPHELD cause:x y",
		kv("id", "C-1", "summary", "y"), kv("outcome", "upheld", "cause", "x"), ""},
	{"enum value not allowed", "resolve", "C-1 outcome:maybe x", nil, nil,
		"outcome:maybe is not allowed; use upheld, partly, rejected, withdrawn"},
	{"unknown key in free text is text", "resolve", "C-1 outcome:upheld re:invoice x Ref:123",
		kv("id", "C-1", "summary", "re:invoice x Ref:123"), kv("outcome", "upheld"), ""},
	{"unknown key with a quoted value is text", "note", `C-1 re:"the invoice" paid`,
		kv("id", "C-1", "text", `re:"the invoice" paid`), kv(), ""},
	{"unknown key beside a declared option", "update", "C-1 told them order:55 ships due:2027-01-20",
		kv("id", "C-1", "text", "told them order:55 ships"), kv("due", "2027-01-20"), ""},
	{"unknown key in open's strict summary", "open", "Invoice twice re:invoice", nil, nil,
		"re: is not an option of open; its options are from:, subject:"},
	{"unknown key on a command without text", "escalate", `C-1 reason:x reson:"too slow"`, nil, nil,
		"reson: is not an option of escalate; its options are reason:, expects:"},
	{"unknown key on a command without options or text", "claim", "C-1 said:hello", nil, nil, "claim takes no options"},
	{"duplicate option", "resolve", "C-1 outcome:upheld outcome:partly x", nil, nil, "outcome: is given twice"},
	{"empty option value", "escalate", `C-1 reason:""`, nil, nil, "reason: has no value"},
	{"no space after a closing quote", "escalate", `C-1 reason:"angry"expects:"x"`, nil, nil,
		`put a space after the closing quote of reason:"angry"`},
	{"a word glued after punctuation", "escalate", `C-1 reason:"angry".x`, nil, nil,
		`put a space after the closing quote of reason:"angry"`},
	{"punctuation after a closing quote", "escalate", "C-1 reason:“angry”.",
		kv("id", "C-1"), kv("reason", "angry"), ""},
	{"punctuation, then the next option", "escalate", `C-1 reason:"angry", expects:'a refund'!`,
		kv("id", "C-1"), kv("reason", "angry", "expects", "a refund"), ""},
	{"unquoted value of many words", "escalate", "C-1 reason: the customer is angry", nil, nil,
		`reason: takes one word; quote longer text: reason:"the customer is angry"`},
	{"unquoted value of many words, then an option", "escalate", "C-1 reason:the customer is angry expects:refund", nil, nil,
		`reason: takes one word; quote longer text: reason:"the customer is angry"`},
	{"capitalised key", "escalate", `C-1 Reason:"too slow"`, nil, nil,
		`Reason: is not an option; option keys are lower case: reason:"too slow"`},
	{"capitalised key in free text", "resolve", "C-1 outcome:upheld cause:x Refunded LESSONS:none", nil, nil,
		"LESSONS: is not an option; option keys are lower case: lessons:none"},
	{"capitalised prose stays text", "resolve", "C-1 outcome:upheld cause:x Cause: unknown",
		kv("id", "C-1", "summary", "Cause: unknown"), kv("outcome", "upheld", "cause", "x"), ""},
	{"unclosed quote after a key", "resolve", `C-1 outcome:upheld cause:"oops x`, nil, nil, "the quote after cause: is not closed"},
	{"missing required option", "resolve", "C-1 refunded", nil, nil,
		"outcome is missing; add outcome:upheld|partly|rejected|withdrawn"},
	{"missing required argument", "show", "", nil, nil, "<id> is missing"},
	{"missing free text", "resolve", "C-1 outcome:upheld", nil, nil, "<summary> is missing"},
	{"blank quoted argument", "show", `""`, nil, nil, "<id> is missing"},
	{"one word too many", "show", "C-1 extra", nil, nil, `"extra" is one word too many; show takes <id>`},
	{"URL stays text", "note", "C-1 see https://example.com/a?b=c:d",
		kv("id", "C-1", "text", "see https://example.com/a?b=c:d"), kv(), ""},
	{"time stays text", "note", "C-1 called at 10:30 today", kv("id", "C-1", "text", "called at 10:30 today"), kv(), ""},
	{"capitalised key stays text", "note", "C-1 Re: invoice Note:x", kv("id", "C-1", "text", "Re: invoice Note:x"), kv(), ""},
	{"colon at the end of a word stays text", "note", "C-1 called: no answer", kv("id", "C-1", "text", "called: no answer"), kv(), ""},
	{"quoted key:value stays text", "note", `C-1 "mailto:a@b.no"`, kv("id", "C-1", "text", "mailto:a@b.no"), kv(), ""},
	{"one quoted word loses its quotes", "note", `C-1 "hello   world"`, kv("id", "C-1", "text", "hello   world"), kv(), ""},
	{"quotes inside text are kept", "note", `C-1 He said "no" twice`, kv("id", "C-1", "text", `He said "no" twice`), kv(), ""},
	{"apostrophes are text", "note", "C-1 customer's dog isn't 'happy", kv("id", "C-1", "text", "customer's dog isn't 'happy"), kv(), ""},
	{"spacing kept, option gap closed", "resolve", "C-1 one  two outcome:upheld cause:x three",
		kv("id", "C-1", "summary", "one  two three"), kv("outcome", "upheld", "cause", "x"), ""},
	{"optional enum argument given", "open", "abuse spam from 1.2.3.4", kv("kind", "abuse", "summary", "spam from 1.2.3.4"), kv(), ""},
	{"optional enum argument left out", "open", "Billing is wrong", kv("summary", "Billing is wrong"), kv(), ""},
	{"capitalised enum word is text", "open", "Abuse of staff at the desk", kv("summary", "Abuse of staff at the desk"), kv(), ""},
	{"upper-case enum word is text", "open", "FEEDBACK form broken", kv("summary", "FEEDBACK form broken"), kv(), ""},
	{"optional enum argument alone", "open", "complaint", nil, nil, "<summary> is missing"},
	{"open with every option", "open",
		`Invoice twice from:"Kari Nordmann <kari@example.no>" via:email priority:high received:2026-11-20T09:30+01:00 subject:example.no`,
		kv("summary", "Invoice twice"),
		kv("from", "Kari Nordmann <kari@example.no>", "via", "email", "priority", "high", "received", "2026-11-20T09:30+01:00", "subject", "example.no"), ""},
	{"last optional enum argument checked", "list", "bogus", nil, nil, `"bogus" is not allowed here; use open, mine, due`},
	{"last optional enum argument", "list", "OVERDUE", kv("which", "overdue"), kv(), ""},
	{"nothing at all", "list", "   ", kv(), kv(), ""},
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := MustCommand(t, tt.cmd)
			in, err := commands.Parse(cmd, tt.text)
			if tt.err != "" {
				var ue *commands.UsageError
				if !errors.As(err, &ue) || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Parse(%q) = %v, want a usage error containing %q", tt.text, err, tt.err)
				}
				if in.Args != nil || in.Options != nil {
					t.Errorf("Parse returned a partial input with its error: %+v", in)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.text, err)
			}
			if !maps.Equal(in.Args, tt.args) {
				t.Errorf("args = %q, want %q", in.Args, tt.args)
			}
			if !maps.Equal(in.Options, tt.opts) {
				t.Errorf("options = %q, want %q", in.Options, tt.opts)
			}
		})
	}
}

func TestUsage(t *testing.T) {
	tests := map[string]string{
		"resolve": `/case resolve <id> outcome:upheld|partly|rejected|withdrawn <summary> [cause:"…"] [remedy:"…"] [lessons:"…"] [spot:true|false] ` +
			`[at:2026-11-20T09:30+01:00]`,
		"escalate": `/case escalate <id> reason:"…" [expects:"…"] [via:email|phone|chat|post|web|in-person] [from:"Name <contact>"] ` +
			`[account:…] [subject:…] [at:2026-11-20T09:30+01:00]`,
		"close":   `/case close <id> [cause:"…"] [remedy:"…"] [lessons:"…"]`,
		"refer":   `/case refer <id> @person|team <reason> [within:24h]`,
		"signoff": `/case signoff <id>`,
		"update":  `/case update <id> <text> [due:2027-01-20] [at:2026-11-20T09:30+01:00]`,
		"ack":     `/case ack <id> [note] [at:2026-11-20T09:30+01:00]`,
		"list":    `/case list [open|mine|due|overdue|escalated|all]`,
		"open": `/case open [complaint|abuse|feedback] <summary> [from:"Name <contact>"] [subject:…] ` +
			`[via:email|phone|chat|post|web|in-person] [category:…] [priority:low|normal|high] [received:2026-11-20T09:30+01:00] [account:…]`,
	}
	for name, want := range tests {
		if got := commands.Usage(MustCommand(t, name)); got != want {
			t.Errorf("Usage(%s) =\n%s\nwant\n%s", name, got, want)
		}
	}
}

// TestHelpFromDefinitions checks that help is generated from the same
// definitions the parser reads: every usage line, summary and option help.
func TestHelpFromDefinitions(t *testing.T) {
	reg := commands.Builtin()
	all := reg.Help()
	seen := map[string]string{}
	for _, cmd := range reg.Commands() {
		if cmd.Summary == "" || cmd.Run == nil {
			t.Errorf("%s has no summary or no Run", cmd.Name)
		}
		if !strings.Contains(all, commands.Usage(cmd)+"\n    "+cmd.Summary) {
			t.Errorf("help lacks the usage and summary of %s", cmd.Name)
		}
		one := commands.HelpFor(cmd)
		for _, o := range cmd.Options {
			if o.Help == "" || !strings.Contains(one, o.Key+": "+o.Help) {
				t.Errorf("help for %s lacks option %s", cmd.Name, o.Key)
			}
		}
		for _, n := range append([]string{cmd.Name}, cmd.Aliases...) {
			if other, dup := seen[n]; dup {
				t.Errorf("%q names both %s and %s", n, other, cmd.Name)
			}
			seen[n] = cmd.Name
			if got, _ := reg.Lookup(strings.ToUpper(n)); got != cmd {
				t.Errorf("Lookup(%q) does not find %s", n, cmd.Name)
			}
		}
		if i := slices.IndexFunc(cmd.Args, func(a commands.Arg) bool { return a.Rest }); i >= 0 && i != len(cmd.Args)-1 {
			t.Errorf("%s: only the last argument may take the rest", cmd.Name)
		}
	}
}

func TestSuggest(t *testing.T) {
	reg := commands.Builtin()
	for typed, want := range map[string]string{"ackk": "ack", "clam": "claim", "esc": "escalate", "histroy": "history", "zzzzzz": "",
		"ånswér": "answer", "clâim": "claim", strings.Repeat("a", 10000): ""} {
		if got := reg.Suggest(typed); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", typed, got, want)
		}
	}
}

// FuzzParse checks that no input makes the parser panic, that any input it
// accepts is complete (every required argument and option is there and not
// blank, and every enum holds an allowed value), and that the tokenizer
// takes at most maxStepsPerByte steps per byte of it. Only a complete input
// reaches a subcommand's Run, and through it the store.
func FuzzParse(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.text)
	}
	for _, unit := range adversarial {
		f.Add(strings.Repeat(unit, 50))
	}
	f.Add(`C-1 from:"unclosed`)
	f.Add("“curly” ‘single’ „low“ key:“x” a:'b'")
	f.Add("\xff\xfe:\x00 reason:\"\" :: a: b:")
	cmds := commands.Builtin().Commands()
	f.Fuzz(func(t *testing.T, text string) {
		if steps := commands.TokenizeSteps(text); steps > maxStepsPerByte*len(text)+maxStepsPerByte {
			t.Fatalf("the tokenizer took %d steps for %d bytes", steps, len(text))
		}
		for _, cmd := range cmds {
			in, err := commands.Parse(cmd, text)
			if err != nil {
				var ue *commands.UsageError
				if !errors.As(err, &ue) || ue.Command != cmd {
					t.Fatalf("%s: error %v is not a usage error of the command", cmd.Name, err)
				}
				if freeText(cmd) && strings.Contains(ue.Message, "is not an option of") {
					t.Fatalf("%s: free text refused a word as an unknown option: %v", cmd.Name, err)
				}
				continue
			}
			if problem := incomplete(cmd, in); problem != "" {
				t.Fatal(problem)
			}
		}
	})
}

// freeText reports whether cmd's free text takes words that look like
// options it does not declare as text.
func freeText(cmd *commands.Command) bool {
	return slices.ContainsFunc(cmd.Args, func(a commands.Arg) bool { return a.Rest && !a.Strict })
}

// incomplete says what is wrong with in as a parse of cmd: a required part
// missing, a blank value or one out of an enum, or a name cmd does not
// declare. It returns "" when in is complete.
func incomplete(cmd *commands.Command, in commands.Input) string {
	declared := map[string]bool{}
	check := func(kind, name string, required bool, values []string, got map[string]string) string {
		declared[kind+" "+name] = true
		v, ok := got[name]
		if (required && !ok) || (ok && strings.TrimSpace(v) == "") || (ok && len(values) > 0 && !slices.Contains(values, v)) {
			return fmt.Sprintf("%s: %s %s is %q (given: %v, required: %v, allowed: %v)", cmd.Name, kind, name, v, ok, required, values)
		}
		return ""
	}
	var problems []string
	for _, a := range cmd.Args {
		problems = append(problems, check("argument", a.Name, a.Required, a.Values, in.Args))
	}
	for _, o := range cmd.Options {
		problems = append(problems, check("option", o.Key, o.Required, o.Values, in.Options))
	}
	for kind, got := range map[string]map[string]string{"argument": in.Args, "option": in.Options} {
		for name := range got {
			if !declared[kind+" "+name] {
				problems = append(problems, fmt.Sprintf("%s: undeclared %s %q in %+v", cmd.Name, kind, name, in))
			}
		}
	}
	return strings.Join(slices.DeleteFunc(problems, func(p string) bool { return p == "" }), "; ")
}

// TestIncomplete checks the check FuzzParse relies on, with inputs the
// parser should never return.
func TestIncomplete(t *testing.T) {
	resolve, list := MustCommand(t, "resolve"), MustCommand(t, "list")
	tests := []struct {
		name string
		cmd  *commands.Command
		in   commands.Input
		want string
	}{
		{"complete", resolve, commands.Input{Args: kv("id", "C-1", "summary", "x"), Options: kv("outcome", "upheld")}, ""},
		{"required missing", resolve, commands.Input{Args: kv("id", "C-1"), Options: kv("outcome", "upheld")}, "argument summary"},
		{"blank", resolve, commands.Input{Args: kv("id", "C-1", "summary", " "), Options: kv("outcome", "upheld")}, "argument summary"},
		{"out of the enum", list, commands.Input{Args: kv("which", "bogus"), Options: kv()}, "argument which"},
		{"undeclared argument in place of an optional one", list, commands.Input{Args: kv("bogus", "x"), Options: kv()},
			`undeclared argument "bogus"`},
		{"undeclared option", resolve, commands.Input{Args: kv("id", "C-1", "summary", "x"), Options: kv("outcome", "upheld", "Cause", "x")},
			`undeclared option "Cause"`},
	}
	for _, tt := range tests {
		got := incomplete(tt.cmd, tt.in)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("%s: incomplete = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// BenchmarkParse parses a typical open command with quoted options.
func BenchmarkParse(b *testing.B) {
	cmd := MustCommand(b, "open")
	text := `complaint Domain example.no was not renewed from:"Kari Nordmann <kari@example.no>" subject:example.no via:web priority:high received:2026-11-20T09:30+01:00`
	b.ReportAllocs()
	for b.Loop() {
		if _, err := commands.Parse(cmd, text); err != nil {
			b.Fatal(err)
		}
	}
}
