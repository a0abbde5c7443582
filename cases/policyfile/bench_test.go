package policyfile_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ombud/ombud/cases/policyfile"
)

// BenchmarkParse reads the largest preset: the YAML, the key check over its
// node tree, the conversion and every validation.
func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("presets", "registrar-de.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := policyfile.Parse(data, "registrar-de.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}
