// Package register writes the register of complaints that the procedures
// promise: one row per case with its dates, each deadline and whether it
// was met, the tiers it reached, its outcome, root cause, remedy and
// lessons, as CSV a spreadsheet opens cleanly or as JSON. Complainants'
// contact details go in only when asked for.
package register

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/ombud/ombud/cases"
)

// Format is how the register is written.
type Format string

// Formats.
const (
	CSV  Format = "csv"  // UTF-8, a header row, RFC 4180 quoting, formulas defused
	JSON Format = "json" // an array of objects keyed by the CSV header's names
)

// ParseFormat parses a format name.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case CSV, JSON:
		return f, nil
	}
	return "", notAFormat(s)
}

// notAFormat says that s names no format of the register.
func notAFormat(s string) error {
	return cases.Errorf(cases.EINVALID, "%q is not a format of the register; use csv or json", s)
}

// Writer writes the register one case at a time.
type Writer struct {
	format       Format
	withContacts bool
	header       []string
	out          io.Writer
	csv          *csv.Writer
	rows         int
}

// NewWriter returns a Writer of format to w. The complainant's name,
// contact and account are written only when withContacts is set.
func NewWriter(w io.Writer, format Format, withContacts bool) (*Writer, error) {
	rw := &Writer{format: format, withContacts: withContacts, out: w, header: Header(withContacts)}
	switch format {
	case CSV:
		rw.csv = csv.NewWriter(w)
		rw.csv.UseCRLF = true // RFC 4180
		if err := rw.csv.Write(rw.header); err != nil {
			return nil, fmt.Errorf("register: %w", err)
		}
	case JSON:
		if _, err := io.WriteString(w, "["); err != nil {
			return nil, fmt.Errorf("register: %w", err)
		}
	default:
		return nil, notAFormat(string(format))
	}
	return rw, nil
}

// Header returns the names of the register's columns.
func Header(withContacts bool) []string {
	var h []string
	for _, c := range columns {
		if c.contact && !withContacts {
			continue
		}
		h = append(h, c.name)
	}
	return h
}

// Write adds case c to the register, as seen from env.
func (w *Writer) Write(c *cases.Case, env Env) error {
	var cells []string
	for _, col := range columns {
		if col.contact && !w.withContacts {
			continue
		}
		cells = append(cells, col.value(c, env))
	}
	w.rows++
	if w.format == CSV {
		for i := range cells {
			cells[i] = Defuse(cells[i])
		}
		return w.csv.Write(cells)
	}
	data, err := json.Marshal(orderedRow{keys: w.header, values: cells})
	if err != nil {
		return fmt.Errorf("register: %w", err)
	}
	sep := ",\n"
	if w.rows == 1 {
		sep = "\n"
	}
	_, err = io.WriteString(w.out, sep+string(data))
	return err
}

// Rows returns how many cases were written.
func (w *Writer) Rows() int { return w.rows }

// Close finishes the register. It does not close the underlying writer.
func (w *Writer) Close() error {
	if w.format == CSV {
		w.csv.Flush()
		return w.csv.Error()
	}
	_, err := io.WriteString(w.out, "\n]\n")
	return err
}

// Defuse makes a cell that a spreadsheet would take for a formula, one
// starting with =, +, -, @, a tab or a carriage return, plain text by
// putting an apostrophe before it.
func Defuse(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}

// orderedRow marshals as a JSON object with its keys in the header's order.
type orderedRow struct {
	keys   []string
	values []string // by key
}

// MarshalJSON implements json.Marshaler.
func (r orderedRow) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range r.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(k)
		value, err := json.Marshal(r.values[i])
		if err != nil {
			return nil, err
		}
		b.Write(key)
		b.WriteByte(':')
		b.Write(value)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}
