// Package policyfile reads complaint policies from YAML: the presets shipped
// inside the binary, and policy files a team writes for its own procedure.
package policyfile

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ombud/ombud/cases"
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
// Every mistake it finds, an unknown key, a value it cannot read or a
// policy that fails (*cases.Policy).Validate, is reported with the line it
// is on, in one *FileError.
func Parse(data []byte, source string) (*cases.Policy, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, cases.Errorf(cases.EINVALID, "%s is not valid YAML: %s", source, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(root.Content) == 0 {
		return nil, cases.Errorf(cases.EINVALID, "%s is empty; a policy needs at least name:, tiers: and calendar:", source)
	}
	doc := root.Content[0]
	if probs := unknownKeys(doc, reflect.TypeFor[policyFile](), "at the top level"); len(probs) > 0 {
		return nil, &FileError{Source: source, Problems: probs}
	}
	var f policyFile
	if err := doc.Decode(&f); err != nil {
		return nil, &FileError{Source: source, Problems: decodeProblems(err)}
	}
	p, probs := f.policy()
	if len(probs) > 0 {
		return nil, &FileError{Source: source, Problems: probs}
	}
	for _, e := range p.Problems() {
		probs = append(probs, Problem{Line: lineOf(doc, e.Key), Message: strings.TrimPrefix(e.Message, "policy "+p.Name+": ")})
	}
	if len(probs) > 0 {
		return nil, &FileError{Source: source, Problems: probs}
	}
	return p, nil
}

// Problem is one mistake in a policy file.
type Problem struct {
	Line    int // 0 when it cannot be pinned to a line
	Message string
}

// Error implements the error interface: "line 12: …".
func (p *Problem) Error() string {
	if p.Line == 0 {
		return p.Message
	}
	return fmt.Sprintf("line %d: %s", p.Line, p.Message)
}

// problemf returns a *Problem on line with a formatted message.
func problemf(line int, format string, args ...any) *Problem {
	return &Problem{Line: line, Message: fmt.Sprintf(format, args...)}
}

// FileError lists the mistakes in a policy file. It reads as one message
// per line, each naming the file and its line, and is an EINVALID error.
type FileError struct {
	Source   string
	Problems []Problem
}

// Error implements the error interface.
func (e *FileError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = e.Source + ": " + p.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets cases.ErrorCode and cases.ErrorMessage see a FileError as
// EINVALID.
func (e *FileError) Unwrap() error { return &cases.Error{Code: cases.EINVALID, Message: e.Error()} }

// decodeProblems turns a decoding error into problems, one per message.
func decodeProblems(err error) []Problem {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return []Problem{{Message: err.Error()}}
	}
	out := make([]Problem, len(te.Errors))
	for i, m := range te.Errors {
		var line int
		if n, _ := fmt.Sscanf(m, "line %d:", &line); n == 1 {
			m = strings.TrimSpace(m[strings.Index(m, ":")+1:])
		}
		out[i] = Problem{Line: line, Message: m}
	}
	return out
}
