// Package bottest holds what the tests of ombud's platform adapters and
// commands share: golden files for rendered replies.
package bottest

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// update makes MustMatchGolden rewrite the golden files: go test -update.
var update = flag.Bool("update", false, "rewrite golden files")

// MustMatchGolden fails tb unless got equals testdata/name.golden; with
// -update it rewrites the file instead.
func MustMatchGolden(tb testing.TB, name, got string) {
	tb.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		tb.Errorf("%s differs (run go test -update to accept):\n--- got\n%s--- want\n%s", path, got, want)
	}
}
