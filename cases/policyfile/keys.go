package policyfile

import (
	"reflect"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// sections says, for each part of a policy file, how messages name where a
// key is.
var sections = map[reflect.Type]string{
	reflect.TypeFor[policyFile]():    "at the top level",
	reflect.TypeFor[tierFile]():      "in a tier",
	reflect.TypeFor[kindFile]():      "under a kind",
	reflect.TypeFor[fieldsFile]():    "under intake or escalation",
	reflect.TypeFor[deadlinesFile](): "under deadlines",
	reflect.TypeFor[calendarFile]():  "under calendar",
	reflect.TypeFor[externalFile]():  "in an external body entry",
}

// unknownKeys returns a problem for every key in n, the YAML of a value of
// type t, that t does not have, with the keys allowed there. The decoder's
// own check does not reach into the parts of a file that take more than one
// form (kinds:, intake:, escalation:), so this one walks it all.
func unknownKeys(n *yaml.Node, t reflect.Type, where string) []Problem {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch {
	case t == reflect.TypeFor[kindsFile]() && n.Kind == yaml.MappingNode:
		var out []Problem
		for i := 1; i < len(n.Content); i += 2 {
			out = append(out, unknownKeys(n.Content[i], reflect.TypeFor[kindFile](), "")...)
		}
		return out
	case t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode:
		var out []Problem
		for _, e := range n.Content {
			out = append(out, unknownKeys(e, t.Elem(), "")...)
		}
		return out
	case t.Kind() != reflect.Struct || n.Kind != yaml.MappingNode || t == reflect.TypeFor[located]():
		return nil
	}
	if where == "" {
		where = sections[t]
	}
	var out []Problem
	for i := 0; i+1 < len(n.Content); i += 2 {
		key := n.Content[i]
		f, ok := fieldFor(t, key.Value)
		if !ok {
			out = append(out, *problemf(key.Line, "%q is not a policy key %s; use one of %s", key.Value, where, strings.Join(keysOf(t), ", ")))
			continue
		}
		out = append(out, unknownKeys(n.Content[i+1], f.Type, "")...)
	}
	return out
}

// fieldFor returns the field of struct t whose YAML key is key.
func fieldFor(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		if f := t.Field(i); f.Tag.Get("yaml") == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// keysOf lists the YAML keys of struct t, in order.
func keysOf(t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		keys = append(keys, t.Field(i).Tag.Get("yaml"))
	}
	return keys
}

// lineOf returns the line of the policy file, whose document is doc, that
// a problem's key ("deadlines.answer_cap", "tiers.1", "kinds.feedback")
// points at: each part names a key of a map, the index of a list item or a
// value in a list. A part the file does not have is passed over, so the
// line is that of the closest part it has.
func lineOf(doc *yaml.Node, key string) int {
	n, line := doc, doc.Line
	for _, part := range strings.Split(key, ".") {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == part {
					line, n = n.Content[i].Line, n.Content[i+1]
					break
				}
			}
		case yaml.SequenceNode:
			i, err := strconv.Atoi(part)
			if err != nil {
				i = slices.IndexFunc(n.Content, func(e *yaml.Node) bool { return e.Value == part })
			}
			if i >= 0 && i < len(n.Content) {
				n = n.Content[i]
				line = n.Line
			}
		}
	}
	return line
}
