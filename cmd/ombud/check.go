package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/ombud/ombud/cases/policyfile"
	"github.com/ombud/ombud/commands"
)

// policyCheck validates a policy file: it lists every mistake with its line,
// or says the file is valid and describes the policy as ombud read it.
func policyCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("check", "FILE", stderr)
	name, status := parseOne(fs, args, stderr)
	if status >= 0 {
		return status
	}
	p, err := policyfile.Load(name)
	var fe *policyfile.FileError
	switch {
	case errors.As(err, &fe):
		fmt.Fprintln(stderr, fe.Error())
		fmt.Fprintf(stderr, "%s: %s; fix %s and run ombud policy check again\n", name, commands.Plural(len(fe.Problems), "problem"), them(len(fe.Problems)))
		return 1
	case err != nil:
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "%s is a valid policy. This is how ombud reads it:\n\n", name)
	describe(stdout, p)
	return 0
}

// them refers to n things: "it" or "them".
func them(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
