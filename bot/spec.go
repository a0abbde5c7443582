package bot

// CommandSpec describes one /case subcommand for a platform that registers
// commands with typed options, such as Discord's application commands. It is
// generated from the same definitions as the text grammar, so the two say
// the same thing.
type CommandSpec struct {
	Name        string       // the subcommand, such as "escalate"
	Description string       // what it does, in one line
	Options     []OptionSpec // what it takes, required ones first
	// Private says that the subcommand answers the person who asked alone
	// (show, list), so a platform that must say who sees a reply before it
	// has one (Discord's deferred response) can choose right.
	Private bool
}

// OptionType is the kind of value an OptionSpec takes.
type OptionType int

// Option types.
const (
	OptionText    OptionType = iota // free text
	OptionInteger                   // a whole number, at least 1
	OptionPerson                    // a person of the platform, such as the target of assign
)

// OptionSpec is one value a subcommand takes. A platform that receives it
// sends it back in Request.Values under Key, with Request.Text holding only
// the subcommand's name; a person's value is their mention, "<@ID>".
type OptionSpec struct {
	Name        string     // the option's name as people see it, such as "case"
	Key         string     // the grammar's name for it, the key of Request.Values, such as "id"
	Description string     // what it is, in one line
	Type        OptionType // what kind of value it takes
	Required    bool       // the subcommand cannot run without it
	Choices     []string   // the values it allows, when it allows only some
}
