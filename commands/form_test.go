package commands_test

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/cases/policyfile"
)

// submit sends the values of open's form as the console user who.
func (hs *harness) submit(who, text string, values map[string]string) bot.Response {
	hs.t.Helper()
	return hs.h.Handle(context.Background(), bot.Request{Platform: "console", UserID: who, UserName: who, Text: text, Values: values})
}

// fieldErrors fails the test unless resp refuses a form with a message by
// each field of want containing want's text, and by no other field.
func fieldErrors(t *testing.T, resp bot.Response, want map[string]string) {
	t.Helper()
	r := resp.Reply
	if !r.Error || r.Visibility != bot.Private || r.Topic != "" {
		t.Fatalf("reply %+v; want a private refusal about no case", r)
	}
	if got, keys := slices.Sorted(maps.Keys(r.FieldErrors)), slices.Sorted(maps.Keys(want)); !slices.Equal(got, keys) {
		t.Errorf("field errors %v, want them for %v", r.FieldErrors, keys)
	}
	for key, says := range want {
		if !strings.Contains(r.FieldErrors[key], says) || !strings.Contains(r.Text, key+": "+r.FieldErrors[key]) {
			t.Errorf("field %s: %q (text %q), want it to say %q", key, r.FieldErrors[key], r.Text, says)
		}
	}
}

// MustRequiringHarness returns a harness for registrar-no as a desk that
// requires at intake what the preset only asks for.
func MustRequiringHarness(t *testing.T) *harness {
	t.Helper()
	p, err := policyfile.Load("registrar-no")
	if err != nil {
		t.Fatal(err)
	}
	p.Intake = cases.FieldRules{Require: p.Intake.Ask}
	return MustHarnessFor(t, p)
}

func TestOpenWithoutTextAsksWithAForm(t *testing.T) {
	hs := MustRequiringHarness(t)
	r := hs.ok("ann", "open").Reply
	f := r.Form
	if f == nil || r.Visibility != bot.Private || f.Command != "open" || f.Title == "" || len([]rune(f.Title)) > 24 || f.Submit == "" {
		t.Fatalf("/case open = %+v, want a private reply with a form for open", r)
	}
	var got []string
	for _, ff := range f.Fields {
		got = append(got, ff.Key)
		if wantRequired := ff.Key != "account"; ff.Required != wantRequired || ff.Label == "" {
			t.Errorf("field %+v: want a label, required %v (registrar-no requires name, contact, subject and description)", ff, wantRequired)
		}
	}
	if !slices.Equal(got, []string{"summary", "from", "subject"}) {
		t.Errorf("form fields %v, want summary, from, subject", got)
	}
	if !strings.Contains(r.Text, "/case open [complaint|abuse|feedback] <summary>") || !strings.Contains(r.Text, "requires at intake: name, contact, subject, description") {
		t.Errorf("the form's text does not say what to type instead:\n%s", r.Text)
	}
	if hs.ok("ann", "new  ").Reply.Form == nil {
		t.Errorf("the alias with blank text gives no form")
	}

	// The preset asks for these fields: the form shows them, not required.
	r = MustHarness(t, "registrar-no").ok("ann", "open").Reply
	for _, ff := range r.Form.Fields {
		if ff.Required != (ff.Key == "summary") {
			t.Errorf("registrar-no's form: field %s required %v", ff.Key, ff.Required)
		}
	}
	if !strings.Contains(r.Text, "asks for: name, contact, subject, description; the case opens without them") {
		t.Errorf("the form's text does not say what is asked for:\n%s", r.Text)
	}
}

func TestFormFieldsAreArguments(t *testing.T) {
	hs := MustHarness(t, "registrar-no")
	for _, cmd := range hs.h.Registry().Commands() {
		if cmd.Form == nil {
			continue
		}
		resp := hs.ok("ann", cmd.Name)
		for _, ff := range resp.Reply.Form.Fields {
			values := map[string]string{ff.Key: "x"}
			if errs := hs.submit("ann", cmd.Name, values).Reply.FieldErrors; strings.Contains(errs[ff.Key], "takes no value") {
				t.Errorf("%s's form field %s is neither an argument nor an option of it", cmd.Name, ff.Key)
			}
		}
	}
}

func TestFormSubmission(t *testing.T) {
	hs := MustHarness(t, "registrar-no")
	summary := `Invoice "charged" twice: see note: reason:"none"`
	resp := hs.submit("ann", "open", map[string]string{"summary": summary, "from": "Kari Nordmann <kari@example.no>", "subject": " example.no ", "account": ""})
	public(t, resp, "C-2026-0001 opened")
	c := hs.get("C-2026-0001")
	if c.Description != summary || c.Subject != "example.no" || c.Complainant.Contact != "kari@example.no" || c.Complainant.Account != "" {
		t.Errorf("stored %q, %q, %+v; want the values as entered, without parsing", c.Description, c.Subject, c.Complainant)
	}
}

