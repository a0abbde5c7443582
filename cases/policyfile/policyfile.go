// Package policyfile reads complaint policies from YAML: the presets shipped
// inside the binary, and policy files a team writes for its own procedure.
package policyfile

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"reflect"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/calendar"
)

//go:embed presets/*.yaml
var presets embed.FS

// Presets returns the names of the shipped policies, sorted.
func Presets() []string {
	entries, err := presets.ReadDir("presets")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	var names []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".yaml"); ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// Load returns the preset called nameOrPath or, when no preset has that name
// and the argument looks like a file path (it contains a path separator or
// ends in .yaml or .yml), the policy in that file. Anything else is an
// ENOTFOUND error that lists the presets.
func Load(nameOrPath string) (*cases.Policy, error) {
	if slices.Contains(Presets(), nameOrPath) {
		src := "presets/" + nameOrPath + ".yaml"
		data, err := presets.ReadFile(src)
		if err != nil {
			return nil, fmt.Errorf("read preset %s: %w", nameOrPath, err)
		}
		return Parse(data, src)
	}
	if !looksLikePath(nameOrPath) {
		return nil, cases.Errorf(cases.ENOTFOUND,
			"there is no policy preset called %q; the presets are %s. A policy file works too: give its path, such as ./policy.yaml",
			nameOrPath, strings.Join(Presets(), ", "))
	}
	data, err := os.ReadFile(nameOrPath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, cases.Errorf(cases.ENOTFOUND,
			"there is no policy file at %s; check the path, or use a preset: %s", nameOrPath, strings.Join(Presets(), ", "))
	case err != nil:
		return nil, cases.Errorf(cases.EINVALID, "cannot read policy file %s: %v", nameOrPath, err)
	}
	return Parse(data, nameOrPath)
}

func looksLikePath(s string) bool {
	return strings.ContainsRune(s, os.PathSeparator) || strings.Contains(s, "/") ||
		strings.HasSuffix(s, ".yaml") || strings.HasSuffix(s, ".yml")
}

// Parse reads a policy from YAML. source names the file in error messages.
// Unknown keys are errors, and so is any policy that fails
// (*cases.Policy).Validate.
func Parse(data []byte, source string) (*cases.Policy, error) {
	var f policyFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, decodeError(source, err)
	}
	p, err := f.policy()
	if err != nil {
		return nil, cases.Errorf(cases.EINVALID, "%s: %s", source, cases.ErrorMessage(err))
	}
	if err := p.Validate(); err != nil {
		if cases.ErrorCode(err) == cases.EINTERNAL {
			return nil, fmt.Errorf("%s: %w", source, err)
		}
		return nil, &cases.Error{Code: cases.ErrorCode(err), Message: source + ": " + cases.ErrorMessage(err)}
	}
	return p, nil
}

// decodeError turns a YAML decoding error into one that names the file and,
// for an unknown key, lists the keys that are allowed there.
func decodeError(source string, err error) error {
	var te *yaml.TypeError
	switch {
	case errors.Is(err, io.EOF):
		return cases.Errorf(cases.EINVALID, "%s is empty; a policy needs at least name:, tiers: and calendar:", source)
	case errors.As(err, &te):
		msgs := make([]string, len(te.Errors))
		for i, m := range te.Errors {
			msgs[i] = unknownKey(m)
		}
		return cases.Errorf(cases.EINVALID, "%s: %s", source, strings.Join(msgs, "; "))
	default:
		return cases.Errorf(cases.EINVALID, "%s is not valid YAML: %s", source, strings.TrimPrefix(err.Error(), "yaml: "))
	}
}

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
	Kinds        []string       `yaml:"kinds"`
	Channels     []string       `yaml:"channels"`
	Categories   []string       `yaml:"categories"`
	Independence string         `yaml:"independence"`
	WarnAt       float64        `yaml:"warn_at"`
	Deadlines    deadlinesFile  `yaml:"deadlines"`
	Calendar     calendarFile   `yaml:"calendar"`
	Intake       []string       `yaml:"intake"`
	Escalation   []string       `yaml:"escalation"`
	External     []externalFile `yaml:"external"`
}

type tierFile struct {
	Name  string `yaml:"name"`
	Title string `yaml:"title"`
}

type deadlinesFile struct {
	Acknowledge      located `yaml:"acknowledge"`
	Answer           located `yaml:"answer"`
	AnswerCap        located `yaml:"answer_cap"`
	Update           located `yaml:"update"`
	EscalationWindow located `yaml:"escalation_window"`
	Review           located `yaml:"review"`
	FinalWindow      located `yaml:"final_window"`
	Final            located `yaml:"final"`
	PauseMovesCap    bool    `yaml:"pause_moves_cap"`
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
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: expected a single value here, not a list or a map", n.Line)}}
	}
	l.Value, l.Line = n.Value, n.Line
	return nil
}

