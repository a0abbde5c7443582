package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ombud/ombud/cases"
)

// figuresSchema creates the figures table: one row per case with its
// cases.Figures and the fields summaries break them down by, as columns
// that summaries group and count in SQL. Times are Unix milliseconds, NULL
// when not set, so that a comparison never matches them.
var figuresSchema = []string{
	`CREATE TABLE figures (
		case_id         TEXT PRIMARY KEY,
		kind            TEXT NOT NULL,
		category        TEXT NOT NULL,
		channel         TEXT NOT NULL,
		status          TEXT NOT NULL,
		tier            INTEGER NOT NULL,
		outcome         TEXT NOT NULL,
		received_at     INTEGER NOT NULL,
		received_day    TEXT NOT NULL,
		received_week   TEXT NOT NULL,
		closed_at       INTEGER,
		closed_day      TEXT NOT NULL,
		closed_week     TEXT NOT NULL,
		agent           TEXT NOT NULL,
		reviewer        TEXT NOT NULL,
		tier_reached    INTEGER NOT NULL,
		answers         INTEGER NOT NULL,
		ack             TEXT NOT NULL,
		ack_due         INTEGER,
		ack_at          INTEGER,
		ack_days        REAL NOT NULL,
		answer          TEXT NOT NULL,
		answer_due      INTEGER,
		answer_at       INTEGER,
		answer_days     REAL NOT NULL,
		late            INTEGER NOT NULL,
		obligation_due  INTEGER,
		obligation_kind TEXT NOT NULL,
		root_cause      TEXT NOT NULL,
		lessons         TEXT NOT NULL
	) STRICT`,
	`CREATE INDEX figures_received ON figures (received_at)`,
	`CREATE INDEX figures_closed ON figures (closed_at)`,
	`CREATE INDEX figures_obligation ON figures (obligation_due)`,
}

