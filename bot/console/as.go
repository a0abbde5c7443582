package console

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ombud/ombud/bot"
)

// switchUser acts on "/as NAME [ROLE]", given what follows "/as"; NAME may
// be in quotes. With a ROLE, NAME holds it for the session; without one,
// the role asserted for NAME before is dropped, so the configured one
// applies.
func (c *Console) switchUser(args string) {
	name, role, ok := asArgs(args)
	if !ok {
		c.print("✗ usage: /as NAME [" + strings.Join(roles, "|") + "]\n")
		return
	}
	name = strings.TrimPrefix(name, "@")
	if !validName(name) {
		c.print("✗ a name is one word of plain text, without mentions, e.g. /as alice senior\n")
		return
	}
	role = strings.ToLower(role)
	if role != "" && !slices.Contains(roles, role) {
		c.print(fmt.Sprintf("✗ unknown role %q: choose %s\n", bot.Neutralize(role), strings.Join(roles, ", ")))
		return
	}
	c.user, c.role = name, role
	if role == "" {
		delete(c.roles, key(name))
		if c.roleOf == nil {
			c.print("you are now " + name + ", in the role ombud's configuration gives " + name + " (agent when none)\n")
			return
		}
		c.print("you are now " + c.who() + ", the role ombud's configuration gives " + name + "\n")
		return
	}
	c.roles[key(name)] = role
	c.print("you are now " + c.who() + "; " + name + " stays " + article(role) + " " + role + " for this session, also where a command names them\n")
}

// article returns "an" before agent and "a" before the other roles.
func article(role string) string {
	if role == "agent" {
		return "an"
	}
	return "a"
}

// asArgs splits what follows "/as" into the name, which may be in straight
// or curly quotes, and the role, and reports whether it holds one or two
// words.
func asArgs(args string) (name, role string, ok bool) {
	args = strings.TrimSpace(args)
	if r, size := utf8.DecodeRuneInString(args); strings.ContainsRune(`"'“‘`, r) {
		end := strings.IndexAny(args[size:], `"'”’`)
		if end < 0 {
			return "", "", false
		}
		name, args = args[size:size+end], args[size+end:]
		_, n := utf8.DecodeRuneInString(args)
		args = args[n:]
		if args != "" && !unicode.IsSpace([]rune(args)[0]) {
			return "", "", false
		}
	} else {
		name, args = cutWord(args)
	}
	fields := strings.Fields(args)
	if name == "" || len(fields) > 1 {
		return "", "", false
	}
	if len(fields) == 1 {
		role = fields[0]
	}
	return name, role, true
}

// validName reports whether name can be who you are: a bot.PlainName, so
// the prompt and the replies show it as typed, and @name mentions you alone.
func validName(name string) bool { return bot.PlainName(name) }

// who returns who you are, as the prompt shows it: "alice (senior)", with
// the role you asserted or else the one the configuration gives you, or
// "alice" when the console cannot tell.
func (c *Console) who() string {
	switch {
	case c.role != "":
		return c.user + " (" + c.role + ")"
	case c.roleOf != nil:
		return c.user + " (" + c.roleOf(c.user) + ")"
	default:
		return c.user
	}
}
