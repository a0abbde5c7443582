package commands

// TokenizeSteps splits s into words as Parse does and returns how many
// steps (runes decoded, bytes compared) that took.
func TokenizeSteps(s string) int {
	sc := newScanner(s)
	sc.tokens() //nolint:errcheck // only the work counts here
	return sc.steps
}