// addFigures creates the figures table, added in schema 2, and fills it
// from the documents of the cases already stored: with the figures they
// hold, which the service works out afresh for those stored without (see
// cases.Service.RefigureAll).
func addFigures(ctx context.Context, tx *sql.Tx) error {
	if err := execAll(ctx, tx, figuresSchema); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT doc FROM documents`)
	if err != nil {
		return err
	}
	var all []*cases.Case
	for rows.Next() {
		var doc []byte
		if err := rows.Scan(&doc); err != nil {
			rows.Close()
			return err
		}
		c, err := (&stored{doc: doc}).decode()
		if err != nil {
			rows.Close()
			return err
		}
		all = append(all, c)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	for _, c := range all {
		if err := putFigures(ctx, tx, c); err != nil {
			return err
		}
	}
	return nil
}

// figureColumns maps each figure to its column.
var figureColumns = map[cases.Figure]string{
	cases.FigureKind: "kind", cases.FigureCategory: "category", cases.FigureChannel: "channel",
	cases.FigureStatus: "status", cases.FigureTier: "tier", cases.FigureOutcome: "outcome",
	cases.FigureAgent: "agent", cases.FigureReviewer: "reviewer", cases.FigureTierReached: "tier_reached",
	cases.FigureAnswers: "answers", cases.FigureAcknowledge: "ack", cases.FigureAnswer: "answer",
	cases.FigureLate: "late", cases.FigureRootCause: "root_cause", cases.FigureReceivedDay: "received_day",
	cases.FigureReceivedWeek: "received_week", cases.FigureClosedDay: "closed_day", cases.FigureClosedWeek: "closed_week",
}

// dueColumns maps each due time to its column.
var dueColumns = map[cases.DueTime]string{
	cases.DueAcknowledge: "ack_due", cases.DueAnswer: "answer_due", cases.DueObligation: "obligation_due",
}

// figureOrders are the ORDER BY clauses of the orders of Figures.
var figureOrders = map[cases.FigureOrder]string{
	cases.ByID:            "case_id",
	cases.ByObligationDue: "obligation_due, case_id",
	cases.ByClosedLatest:  "closed_at DESC, case_id",
}

// putFigures writes c's figures row, in place of any it had.
func putFigures(ctx context.Context, tx *sql.Tx, c *cases.Case) error {
	f := c.Figures
	_, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO figures (case_id, kind, category, channel, status, tier,
		outcome, received_at, received_day, received_week, closed_at, closed_day, closed_week, agent, reviewer,
		tier_reached, answers, ack, ack_due, ack_at, ack_days, answer, answer_due, answer_at, answer_days, late,
		obligation_due, obligation_kind, root_cause, lessons)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, string(c.Kind), c.Category, string(c.Channel), string(c.Status), int(c.Tier),
		string(c.Resolution.Outcome), c.ReceivedAt.UnixMilli(), f.ReceivedDay, f.ReceivedWeek,
		millis(f.ClosedAt), f.ClosedDay, f.ClosedWeek, f.Agent, f.Reviewer,
		int(f.TierReached), f.Answers, string(f.Acknowledge.State), millis(f.Acknowledge.Due), millis(f.Acknowledge.At), f.Acknowledge.Days,
		string(f.Answer.State), millis(f.Answer.Due), millis(f.Answer.At), f.Answer.Days, f.Late,
		millis(f.ObligationDue), string(f.ObligationKind), f.RootCause, f.Lessons)
	return err
}

// millis returns t in Unix milliseconds, or nil (NULL) for the zero time.
func millis(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

// fromMillis returns the time of Unix milliseconds ms in UTC, or the zero
// time for NULL.
func fromMillis(ms sql.NullInt64) time.Time {
	if !ms.Valid {
		return time.Time{}
	}
	return time.UnixMilli(ms.Int64).UTC()
}

// figureWhere returns the conditions of f, on the figures table, and
// their arguments.
func figureWhere(f cases.FigureFilter) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, arg any) {
		conds = append(conds, cond)
		if arg != nil {
			args = append(args, arg)
		}
	}
	for _, r := range []struct {
		column   string
		from, to time.Time
	}{{"received_at", f.ReceivedFrom, f.ReceivedTo}, {"closed_at", f.ClosedFrom, f.ClosedTo}} {
		if !r.from.IsZero() {
			add(r.column+" >= ?", r.from.UnixMilli())
		}
		if !r.to.IsZero() {
			add(r.column+" < ?", r.to.UnixMilli())
		}
	}
	if f.Active {
		add("status <> ?", string(cases.StatusClosed))
	}
	if f.Acknowledged {
		add("ack_at IS NOT NULL", nil)
	}
	if f.Unfigured {
		add("received_day = ''", nil)
	}
	if f.WithLessons {
		add("lessons <> ''", nil)
	}
	if f.Due != "" {
		add(dueColumns[f.Due]+" < ?", f.DueBefore.UnixMilli()) // NULL never matches
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// Tally counts the cases matching f, grouped by the figures in by, with
// GROUP BY.
func (s *Store) Tally(ctx context.Context, f cases.FigureFilter, by ...cases.Figure) ([]cases.Tally, error) {
	cols := make([]string, len(by))
	for i, fig := range by {
		col, ok := figureColumns[fig]
		if !ok {
			return nil, fmt.Errorf("tally: no figure %q", fig)
		}
		cols[i] = col
	}
	cond, args := figureWhere(f)
	q := `SELECT count(*) FROM figures` + cond
	if len(cols) > 0 {
		list := strings.Join(cols, ", ")
		q = `SELECT ` + list + `, count(*) FROM figures` + cond + ` GROUP BY ` + list
	}
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("tally cases: %w", err)
	}
	defer rows.Close()
	var out []cases.Tally
	for rows.Next() {
		values := make([]any, len(cols)+1)
		ptrs := make([]any, len(values))
		for i := range values {
			ptrs[i] = &values[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("tally cases: %w", err)
		}
		t := cases.Tally{Values: make([]string, len(cols)), N: int(values[len(cols)].(int64))}
		for i := range cols {
			t.Values[i] = text(values[i])
		}
		if t.N > 0 {
			out = append(out, t)
		}
	}
	return out, rows.Err()
}

// text formats a grouped value as a Tally gives it.
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case []byte:
		return string(v)
	default:
		return fmt.Sprint(v)
	}
}

// Figures returns the figures of the cases matching f, from the figures
// table alone.
func (s *Store) Figures(ctx context.Context, f cases.FigureFilter, order cases.FigureOrder, limit int) ([]cases.CaseFigures, error) {
	cond, args := figureWhere(f)
	q := `SELECT case_id, kind, category, channel, received_day, received_week, closed_at, closed_day, closed_week,
		agent, reviewer, tier_reached, answers, ack, ack_due, ack_at, ack_days, answer, answer_due, answer_at, answer_days,
		late, obligation_due, obligation_kind, root_cause, lessons FROM figures` + cond + ` ORDER BY ` + figureOrders[order]
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("case figures: %w", err)
	}
	defer rows.Close()
	var out []cases.CaseFigures
	for rows.Next() {
		cf, err := scanFigures(rows)
		if err != nil {
			return nil, fmt.Errorf("case figures: %w", err)
		}
		out = append(out, cf)
	}
	return out, rows.Err()
}

// PutFigures sets the figures of case id if its version is still version.
func (s *Store) PutFigures(ctx context.Context, id string, version int, f cases.Figures) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		c, err := getCase(ctx, tx, id)
		if err != nil {
			return err
		}
		if c.Version != version {
			return cases.Errorf(cases.ECONFLICT, "%s changed while its figures were worked out", id)
		}
		c.Figures = f
		r, err := toRow(c)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET doc = ? WHERE id = ?`, r.doc, id); err != nil {
			return err
		}
		return putFigures(ctx, tx, r.normal)
	})
	if err != nil {
		return fmt.Errorf("put the figures of %s: %w", id, err)
	}
	return nil
}

