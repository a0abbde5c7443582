package policyfile

import (
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/calendar"
)

// weekdays maps the names a policy file uses to days of the week.
var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// policyFile is the YAML form of a cases.Policy.
type policyFile struct {
	Name         string         `yaml:"name"`
	Title        string         `yaml:"title"`
	Source       string         `yaml:"source"`
	Tiers        []tierFile     `yaml:"tiers"`
	Kinds        kindsFile      `yaml:"kinds"`
	Queue        string         `yaml:"queue"`
	Channels     []string       `yaml:"channels"`
	Categories   []string       `yaml:"categories"`
	Independence string         `yaml:"independence"`
	WarnAt       float64        `yaml:"warn_at"`
	WarnBefore   located        `yaml:"warn_before"`
	ClaimWithin  located        `yaml:"claim_within"`
	Deadlines    deadlinesFile  `yaml:"deadlines"`
	Calendar     calendarFile   `yaml:"calendar"`
	Intake       fieldsFile     `yaml:"intake"`
	Escalation   fieldsFile     `yaml:"escalation"`
	Closing      *[]string      `yaml:"closing"`
	SignOff      []string       `yaml:"sign_off"`
	Spot         []string       `yaml:"spot"`
	Receipt      []string       `yaml:"receipt"`
	External     []externalFile `yaml:"external"`
}

type tierFile struct {
	Name     string `yaml:"name"`
	Title    string `yaml:"title"`
	Reviewer string `yaml:"reviewer"`
}

// kindsFile is kinds:, either a list of kinds or a map from each kind to
// what its procedure sets of its own.
type kindsFile struct {
	Names []string
	Rules map[string]*kindFile // only kinds with rules of their own
}

// kindFile is one kind's own procedure under kinds:.
type kindFile struct {
	Queue      string         `yaml:"queue"`
	Tiers      []tierFile     `yaml:"tiers"`
	Deadlines  *deadlinesFile `yaml:"deadlines"`
	Intake     *fieldsFile    `yaml:"intake"`
	Escalation *fieldsFile    `yaml:"escalation"`
}

// UnmarshalYAML implements yaml.Unmarshaler.
func (k *kindsFile) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return n.Decode(&k.Names)
	}
	k.Rules = map[string]*kindFile{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		name := n.Content[i].Value
		k.Names = append(k.Names, name)
		var r kindFile
		if err := n.Content[i+1].Decode(&r); err != nil {
			return err
		}
		if r.Queue != "" || r.Tiers != nil || r.Deadlines != nil || r.Intake != nil || r.Escalation != nil {
			k.Rules[name] = &r
		}
	}
	return nil
}

// fieldsFile is intake: or escalation:, either a list of required fields or
// require:, ask: and written:.
type fieldsFile struct {
	Require []string `yaml:"require"`
	Ask     []string `yaml:"ask"`
	Written bool     `yaml:"written"`
}

// UnmarshalYAML implements yaml.Unmarshaler.
func (f *fieldsFile) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.SequenceNode {
		return n.Decode(&f.Require)
	}
	type plain fieldsFile
	return n.Decode((*plain)(f))
}

func (f fieldsFile) rules() cases.FieldRules {
	return cases.FieldRules{Require: convert[cases.Field](f.Require), Ask: convert[cases.Field](f.Ask), Written: f.Written}
}

type deadlinesFile struct {
	Acknowledge       located `yaml:"acknowledge"`
	Answer            located `yaml:"answer"`
	AnswerCap         located `yaml:"answer_cap"`
	AnswerNotice      located `yaml:"answer_notice"`
	Update            located `yaml:"update"`
	Referral          located `yaml:"referral"`
	EscalationWindow  located `yaml:"escalation_window"`
	ReviewAcknowledge located `yaml:"review_acknowledge"`
	Review            located `yaml:"review"`
	FinalWindow       located `yaml:"final_window"`
	Final             located `yaml:"final"`
	PauseMovesCap     bool    `yaml:"pause_moves_cap"`
}

type calendarFile struct {
	Zone     string    `yaml:"zone"`
	Weekend  []located `yaml:"weekend"`
	Opens    string    `yaml:"opens"`
	Closes   string    `yaml:"closes"`
	Holidays []string  `yaml:"holidays"`
	Closures []string  `yaml:"closures"`
}

type externalFile struct {
	Name    string `yaml:"name"`
	URL     string `yaml:"url"`
	Handles string `yaml:"handles"`
}

// located is a scalar with the line it was written on, so that a value found
// wrong after decoding can be pointed at.
type located struct {
	Value string
	Line  int
}

// UnmarshalYAML implements yaml.Unmarshaler.
func (l *located) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return &yaml.TypeError{Errors: []string{problemf(n.Line, "expected a single value here, not a list or a map").Error()}}
	}
	l.Value, l.Line = n.Value, n.Line
	return nil
}

// defaultClosing is what a policy file that says nothing of closing:
// requires when a case ends: the root cause, as ombud always has.
var defaultClosing = []cases.Field{cases.FieldCause}

