// Package storebench measures the stores side by side: Get and Apply,
// list and summary at 100 to 100,000 cases, a command end to end against
// the bare store write, and a load run. It holds benchmarks only, which the
// normal test run does not start; BENCHMARKS.md has the commands and the
// figures.
package storebench