// policy converts the file form to a cases.Policy, filling in what the file
// leaves out so that the policy says everything it runs on: independence
// person, and the defaults of calendar.New for the weekend (Saturday and
// Sunday) and business hours (08:00 to 16:00).
func (f *policyFile) policy() (*cases.Policy, error) {
	p := &cases.Policy{
		Name: f.Name, Title: f.Title, Source: f.Source, Categories: f.Categories,
		Independence: cases.Independence(f.Independence), WarnAt: f.WarnAt,
		Calendar: calendar.Spec{
			Zone: f.Calendar.Zone, Opens: f.Calendar.Opens, Closes: f.Calendar.Closes,
			Holidays: f.Calendar.Holidays, Closures: f.Calendar.Closures,
		},
	}
	if p.Independence == "" {
		p.Independence = cases.IndependentPerson
	}
	for _, t := range f.Tiers {
		p.Tiers = append(p.Tiers, cases.TierSpec{Name: t.Name, Title: t.Title})
	}
	p.Kinds = convert[cases.Kind](f.Kinds)
	p.Channels = convert[cases.Channel](f.Channels)
	p.Intake = convert[cases.Field](f.Intake)
	p.Escalation = convert[cases.Field](f.Escalation)
	for _, e := range f.External {
		p.External = append(p.External, cases.ExternalBody{Name: e.Name, URL: e.URL, Handles: e.Handles})
	}
	var err error
	if p.Deadlines, err = f.Deadlines.deadlines(); err != nil {
		return nil, err
	}
	if p.Calendar.Weekend, err = f.Calendar.weekend(); err != nil {
		return nil, err
	}
	p.Calendar = p.Calendar.WithDefaults()
	return p, nil
}

func (f *deadlinesFile) deadlines() (cases.Deadlines, error) {
	d := cases.Deadlines{PauseMovesCap: f.PauseMovesCap}
	for _, x := range []struct {
		field string
		from  located
		to    *calendar.Duration
	}{
		{"acknowledge", f.Acknowledge, &d.Acknowledge},
		{"answer", f.Answer, &d.Answer},
		{"answer_cap", f.AnswerCap, &d.AnswerCap},
		{"update", f.Update, &d.Update},
		{"escalation_window", f.EscalationWindow, &d.EscalationWindow},
		{"review", f.Review, &d.Review},
		{"final_window", f.FinalWindow, &d.FinalWindow},
		{"final", f.Final, &d.Final},
	} {
		v, err := calendar.ParseDuration(x.from.Value)
		if err != nil {
			return d, cases.Errorf(cases.EINVALID, "line %d: deadlines.%s: %s", x.from.Line, x.field, cases.ErrorMessage(err))
		}
		*x.to = v
	}
	return d, nil
}

func (f *calendarFile) weekend() ([]time.Weekday, error) {
	if f.Weekend == nil {
		return nil, nil // the calendar's default
	}
	days := []time.Weekday{}
	for _, v := range f.Weekend {
		d, ok := weekdays[strings.ToLower(strings.TrimSpace(v.Value))]
		if !ok {
			return nil, cases.Errorf(cases.EINVALID,
				"line %d: calendar.weekend: %q is not a day of the week; write its English name in lower case, such as saturday", v.Line, v.Value)
		}
		days = append(days, d)
	}
	return days, nil
}

func convert[T ~string](in []string) []T {
	var out []T
	for _, s := range in {
		out = append(out, T(s))
	}
	return out
}

// keyList is a section of a policy file and the keys allowed in it.
type keyList struct {
	where string
	keys  []string
}

// keyLists holds the sections of a policy file, keyed by the type name the
// decoder reports in an unknown-key error.
var keyLists = func() map[string]keyList {
	lists := map[string]keyList{}
	for where, t := range map[string]reflect.Type{
		"at the top level":          reflect.TypeFor[policyFile](),
		"in a tier":                 reflect.TypeFor[tierFile](),
		"under deadlines":           reflect.TypeFor[deadlinesFile](),
		"under calendar":            reflect.TypeFor[calendarFile](),
		"in an external body entry": reflect.TypeFor[externalFile](),
	} {
		var keys []string
		for i := range t.NumField() {
			keys = append(keys, t.Field(i).Tag.Get("yaml"))
		}
		lists[t.String()] = keyList{where, keys}
	}
	return lists
}()

// unknownKey rewrites the decoder's "field x not found in type y" in the
// terms of a policy file and lists the keys allowed there; other messages
// pass through.
func unknownKey(msg string) string {
	var line int
	var key, typ string
	if n, _ := fmt.Sscanf(msg, "line %d: field %s not found in type %s", &line, &key, &typ); n != 3 {
		return msg
	}
	list, ok := keyLists[typ]
	if !ok {
		return msg
	}
	return fmt.Sprintf("line %d: %q is not a policy key %s; use one of %s",
		line, key, list.where, strings.Join(list.keys, ", "))
}
