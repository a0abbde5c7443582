package cases

import (
	"errors"
	"fmt"

	"github.com/ombud/ombud/cases/calendar"
)

// Error codes. Every error that reaches a user carries one of these; anything
// that is not a *Error is an internal failure and is shown as such.
const (
	ENOTFOUND  = "not_found" // the case or policy does not exist
	ECONFLICT  = "conflict"  // the case is not in a state that allows the action
	EINVALID   = "invalid"   // the input is wrong
	EFORBIDDEN = "forbidden" // the actor's role or involvement forbids the action
	EINTERNAL  = "internal"  // anything else: a bug or a failing dependency
)

// Error is a domain error. Message is written for the person who typed the
// command: it says what is wrong and, where it can, what to do instead.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string { return e.Message }

// Errorf returns a *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINVALID
// for a *calendar.Error (a mistake in a calendar or a time limit), EINTERNAL
// for any other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	var ce *calendar.Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	case errors.As(err, &ce):
		return EINVALID
	default:
		return EINTERNAL
	}
}

// ErrorMessage returns the user-facing message of the first *Error or
// *calendar.Error in err's chain, or "Internal error." for any other error,
// whose details belong in the log and not in a chat channel.
func ErrorMessage(err error) string {
	var e *Error
	var ce *calendar.Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Message
	case errors.As(err, &ce):
		return ce.Message
	default:
		return "Internal error."
	}
}
