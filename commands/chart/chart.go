// Package chart draws the picture that goes with a manager's summary: the
// cases received and closed per day or per week as bars, and the share of
// steps done on time as a line on a second axis, as a PNG readable at chat
// preview size.
package chart

import (
	"bytes"
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/ombud/ombud/cases"
)

// Width and Height are the size of the PNG in pixels.
const (
	Width  = 1000
	Height = 500
)

// dpi is the resolution the chart is drawn at; font sizes are in points.
const dpi = 96

// The colours of the series.
var (
	receivedColour = color.RGBA{R: 0x4c, G: 0x78, B: 0xa8, A: 0xff}
	closedColour   = color.RGBA{R: 0x9e, G: 0xc9, B: 0xe2, A: 0xff}
	onTimeColour   = color.RGBA{R: 0xe1, G: 0x57, B: 0x59, A: 0xff}
)

// rateTop is the top of the on-time axis, in percent: above 100, so that
// the line stays clear of the legend.
const rateTop = 125

// rightAxis is the room kept on the right for the on-time axis.
var rightAxis = vg.Points(48)

// Render draws buckets, as Service.Trend returns them with their starts in
// the policy's zone, as a PNG titled title. Daily buckets are labelled
// with their date, weekly ones with their week's first date.
func Render(title string, buckets []cases.Bucket, daily bool) ([]byte, error) {
	if len(buckets) == 0 {
		return nil, fmt.Errorf("chart: no days to draw")
	}
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = 14
	p.Y.Label.Text = "cases"
	p.X.Label.Text = xLabel(buckets, daily)
	p.Y.Min = 0
	p.Legend.Top, p.Legend.Left = true, true
	p.Add(plotter.NewGrid())

	width := vg.Points(240 / float64(len(buckets))) // of about 640 points for the data
	received, closed := make(plotter.Values, len(buckets)), make(plotter.Values, len(buckets))
	for i, b := range buckets {
		received[i], closed[i] = float64(b.Received), float64(b.Closed)
	}
	for _, s := range []struct {
		name   string
		values plotter.Values
		colour color.Color
		offset vg.Length
	}{{"received", received, receivedColour, -width / 2}, {"closed", closed, closedColour, width / 2}} {
		bars, err := plotter.NewBarChart(s.values, width)
		if err != nil {
			return nil, fmt.Errorf("chart: %w", err)
		}
		bars.Color, bars.LineStyle.Width, bars.Offset = s.colour, 0, s.offset
		p.Add(bars)
		p.Legend.Add(s.name, bars)
	}
	p.NominalX(labels(buckets, daily)...)
	p.X.Min, p.X.Max = -0.5, float64(len(buckets))-0.5
	p.Y.Max = math.Max(p.Y.Max*1.4, 1) // room for the legend
	legend := plotter.NewFunction(func(float64) float64 { return 0 })
	legend.Color, legend.Width = onTimeColour, vg.Points(2)
	p.Legend.Add("on time, % (right axis)", legend)

	img := vgimg.NewWith(vgimg.UseWH(Width*vg.Inch/dpi, Height*vg.Inch/dpi), vgimg.UseDPI(dpi),
		vgimg.UseBackgroundColor(color.White))
	c := draw.Crop(draw.New(img), 0, -rightAxis, 0, 0)
	p.Draw(c)
	if err := drawOnTime(p, p.DataCanvas(c), buckets); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	return buf.Bytes(), nil
}

// xLabel names the x axis: the unit of the buckets and the zone of their
// dates.
func xLabel(buckets []cases.Bucket, daily bool) string {
	unit := "week (from its Monday)"
	if daily {
		unit = "day"
	}
	return fmt.Sprintf("%s, %s time", unit, buckets[0].Start.Location())
}

// labels returns the x-axis labels: each bucket's first date, leaving out
// enough of them that the rest stay readable.
func labels(buckets []cases.Bucket, daily bool) []string {
	every := (len(buckets) + 15) / 16
	out := make([]string, len(buckets))
	for i, b := range buckets {
		if i%every != 0 {
			continue
		}
		out[i] = b.Start.Format("2 Jan")
		if !daily && i == 0 {
			out[i] = b.Start.Format("2 Jan 2006")
		}
	}
	return out
}

// drawOnTime draws the on-time share of each bucket as a line in the data
// area dc of p, in percent, with its axis on the right. A bucket
// with nothing counted yet leaves a gap.
func drawOnTime(p *plot.Plot, dc draw.Canvas, buckets []cases.Bucket) error {
	scale := plot.New()
	scale.X.Min, scale.X.Max = p.X.Min, p.X.Max
	scale.Y.Min, scale.Y.Max = 0, rateTop
	var run plotter.XYs
	flush := func() error {
		if len(run) == 0 {
			return nil
		}
		line, points, err := plotter.NewLinePoints(run)
		if err != nil {
			return fmt.Errorf("chart: %w", err)
		}
		line.Color, line.Width = onTimeColour, vg.Points(2)
		points.Color, points.Shape, points.Radius = onTimeColour, draw.CircleGlyph{}, vg.Points(3)
		line.Plot(dc, scale)
		points.Plot(dc, scale)
		run = nil
		return nil
	}
	for i, b := range buckets {
		rate, ok := b.Rate()
		if !ok {
			if err := flush(); err != nil {
				return err
			}
			continue
		}
		run = append(run, plotter.XY{X: float64(i), Y: rate * 100})
	}
	if err := flush(); err != nil {
		return err
	}
	drawRightAxis(p, dc)
	return nil
}

// drawRightAxis draws the 0–100 % axis along the right edge of the data
// area dc, in the style of p's left axis.
func drawRightAxis(p *plot.Plot, dc draw.Canvas) {
	x := dc.Max.X
	dc.StrokeLine2(p.Y.LineStyle, x, dc.Min.Y, x, dc.Max.Y)
	style := p.Y.Tick.Label
	style.XAlign, style.YAlign = draw.XLeft, draw.YCenter
	for v := 0; v <= 100; v += 25 {
		y := dc.Y(float64(v) / rateTop)
		dc.StrokeLine2(p.Y.Tick.LineStyle, x, y, x+p.Y.Tick.Length, y)
		dc.FillText(style, vg.Point{X: x + p.Y.Tick.Length + vg.Points(2), Y: y}, fmt.Sprintf("%d%%", v))
	}
}