// scanFigures reads one row of Figures' query.
func scanFigures(rows *sql.Rows) (cases.CaseFigures, error) {
	var cf cases.CaseFigures
	f := &cf.Figures
	var closed, ackDue, ackAt, answerDue, answerAt, obligation sql.NullInt64
	err := rows.Scan(&cf.ID, &cf.Kind, &cf.Category, &cf.Channel, &f.ReceivedDay, &f.ReceivedWeek, &closed,
		&f.ClosedDay, &f.ClosedWeek, &f.Agent, &f.Reviewer, &f.TierReached, &f.Answers,
		&f.Acknowledge.State, &ackDue, &ackAt, &f.Acknowledge.Days, &f.Answer.State, &answerDue, &answerAt, &f.Answer.Days,
		&f.Late, &obligation, &f.ObligationKind, &f.RootCause, &f.Lessons)
	f.ClosedAt, f.ObligationDue = fromMillis(closed), fromMillis(obligation)
	f.Acknowledge.Due, f.Acknowledge.At = fromMillis(ackDue), fromMillis(ackAt)
	f.Answer.Due, f.Answer.At = fromMillis(answerDue), fromMillis(answerAt)
	return cf, err
}

// Scan calls fn with each case matching q, in ID order, without its
// timeline.
func (s *Store) Scan(ctx context.Context, q cases.Query, fn func(*cases.Case) error) error {
	cond, args := where(q)
	rows, err := s.read.QueryContext(ctx, `SELECT d.doc, cases.wake FROM cases JOIN documents d ON d.id = cases.id`+cond+` ORDER BY cases.id`, args...)
	if err != nil {
		return fmt.Errorf("scan cases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var st stored
		if err := rows.Scan(&st.doc, &st.wake); err != nil {
			return fmt.Errorf("scan cases: %w", err)
		}
		c, err := st.decode()
		if err != nil {
			return fmt.Errorf("scan cases: %w", err)
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("scan cases: %w", err)
	}
	return nil
}
