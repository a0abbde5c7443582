// Package console is the local console platform: a terminal chat in which
// whoever runs ombud types the same /case commands as on Slack or Discord,
// acts as any person in any role with /as, sees the team channels' posts
// inline, and presses buttons by typing their number.
package console

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/ombud/ombud/bot"
)

// platformName is the console's name, as used in bot.Request.Platform; it
// is also the one channel a console request comes from.
const platformName = bot.PlatformConsole

// roles are the roles /as and Config.Role accept.
var roles = []string{"agent", "senior", "manager"}

// defaultUser is who you are when Config.User is empty.
const defaultUser = "you"

// help is what /help prints.
const help = `Console commands:
  /case COMMAND      run a /case command as who you are; /case help lists them
  /as NAME [ROLE]    act as NAME, one word, in quotes if you like; in ROLE (agent,
                     senior or manager) when given, else in the role ombud's
                     configuration gives NAME. Names ignore letter case: Ann is ann.
                     NAME keeps the role for the session, also when others name
                     them, as in /case assign C-2026-0001 @NAME
  NUMBER             press the button shown as [NUMBER] since your last command
  /help              show this help
  /quit, /exit       leave; Ctrl-D and Ctrl-C do too
`

// notACommand answers a line the console does not understand.
const notACommand = "commands start with /case — try /case help, or /help for the console\n"

// Config configures a Console.
type Config struct {
	In  io.Reader // where typed lines come from
	Out io.Writer // where replies and posts go
	// User is who you are at the start, usually the login name: one word,
	// without mentions; "you" when empty.
	User string
	// Role is the role you assert at the start, one of agent, senior or
	// manager. When empty the console asserts none, and you have the role
	// ombud's configuration gives User, as on any other platform.
	Role string
	// Interactive says In is a terminal, which is then put in raw mode for
	// line editing and history, and restored when Run returns. In must then
	// be an *os.File or have its Fd method. When false, In is read line by
	// line as a script, and each line is echoed after the prompt so the
	// output reads as a transcript.
	Interactive bool
	// FilesDir is where the files attached to replies (charts, exports)
	// are written; the reply shows their paths. When empty, files are
	// not written and the reply says so.
	FilesDir string
	Logger   *slog.Logger // nil discards
	// RoleOf, when set, returns the role ombud's configuration gives the
	// console user name, so that the console can say it; nil leaves it
	// unsaid.
	RoleOf func(name string) string
}

// Console is the console platform. Post is safe for concurrent use with Run;
// Run is not safe to call twice at once.
type Console struct {
	in          io.Reader
	interactive bool
	filesDir    string
	log         *slog.Logger

	mu      sync.Mutex   // guards out and choices
	out     io.Writer    // Config.Out, or the raw terminal while Run runs
	choices []bot.Button // the buttons shown since the last command, by number-1

	// user is who you are, and role the role you asserted, "" for none;
	// roles holds the roles asserted this session, by user key (the name in
	// lower case). Only Run's goroutine uses them.
	user, role string
	roles      map[string]string
	roleOf     func(name string) string
}

var _ bot.Platform = (*Console)(nil)

