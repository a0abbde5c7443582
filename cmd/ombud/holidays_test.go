package main

import "testing"

// TestPolicyHolidays lists 2026 for two presets; the expected days and the
// count were worked out by hand: 2026 has 261 weekdays, and Norway's public
// holidays take 8 of them (17 May and 26 Dec fall on the weekend).
func TestPolicyHolidays(t *testing.T) {
	status, out, errOut := runArgs(t, "policy", "holidays", "registrar-no", "--year", "2026")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	mustContain(t, "registrar-no 2026", out, "Thu 2 Apr 2026", "Mon 6 Apr 2026", "Thu 14 May 2026", "Sun 17 May 2026",
		"(on the weekend)", "Mon 25 May 2026", "Fri 25 Dec 2026", "253 business days in 2026.")

	status, out, errOut = runArgs(t, "policy", "holidays", "registrar-vn", "--year", "2026")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	mustContain(t, "registrar-vn 2026", out, "Mon 16 Feb 2026", "Tết Nguyên Đán (giao thừa)", "Tue 17 Feb 2026", "Fri 20 Feb 2026",
		"Sun 26 Apr 2026", "Mon 27 Apr 2026", "Nghỉ bù", "Thu 30 Apr 2026", "Wed 2 Sep 2026")

	for _, year := range []string{"20266", "26", "next", "2026.5", ""} {
		status, out, errOut = runArgs(t, "policy", "holidays", "registrar-no", "--year", year)
		if status != 2 || out != "" {
			t.Errorf("--year %q: status %d, stdout %q", year, status, out)
		}
		mustContain(t, "--year "+year, errOut, `--year "`+year+`" is not a year ombud can list; write one from 1900 to 2200 in four digits, such as --year `)
	}
}
