package commands

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
)

// intakeKeys maps each intake field a policy can require to the key of
// open's form field that holds it.
var intakeKeys = map[cases.Field]string{
	cases.FieldDescription: "summary",
	cases.FieldName:        "from",
	cases.FieldContact:     "from",
	cases.FieldSubject:     "subject",
	cases.FieldAccount:     "account",
}

// openForm returns the form that opens a complaint: the summary, who
// complained and what it is about, and the account when the policy requires
// or asks for one, each required when the policy requires it at intake.
func openForm(env *Env) (*bot.Form, string) {
	p := env.Service.PolicyFor(cases.KindComplaint)
	has := func(list []cases.Field, key string) bool {
		return slices.ContainsFunc(list, func(f cases.Field) bool { return intakeKeys[f] == key })
	}
	need := func(key string) bool { return key == "summary" || has(p.Intake.Require, key) }
	fields := []bot.FormField{
		{Key: "summary", Label: "What the complaint is about", Placeholder: "Domain was not renewed", Multiline: true},
		{Key: "from", Label: "Who complained", Placeholder: "Kari Nordmann <kari@example.no>"},
		{Key: "subject", Label: "Domain, service or order", Placeholder: "example.no"},
	}
	if need("account") || has(p.Intake.Ask, "account") {
		fields = append(fields, bot.FormField{Key: "account", Label: "Customer account", Placeholder: "K-17"})
	}
	for i := range fields {
		fields[i].Required = need(fields[i].Key)
	}
	typed := "Type the case on one line:\n" + Usage(openCommand())
	if r := p.Intake.Require; len(r) > 0 {
		typed += fmt.Sprintf("\nPolicy %s requires at intake: %s.", p.Name, strings.Join(names(r), ", "))
	}
	if a := p.Intake.Ask; len(a) > 0 {
		typed += fmt.Sprintf("\nPolicy %s asks for: %s; the case opens without them.", p.Name, strings.Join(names(a), ", "))
	}
	return &bot.Form{Title: "Open a case", Command: "open", Submit: "Open", Fields: fields}, typed
}

// missingFields says, by open's form fields, which intake fields policy p
// requires that a submitted form left out.
func missingFields(p *cases.Policy, missing []cases.Field) formErrors {
	fe := formErrors{}
	for _, f := range missing {
		key := intakeKeys[f]
		switch {
		case key == "from":
			fe[key] = fmt.Sprintf("Policy %s requires the complainant's name and contact: write Name <e-mail or phone>.", p.Name)
		default:
			fe[key] = fmt.Sprintf("Policy %s requires this at intake.", p.Name)
		}
	}
	return fe
}
