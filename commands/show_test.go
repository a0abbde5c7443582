package commands_test

import (
	"slices"
	"testing"
)

// TestShowClosed: show on a closed case says how it ended, the register's
// entries with it, before the latest entries.
func TestShowClosed(t *testing.T) {
	hs := MustHarness(t, "hosting-vn")
	id := hs.open()
	hs.ok("ann", "resolve "+id+` outcome:rejected The invoice was right cause:"misread invoice" remedy:"explained the lines" lessons:"clearer invoices"`)
	r := hs.ok("ann", "show "+id).Reply
	fields(t, r, map[string]string{"Status": "closed", "Outcome": "rejected", "Root cause": "misread invoice",
		"Remedy": "explained the lines", "Lessons": "clearer invoices"})
	names := fieldNames(r)
	if i, j := slices.Index(names, "Outcome"), slices.Index(names, "Latest"); i < 0 || j != len(names)-1 || i > j {
		t.Errorf("fields %v: want the outcome before the latest entries, which come last", names)
	}
}