// New returns a console configured by cfg, with its defaults filled in. A
// user or role it cannot use is reported by Run.
func New(cfg Config) *Console {
	c := &Console{
		in:          cfg.In,
		out:         cfg.Out,
		interactive: cfg.Interactive,
		filesDir:    cfg.FilesDir,
		log:         cfg.Logger,
		user:        cfg.User,
		role:        cfg.Role,
		roles:       map[string]string{},
		roleOf:      cfg.RoleOf,
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if c.user == "" {
		c.user = defaultUser
	}
	if c.role != "" {
		c.roles[key(c.user)] = c.role
	}
	return c
}

// key returns the user ID of the console user called name: the name in
// lower case, so that Ann and ann are one person.
func key(name string) string { return strings.ToLower(name) }

// Name returns bot.PlatformConsole, "console".
func (c *Console) Name() string { return platformName }

// Run reads lines until the input ends, /quit, Ctrl-C or Ctrl-D, or ctx is
// cancelled, and answers each as the current user through h. A command that
// is being handled when ctx is cancelled finishes, with a context that is not
// cancelled, before Run returns nil. Run returns an error only if the console
// cannot start or its input fails.
func (c *Console) Run(ctx context.Context, h bot.Handler) error {
	if !validName(c.user) {
		return fmt.Errorf("console: user %q is not one word of plain text", c.user)
	}
	if c.role != "" && !slices.Contains(roles, c.role) {
		return fmt.Errorf("console: role %q is not one of %s", c.role, strings.Join(roles, ", "))
	}
	lines, closeInput, err := c.openInput()
	if err != nil {
		return err
	}
	defer closeInput()
	c.print(fmt.Sprintf("ombud console — you are %s. Type /case help for the commands, /help for the console.\n", c.who()))
	for ctx.Err() == nil {
		line, err := readLine(ctx, lines, c.who()+"> ")
		var cut *cutError
		switch {
		case errors.Is(err, io.EOF), ctx.Err() != nil:
			return nil
		case errors.As(err, &cut):
			if !c.interactive {
				c.print(fmt.Sprintf("%s> (a line of %d bytes)\n", c.who(), cut.size))
			}
			c.print("✗ " + cut.Error() + "\n")
			continue
		case err != nil:
			return fmt.Errorf("console: read input: %w", err)
		}
		if !c.interactive {
			c.print(c.who() + "> " + bot.Neutralize(line) + "\n")
		}
		if !c.execute(ctx, h, line) {
			return nil
		}
	}
	return nil
}

// Post prints p inline, marked with its channel, as soon as it comes,
// whether it follows a command or ombud posts it by itself (a deadline's
// warning). Its buttons are numbered after those already shown, which keep
// their numbers until the next command.
func (c *Console) Post(_ context.Context, p bot.Post) error {
	p.Reply = c.saveFiles(p.Reply)
	c.mu.Lock()
	defer c.mu.Unlock()
	text := RenderPost(p, len(c.choices)+1)
	if text == "" {
		return nil
	}
	c.choices = append(c.choices, p.Reply.Buttons...)
	_, err := io.WriteString(c.out, text)
	return err
}

// execute acts on one typed line, and reports whether to read another.
func (c *Console) execute(ctx context.Context, h bot.Handler, line string) bool {
	line = strings.TrimSpace(line)
	word, rest := cutWord(line)
	switch {
	case line == "":
	case word == "/quit" || word == "/exit":
		return false
	case word == "/case":
		c.dispatch(ctx, h, rest)
	case word == "/as":
		c.switchUser(rest)
	case word == "/help":
		c.print(help)
	case isNumber(line):
		c.press(ctx, h, line)
	default:
		c.print(notACommand)
	}
	return true
}

// dispatch sends text, a /case command without "/case", to h as the current
// user, with the role they asserted if they asserted one, and shows the
// response. The handler's context outlives ctx's cancellation, so that a
// command in flight at shutdown finishes.
func (c *Console) dispatch(ctx context.Context, h bot.Handler, text string) {
	c.log.Debug("console request", "user", c.user, "role", c.role)
	resp := h.Handle(context.WithoutCancel(ctx), bot.Request{
		Platform:  platformName,
		UserID:    key(c.user),
		UserName:  c.user,
		ChannelID: platformName,
		Text:      text,
		Mentions:  c.mentions(),
		LocalRole: c.role,
	})
	c.show(resp)
	if resp.Deliver != nil {
		resp.Deliver(context.WithoutCancel(ctx))
	}
}

// mentions returns everyone given a role with /as this session, with that
// role, so that it holds when a command names them (such as the target of
// assign) as it does when they act.
func (c *Console) mentions() []bot.Mention {
	var out []bot.Mention
	for _, name := range slices.Sorted(maps.Keys(c.roles)) {
		out = append(out, bot.Mention{UserID: name, Name: name, LocalRole: c.roles[name]})
	}
	return out
}

// show prints resp's reply, numbering its buttons from 1, and makes those
// buttons the ones a number presses; the posts the command causes follow
// it (see Post).
func (c *Console) show(resp bot.Response) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.choices = slices.Clone(resp.Reply.Buttons)
	c.writeLocked(Render(c.saveFiles(resp.Reply), 1))
}

// press runs the command of the button numbered by number as the current
// user, who may not be the one the button was shown to.
func (c *Console) press(ctx context.Context, h bot.Handler, number string) {
	n, _ := strconv.Atoi(number)
	c.mu.Lock()
	count := len(c.choices)
	var b bot.Button
	if n >= 1 && n <= count {
		b = c.choices[n-1]
	}
	c.mu.Unlock()
	switch {
	case count == 0:
		c.print("✗ nothing to press: no buttons were shown since your last command\n")
	case n < 1 || n > count:
		c.mu.Lock()
		shown := buttonLines(c.choices, 1)
		c.mu.Unlock()
		c.print(fmt.Sprintf("✗ there is no button [%s]; the buttons shown since your last command are:\n%s\n", number, strings.Join(shown, "\n")))
	default:
		c.print("▶ /case " + bot.Neutralize(b.Command) + "\n")
		c.dispatch(ctx, h, b.Command)
	}
}

// print writes s to the output.
func (c *Console) print(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.writeLocked(s)
}

// writeLocked writes s to the output; c.mu must be held. A failed write is
// logged: the console goes on reading, as a chat bot goes on when one
// message cannot be delivered.
func (c *Console) writeLocked(s string) {
	if _, err := io.WriteString(c.out, s); err != nil {
		c.log.Warn("console: write output", "err", err)
	}
}

// cutWord returns s's first word, and the rest without leading space.
func cutWord(s string) (word, rest string) {
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimLeftFunc(s[i:], unicode.IsSpace)
}

// isNumber reports whether s is a non-empty run of ASCII digits.
func isNumber(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}