func TestFormFieldErrors(t *testing.T) {
	hs := MustRequiringHarness(t)
	tests := []struct {
		name   string
		text   string
		values map[string]string
		want   map[string]string
	}{
		{"required left blank", "open", map[string]string{"summary": "  ", "from": "Kari <kari@example.no>", "subject": "x.no"},
			map[string]string{"summary": "This is required."}},
		{"intake the policy requires", "open", map[string]string{"summary": "Slow"},
			map[string]string{"from": "Policy registrar-no requires the complainant's name and contact", "subject": "Policy registrar-no requires this"}},
		{"contact without a name", "open", map[string]string{"summary": "Slow", "from": "kari@example.no", "subject": "x.no"},
			map[string]string{"from": "requires the complainant's name and contact"}},
		{"malformed from", "open", map[string]string{"summary": "Slow", "from": "Kari <", "subject": "x.no"},
			map[string]string{"from": `is not "Name <contact>"`}},
		{"enum value", "open", map[string]string{"summary": "Slow", "kind": "rant", "priority": "urgent"},
			map[string]string{"kind": `"rant" is not allowed; use complaint, abuse, feedback.`, "priority": `"urgent" is not allowed; use low, normal, high.`}},
		{"unknown key", "open", map[string]string{"summary": "Slow", "colour": "red"},
			map[string]string{"colour": "open takes no value colour."}},
		{"received in the future", "open", map[string]string{"summary": "Slow", "from": "Kari <k@x.no>", "subject": "x.no", "received": "nonsense"},
			map[string]string{"received": "is not a time ombud can read"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fieldErrors(t, hs.submit("ann", tt.text, tt.values), tt.want)
		})
	}
	// Nothing was saved: the first case opened now is number 1.
	resp := hs.submit("ann", "open", map[string]string{"summary": "Slow", "from": "Kari <kari@example.no>", "subject": "x.no"})
	public(t, resp, "C-2026-0001 opened")
}

func TestFormSubmissionNamesItsSubcommandAlone(t *testing.T) {
	hs := MustHarness(t, "standard")
	r := hs.submit("ann", "open abuse", map[string]string{"summary": "Slow"}).Reply
	if !r.Error || r.FieldErrors != nil || !strings.Contains(r.Text, `names its subcommand alone, not "abuse"`) {
		t.Errorf("reply %+v, want a refusal naming the extra text", r)
	}
	// A refusal that is no one field's fault is not shown by a field.
	hs.ok("ann", "open Slow")
	r = hs.submit("ann", "ack", map[string]string{"id": "C-2026-0009"}).Reply
	if !r.Error || r.FieldErrors != nil || !strings.Contains(r.Text, "there is no case C-2026-0009") {
		t.Errorf("reply %+v, want a plain refusal", r)
	}
	fieldErrors(t, hs.submit("ann", "ack", map[string]string{}), map[string]string{"id": "This is required."})
}

// TestAnswerForm: the Answer button's command, a case alone, asks for the
// answer in a form for that case, named in full however it was shortened;
// the form's submission answers that case, whatever its values claim, and
// a blank answer is refused by its field. A case that does not exist is
// refused before any form, and an answer typed in full is run as ever.
func TestAnswerForm(t *testing.T) {
	hs := MustHarness(t, "standard")
	hs.ok("ann", "open Invoice charged twice from:kari@example.no")
	hs.ok("ann", "open Domain not renewed from:ola@example.no")
	resp := hs.ok("ann", "answer 1")
	f := resp.Reply.Form
	if f == nil || f.Command != "answer C-2026-0001" || len(f.Fields) != 1 || f.Fields[0].Key != "text" || !f.Fields[0].Required || resp.Reply.Visibility != bot.Private {
		t.Fatalf("answer with the case alone = %+v, want a private form for C-2026-0001's answer", resp.Reply)
	}
	if c := hs.get("C-2026-0001"); c.Status != cases.StatusOpen {
		t.Errorf("asking for the answer changed the case: %s", c.Status)
	}
	fieldErrors(t, hs.submit("ann", f.Command, map[string]string{"text": "  "}), map[string]string{"text": "This is required."})
	resp = hs.submit("ann", f.Command, map[string]string{"id": "C-2026-0002", "text": "We refunded the second charge."})
	public(t, resp, "C-2026-0001 answered")
	if a, b := hs.get("C-2026-0001"), hs.get("C-2026-0002"); a.Status != cases.StatusAnswered || b.Status != cases.StatusOpen {
		t.Errorf("after the form: C-2026-0001 %s, C-2026-0002 %s; want the form's case answered alone", a.Status, b.Status)
	}
	hs.refused("ann", "answer C-2026-0099", "C-2026-0099")
	public(t, hs.ok("ann", "answer 2 re:renewal done"), "C-2026-0002 answered")
	if got := hs.submit("ann", "answer C-2026-0002 more words", map[string]string{"text": "x"}); !got.Reply.Error {
		t.Errorf("a submission naming more than its case was taken: %+v", got.Reply)
	}
}
