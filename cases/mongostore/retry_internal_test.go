package mongostore

import (
	"errors"
	"testing"

	"go.mongodb.org/mongo-driver/v2/mongo"
)

func TestRetryDuplicate(t *testing.T) {
	dup := mongo.CommandError{Code: 11000, Message: "E11000 duplicate key error collection: ombud.counters"}
	other := errors.New("connection reset")
	tests := []struct {
		name    string
		results []error // what the upsert returns, call by call
		calls   int
		fails   bool
	}{
		{"succeeds", []error{nil}, 1, false},
		{"duplicate key, then succeeds", []error{dup, nil}, 2, false},
		{"duplicate key twice", []error{dup, dup}, 2, true},
		{"another error", []error{other}, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			n, err := retryDuplicate(func() (int, error) {
				calls++
				if err := tt.results[calls-1]; err != nil {
					return 0, err
				}
				return 7, nil
			})
			if calls != tt.calls || (err != nil) != tt.fails || (err == nil) != (n == 7) {
				t.Errorf("retryDuplicate = %d, %v after %d calls; want %d calls, failing %v", n, err, calls, tt.calls, tt.fails)
			}
		})
	}
}