// policy converts the file form to a cases.Policy, filling in what the file
// leaves out so that the policy says everything it runs on: the root cause
// at closing, and the defaults of calendar.New for the weekend (Saturday and
// Sunday) and business hours (08:00 to 16:00). It returns every value it
// cannot read.
func (f *policyFile) policy() (*cases.Policy, []Problem) {
	p := &cases.Policy{
		Name: f.Name, Title: f.Title, Source: f.Source, Categories: f.Categories, Queue: f.Queue,
		Independence: cases.Independence(f.Independence), WarnAt: f.WarnAt,
		Calendar: calendar.Spec{
			Zone: f.Calendar.Zone, Opens: f.Calendar.Opens, Closes: f.Calendar.Closes,
			Holidays: f.Calendar.Holidays, Closures: f.Calendar.Closures,
		},
		Tiers: tiers(f.Tiers), Kinds: convert[cases.Kind](f.Kinds.Names),
		Channels: convert[cases.Channel](f.Channels), SignOff: convert[cases.Channel](f.SignOff),
		Spot: convert[cases.Channel](f.Spot), Receipt: convert[cases.Channel](f.Receipt),
		Intake: f.Intake.rules(), Escalation: f.Escalation.rules(), Closing: defaultClosing,
	}
	if f.Closing != nil {
		p.Closing = convert[cases.Field](*f.Closing)
	}
	for _, e := range f.External {
		p.External = append(p.External, cases.ExternalBody{Name: e.Name, URL: e.URL, Handles: e.Handles})
	}
	var probs []Problem
	p.WarnBefore = duration("warn_before", f.WarnBefore, &probs)
	p.ClaimWithin = duration("claim_within", f.ClaimWithin, &probs)
	p.Deadlines = f.Deadlines.deadlines("", &probs)
	p.PerKind = f.Kinds.rules(&probs)
	p.Calendar.Weekend = f.Calendar.weekend(&probs)
	p.Calendar = p.Calendar.WithDefaults()
	return p, probs
}

// rules converts the kinds' own procedures, adding what it cannot read to
// probs.
func (k kindsFile) rules(probs *[]Problem) map[cases.Kind]cases.KindRules {
	if len(k.Rules) == 0 {
		return nil
	}
	out := map[cases.Kind]cases.KindRules{}
	for _, name := range k.Names {
		r, ok := k.Rules[name]
		if !ok {
			continue
		}
		kr := cases.KindRules{Queue: r.Queue, Tiers: tiers(r.Tiers)}
		if r.Deadlines != nil {
			d := r.Deadlines.deadlines("kinds."+name+".", probs)
			kr.Deadlines = &d
		}
		if r.Intake != nil {
			in := r.Intake.rules()
			kr.Intake = &in
		}
		if r.Escalation != nil {
			esc := r.Escalation.rules()
			kr.Escalation = &esc
		}
		out[cases.Kind(name)] = kr
	}
	return out
}

func tiers(in []tierFile) []cases.TierSpec {
	var out []cases.TierSpec
	for _, t := range in {
		out = append(out, cases.TierSpec{Name: t.Name, Title: t.Title, Reviewer: cases.Independence(t.Reviewer)})
	}
	return out
}

// deadlines converts the limits, adding those it cannot read to probs;
// prefix is their section's place in the file, for messages.
func (f *deadlinesFile) deadlines(prefix string, probs *[]Problem) cases.Deadlines {
	d := cases.Deadlines{PauseMovesCap: f.PauseMovesCap}
	for _, x := range []struct {
		field string
		from  located
		to    *calendar.Duration
	}{
		{"acknowledge", f.Acknowledge, &d.Acknowledge},
		{"answer", f.Answer, &d.Answer},
		{"answer_cap", f.AnswerCap, &d.AnswerCap},
		{"answer_notice", f.AnswerNotice, &d.Notice},
		{"update", f.Update, &d.Update},
		{"referral", f.Referral, &d.Referral},
		{"escalation_window", f.EscalationWindow, &d.EscalationWindow},
		{"review_acknowledge", f.ReviewAcknowledge, &d.ReviewAcknowledge},
		{"review", f.Review, &d.Review},
		{"final_window", f.FinalWindow, &d.FinalWindow},
		{"final", f.Final, &d.Final},
	} {
		*x.to = duration(prefix+"deadlines."+x.field, x.from, probs)
	}
	return d
}

// duration parses the time limit v of the key named key, adding it to probs
// when it cannot.
func duration(key string, v located, probs *[]Problem) calendar.Duration {
	d, err := calendar.ParseDuration(v.Value)
	if err != nil {
		*probs = append(*probs, *problemf(v.Line, "%s: %s", key, cases.ErrorMessage(err)))
	}
	return d
}

// weekend converts the weekend days, adding those it cannot read to probs.
func (f *calendarFile) weekend(probs *[]Problem) []time.Weekday {
	if f.Weekend == nil {
		return nil // the calendar's default
	}
	days := []time.Weekday{}
	for _, v := range f.Weekend {
		d, ok := weekdays[strings.ToLower(strings.TrimSpace(v.Value))]
		if !ok {
			*probs = append(*probs, *problemf(v.Line, "calendar.weekend: %q is not a day of the week; write its English name in lower case, such as saturday", v.Value))
			continue
		}
		days = append(days, d)
	}
	return days
}

func convert[T ~string](in []string) []T {
	var out []T
	for _, s := range in {
		out = append(out, T(s))
	}
	return out
}
