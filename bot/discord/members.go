package discord

import (
	"context"
	"fmt"
	"slices"

	"github.com/bwmarrin/discordgo"

	"github.com/ombud/ombud/bot"
)

// membersPage is how many members one request lists, Discord's most.
const membersPage = 1000

// Members returns the members of the server (Config.GuildID) who have role
// group, with their names, and false when group is not one of its roles
// or no server is configured. Listing members needs the Server Members
// intent turned on for the application.
func (p *Platform) Members(ctx context.Context, group string) ([]bot.Mention, bool, error) {
	guild := p.cfg.GuildID
	if guild == "" {
		return nil, false, nil
	}
	roles, err := p.s.GuildRoles(guild, discordgo.WithContext(ctx))
	if err != nil {
		return nil, false, fmt.Errorf("discord: the roles of the server: %w", err)
	}
	if !slices.ContainsFunc(roles, func(r *discordgo.Role) bool { return r.ID == group }) {
		return nil, false, nil
	}
	var out []bot.Mention
	for after := ""; ; {
		page, err := p.s.GuildMembers(guild, after, membersPage, discordgo.WithContext(ctx))
		if err != nil {
			return nil, true, fmt.Errorf("discord: the members of the server: %w", err)
		}
		for _, m := range page {
			if m.User != nil && slices.Contains(m.Roles, group) {
				out = append(out, mentionOf(m.User.ID, m, m.User))
			}
		}
		if len(page) < membersPage {
			return out, true, nil
		}
		after = page[len(page)-1].User.ID
	}
}
