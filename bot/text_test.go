package bot_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/ombud/ombud/bot"
)

// wj is the WORD JOINER that Neutralize inserts.
const wj = "\u2060"

var neutralizeTests = []struct {
	name, in, want string
}{
	// Ordinary text is left alone.
	{"empty", "", ""},
	{"plain", "The parcel arrived broken.", "The parcel arrived broken."},
	{"email", "write to ann@example.no", "write to ann@example.no"},
	{"person mention", "@alice please call back", "@alice please call back"},
	{"slack user mention", "<@U123> took it", "<@U123> took it"},
	{"discord user mention", "<@!123> and <@456>", "<@!123> and <@456>"},
	{"less than", "3 < 4 and <b>", "3 < 4 and <b>"},
	{"lone at", "@ and @@ and trailing @", "@ and @@ and trailing @"},
	{"newline and tab kept", "line one\n\tline two", "line one\n\tline two"},
	{"unicode", "Blåbærsyltetøy — 3 €", "Blåbærsyltetøy — 3 €"},
	{"word joiner already there", "@" + wj + "here", "@" + wj + "here"},
	{"invalid utf-8 replaced", "bad \xff\xfe bytes", "bad \ufffd bytes"},
	{"invalid utf-8 around a control", "\xc2\x7f\x87", "\ufffd\ufffd"},
	{"truncated word", "@everyon", "@everyon"},

	// Plain mass mentions, in any case and anywhere.
	{"channel", "@channel look", "@" + wj + "channel look"},
	{"here", "@here", "@" + wj + "here"},
	{"everyone", "hi @everyone!", "hi @" + wj + "everyone!"},
	{"upper case", "@EVERYONE", "@" + wj + "EVERYONE"},
	{"mixed case", "@eVeRyOnE @HeRe @ChAnNeL", "@" + wj + "eVeRyOnE @" + wj + "HeRe @" + wj + "ChAnNeL"},
	{"inside a word", "x@here.no", "x@" + wj + "here.no"},
	{"prefix of a longer word", "@heretic", "@" + wj + "heretic"},
	{"double at", "@@everyone", "@@" + wj + "everyone"},
	{"repeated", "@here@here", "@" + wj + "here@" + wj + "here"},

	// Slack special mentions.
	{"slack channel", "<!channel>", "<" + wj + "!channel>"},
	{"slack here", "<!here|here>", "<" + wj + "!here|here>"},
	{"slack everyone", "<!everyone>", "<" + wj + "!everyone>"},
	{"slack upper case", "<!CHANNEL>", "<" + wj + "!CHANNEL>"},
	{"slack group", "<!group>", "<" + wj + "!group>"},
	{"slack subteam", "<!subteam^S0123|@support>", "<" + wj + "!subteam^S0123|@support>"},
	{"slack nested", "<<!here>>", "<<" + wj + "!here>>"},

	// Discord role mentions.
	{"discord role", "<@&123456789>", "<" + wj + "@&123456789>"},
	{"discord role twice", "<@&1><@&2>", "<" + wj + "@&1><" + wj + "@&2>"},

	// Control characters are dropped, and cannot hide a mention.
	{"escape sequence", "red \x1b[31malert\x1b[0m", "red [31malert[0m"},
	{"carriage return", "ok\rfake line", "okfake line"},
	{"nul", "a\x00b", "ab"},
	{"del", "a\x7fb", "ab"},
	{"c1 csi", "a\u009b31mb", "a31mb"},
	{"control inside mention", "@\x00every\x07one", "@" + wj + "everyone"},
	{"control inside slack mention", "<\x1b!channel>", "<" + wj + "!channel>"},
	{"control inside discord role", "<@\x08&1>", "<" + wj + "@&1>"},

	// Bidirectional formatting characters are dropped, so echoed text cannot
	// read in another order than it was written.
	{"right-to-left override", "refund \u202Edeifsitas\u202C ok", "refund deifsitas ok"},
	{"every embedding and override", "a\u202Ab\u202Bc\u202Cd\u202De\u202Ef", "abcdef"},
	{"every isolate", "a\u2066b\u2067c\u2068d\u2069e", "abcde"},
	{"isolate inside a mention", "@\u2067here", "@" + wj + "here"},
	{"marks kept", "a\u200Eb\u200Fc", "a\u200Eb\u200Fc"},
}

func TestNeutralize(t *testing.T) {
	for _, tt := range neutralizeTests {
		t.Run(tt.name, func(t *testing.T) {
			if got := bot.Neutralize(tt.in); got != tt.want {
				t.Errorf("Neutralize(%+q) = %+q, want %+q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPlainName(t *testing.T) {
	for name, want := range map[string]bool{
		"sam": true, "ann.lee": true, "kari_n-2": true, "Blåbær": true,
		"": false, "ann lee": false, "@sam": false, "here": false, "Channel": false, "EVERYONE": false,
		"heretic": false, "<!channel>": false, "<!here>": false, "<@&1>": false, "sam\x00": false, "a\tb": false, "nimda\u202E": false,
	} {
		if got := bot.PlainName(name); got != want {
			t.Errorf("PlainName(%+q) = %v, want %v", name, got, want)
		}
	}
}

func FuzzNeutralize(f *testing.F) {
	for _, tt := range neutralizeTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := bot.Neutralize(in)
		if form := dangerousForm(out); form != "" {
			t.Fatalf("Neutralize(%+q) = %+q, still contains %q", in, out, form)
		}
		if again := bot.Neutralize(out); again != out {
			t.Fatalf("Neutralize is not idempotent: %+q -> %+q -> %+q", in, out, again)
		}
		if !utf8.ValidString(out) {
			t.Fatalf("Neutralize(%+q) = %+q, not valid UTF-8", in, out)
		}
		if !utf8.ValidString(in) {
			return
		}
		if dangerousForm(in) == "" && out != in {
			t.Fatalf("Neutralize(%+q) = %+q, want it unchanged", in, out)
		}
		visible := strings.ReplaceAll(strings.Map(dropStripped, in), wj, "")
		if got := strings.ReplaceAll(out, wj, ""); got != visible {
			t.Fatalf("Neutralize(%+q) = %+q, which changes more than joiners and controls", in, out)
		}
	})
}

// dangerousForm returns the first form in s that could ping a channel, group
// or role, or that would reach a terminal as a control character, or "".
func dangerousForm(s string) string {
	lower := strings.ToLower(s)
	for _, form := range []string{"@channel", "@here", "@everyone", "<!", "<@&"} {
		if strings.Contains(lower, form) {
			return form
		}
	}
	if strings.ContainsFunc(s, stripped) {
		return "a control or bidirectional formatting character"
	}
	return ""
}

// stripped reports whether r is a control or bidirectional formatting
// character Neutralize must drop.
func stripped(r rune) bool {
	return (unicode.IsControl(r) && r != '\n' && r != '\t') || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// dropStripped is a strings.Map function that drops what stripped reports.
func dropStripped(r rune) rune {
	if stripped(r) {
		return -1
	}
	return r
}
