package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joho/godotenv"
)

// TestDotenvError: a .env file ombud cannot read is reported with the line
// of the setting that goes wrong, never with the file's secrets.
func TestDotenvError(t *testing.T) {
	tests := []struct {
		name, file, want string
	}{
		{"a dash in a key", "OMBUD_POLICY=standard\n# a comment\n\nSLACK-BOT_TOKEN=xoxb-secret\nOMBUD_LOG_LEVEL=info\n",
			`.env: line 4: "-" cannot be part of a key; write KEY=value, with a key of letters, digits, _ and .`},
		{"an unclosed quote", "OMBUD_POLICY=standard\nSLACK_SIGNING_SECRET=\"s3cret\nOMBUD_LOG_LEVEL=info\n",
			".env: line 2: a quoted value is not closed; end it with the quote it starts with"},
		{"after a value over several lines", "A=\"one\ntwo\nthree\"\r\nB=2\r\nC-D=secret\r\n",
			`.env: line 5: "-" cannot be part of a key`},
		{"on the first line", "export=\nDISCORD_BOT_TOKEN = 'abc\n",
			".env: line 2: a quoted value is not closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), ".env")
			if err := os.WriteFile(path, []byte(tt.file), 0o600); err != nil {
				t.Fatal(err)
			}
			err := godotenv.Load(path)
			if err == nil {
				t.Fatal("godotenv read it")
			}
			got := strings.TrimPrefix(dotenvError(path, err).Error(), filepath.Dir(path)+string(filepath.Separator))
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
			for _, secret := range []string{"secret", "s3cret", "abc"} {
				if strings.Contains(got, secret) {
					t.Errorf("the message repeats the file's contents: %q", got)
				}
			}
		})
	}
}
