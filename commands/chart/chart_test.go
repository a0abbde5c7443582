package chart_test

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ombud/ombud/cases"
	"github.com/ombud/ombud/commands/chart"
)

var keep = flag.Bool("keep", false, "write the charts the tests draw to the temporary directory, to look at them")

// MustBuckets returns n days or weeks from Monday 2 March 2026 in Oslo,
// with counts that vary and a gap in the on-time line.
func MustBuckets(tb testing.TB, n int, daily bool) []cases.Bucket {
	tb.Helper()
	loc, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]cases.Bucket, n)
	for i := range out {
		start := time.Date(2026, 3, 2, 0, 0, 0, 0, loc).AddDate(0, 0, i*map[bool]int{true: 1, false: 7}[daily])
		out[i] = cases.Bucket{Start: start, Received: 3 + i%5, Closed: 2 + i%3, OnTime: i % 4, Counted: 3}
		if i == 2 {
			out[i].Counted = 0 // nothing due yet: a gap
		}
	}
	return out
}

// MustDecode decodes a PNG and checks its size.
func MustDecode(tb testing.TB, data []byte) image.Image {
	tb.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		tb.Fatalf("not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != chart.Width || b.Dy() != chart.Height {
		tb.Fatalf("size %dx%d, want %dx%d", b.Dx(), b.Dy(), chart.Width, chart.Height)
	}
	return img
}

// near counts the pixels of img within a small distance of c.
func near(img image.Image, c color.RGBA) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if absDiff(r>>8, c.R) < 48 && absDiff(g>>8, c.G) < 48 && absDiff(bl>>8, c.B) < 48 {
				n++
			}
		}
	}
	return n
}

func absDiff(a uint32, b uint8) uint32 {
	if a > uint32(b) {
		return a - uint32(b)
	}
	return uint32(b) - a
}

// TestRender draws a month by day and a year by week, and checks that
// each is a 1000×500 PNG showing the bars of both series and the line.
func TestRender(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name  string
		n     int
		daily bool
	}{{"daily", 31, true}, {"weekly", 53, false}, {"one day", 1, true}} {
		data, err := chart.Render("Cases, March 2026", MustBuckets(t, tt.n, tt.daily), tt.daily)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if *keep {
			name := filepath.Join(os.TempDir(), "ombud-chart-"+strings.ReplaceAll(tt.name, " ", "-")+".png")
			if err := os.WriteFile(name, data, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Log("wrote", name)
		}
		img := MustDecode(t, data)
		for _, c := range []struct {
			what   string
			colour color.RGBA
			least  int
		}{
			{"received bars", color.RGBA{0x4c, 0x78, 0xa8, 0xff}, 5000},
			{"closed bars", color.RGBA{0x9e, 0xc9, 0xe2, 0xff}, 3000},
			{"on-time line", color.RGBA{0xe1, 0x57, 0x59, 0xff}, 40}, // one day: a dot
			{"white background", color.RGBA{0xff, 0xff, 0xff, 0xff}, chart.Width * chart.Height / 3},
			{"black text and axes", color.RGBA{0, 0, 0, 0xff}, 600},
		} {
			if n := near(img, c.colour); n < c.least {
				t.Errorf("%s: %d pixels of the %s, want at least %d", tt.name, n, c.what, c.least)
			}
		}
	}
}

// TestRenderNothing refuses to draw no buckets at all.
func TestRenderNothing(t *testing.T) {
	t.Parallel()
	if _, err := chart.Render("x", nil, true); err == nil {
		t.Error("drew a chart of nothing")
	}
}

// TestRenderEmpty draws a period with no cases: still a chart, with axes.
func TestRenderEmpty(t *testing.T) {
	t.Parallel()
	b := MustBuckets(t, 7, true)
	for i := range b {
		b[i] = cases.Bucket{Start: b[i].Start}
	}
	data, err := chart.Render("Nothing yet", b, true)
	if err != nil {
		t.Fatal(err)
	}
	if n := near(MustDecode(t, data), color.RGBA{0, 0, 0, 0xff}); n < 800 {
		t.Errorf("an empty period drew %d black pixels; want axes and labels", n)
	}
}
