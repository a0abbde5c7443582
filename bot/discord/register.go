package discord

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"

	"github.com/bwmarrin/discordgo"
)

// Permissions are what the bot needs in the channels it works in: to see
// them, post embeds with buttons, read their history to edit its messages,
// start threads for cases and post in them, and attach files (a summary's
// chart, the register) to its posts.
const Permissions = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages |
	discordgo.PermissionEmbedLinks | discordgo.PermissionReadMessageHistory |
	discordgo.PermissionCreatePublicThreads | discordgo.PermissionSendMessagesInThreads |
	discordgo.PermissionAttachFiles

// InviteURL returns the address at which a server's admin adds the bot
// with application ID appID, with its permissions and the applications.commands scope.
func InviteURL(appID string) string {
	q := url.Values{}
	q.Set("client_id", appID)
	q.Set("scope", "bot applications.commands")
	q.Set("permissions", strconv.FormatInt(Permissions, 10))
	return "https://discord.com/oauth2/authorize?" + q.Encode()
}

// Register writes the /case definition, replacing every command the
// application has there: in the configured guild only when one is set
// (instant), globally otherwise, never both, so /case is never listed twice:
// registering in a guild deletes a global /case an earlier run without one
// left.
func (p *Platform) Register(ctx context.Context) error {
	def, err := definition(p.cfg.Specs)
	if err != nil {
		return fmt.Errorf("discord: the /case definition breaks Discord's limits: %w", err)
	}
	appID, err := p.ApplicationID(ctx)
	if err != nil {
		return err
	}
	if _, err := p.s.ApplicationCommandBulkOverwrite(appID, p.cfg.GuildID, []*discordgo.ApplicationCommand{def},
		discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("discord: register /case: %w", err)
	}
	if p.cfg.GuildID == "" {
		return nil
	}
	global, err := p.globalCase(ctx, appID, def.Name)
	if err != nil || global == "" {
		return err
	}
	if err := p.s.ApplicationCommandDelete(appID, "", global, discordgo.WithContext(ctx)); err != nil {
		return fmt.Errorf("discord: delete the global /%s, which would list it twice: %w", def.Name, err)
	}
	return nil
}

// globalCase returns the ID of the command called name registered
// globally, or "" when there is none.
func (p *Platform) globalCase(ctx context.Context, appID, name string) (string, error) {
	global, err := p.s.ApplicationCommands(appID, "", discordgo.WithContext(ctx))
	if err != nil {
		return "", fmt.Errorf("discord: read the global commands: %w", err)
	}
	for _, c := range global {
		if c.Name == name {
			return c.ID, nil
		}
	}
	return "", nil
}

// Sync registers the /case definition when what Discord has differs from
// it, and reports whether it did.
func (p *Platform) Sync(ctx context.Context) (bool, error) {
	def, err := definition(p.cfg.Specs)
	if err != nil {
		return false, fmt.Errorf("discord: the /case definition breaks Discord's limits: %w", err)
	}
	appID, err := p.ApplicationID(ctx)
	if err != nil {
		return false, err
	}
	have, err := p.s.ApplicationCommands(appID, p.cfg.GuildID, discordgo.WithContext(ctx))
	if err != nil {
		return false, fmt.Errorf("discord: read the registered commands: %w", err)
	}
	if len(have) == 1 && canonical(have[0]) == canonical(def) {
		if p.cfg.GuildID == "" {
			return false, nil
		}
		if global, err := p.globalCase(ctx, appID, def.Name); err != nil || global == "" {
			return false, err
		}
	}
	return true, p.Register(ctx)
}

// canonical returns what of cmd ombud sets, as JSON, so that a definition
// read back from Discord, with its IDs, versions and defaults, compares
// equal to the one ombud would write.
func canonical(cmd *discordgo.ApplicationCommand) string {
	type choice struct {
		Name  string `json:"name"`
		Value any    `json:"value"`
	}
	type option struct {
		Type        discordgo.ApplicationCommandOptionType `json:"type"`
		Name        string                                 `json:"name"`
		Description string                                 `json:"description"`
		Required    bool                                   `json:"required"`
		MinValue    *float64                               `json:"min_value"`
		Choices     []choice                               `json:"choices"`
		Options     []option                               `json:"options"`
	}
	var conv func(os []*discordgo.ApplicationCommandOption) []option
	conv = func(os []*discordgo.ApplicationCommandOption) []option {
		out := make([]option, len(os))
		for i, o := range os {
			out[i] = option{Type: o.Type, Name: o.Name, Description: o.Description, Required: o.Required,
				MinValue: o.MinValue, Options: conv(o.Options), Choices: make([]choice, len(o.Choices))}
			for j, c := range o.Choices {
				out[i].Choices[j] = choice{Name: c.Name, Value: c.Value}
			}
		}
		return out
	}
	b, _ := json.Marshal(struct {
		Name        string   `json:"name"`
		Description string   `json:"description"`
		Options     []option `json:"options"`
	}{cmd.Name, cmd.Description, conv(cmd.Options)})
	return string(b)
}
