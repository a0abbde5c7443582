package console_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/console"
)

// filing answers every command with a reply carrying files named names.
func filing(names ...string) bot.Handler {
	return recording(new([]bot.Request), func(bot.Request) bot.Response {
		r := bot.Reply{Title: "Register"}
		for _, n := range names {
			r.Files = append(r.Files, bot.File{Name: n, Title: "the register", Data: []byte("id\nC-1\n")})
		}
		return bot.Response{Reply: r}
	})
}

// TestFilesSaved: the console writes a reply's files to its files
// directory and shows their paths.
func TestFilesSaved(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "reports")
	out := MustRun(t, console.Config{User: "max", FilesDir: dir}, "/case export\n", filing("register.csv"))
	path := filepath.Join(dir, "register.csv")
	MustContain(t, out, "  file: the register: "+path+"\n")
	data, err := os.ReadFile(path)
	if err != nil || string(data) != "id\nC-1\n" {
		t.Errorf("saved %q, %v; want the file's data", data, err)
	}
}

// TestFilesUnsafeNames: a file whose name would leave the files directory,
// or hide itself, is not written.
func TestFilesUnsafeNames(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	names := []string{"../escaped.csv", "/etc/passwd", ".hidden", "a/b.csv", ""}
	out := MustRun(t, console.Config{User: "max", FilesDir: filepath.Join(dir, "reports")}, "/case export\n", filing(names...))
	for range names {
		MustContain(t, out, "  file: the register: (not saved: the file's name is not safe)\n")
	}
	if _, err := os.Stat(filepath.Join(dir, "escaped.csv")); err == nil {
		t.Error("a file escaped the files directory")
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "reports")); len(entries) > 0 {
		t.Errorf("files written: %v", entries)
	}
}

// TestFilesNowhere: without a files directory, the reply says the file
// was not saved.
func TestFilesNowhere(t *testing.T) {
	t.Parallel()
	out := MustRun(t, console.Config{User: "max"}, "/case export\n", filing("register.csv"))
	MustContain(t, out, "  file: the register: register.csv (not saved: the console has no directory for files)\n")
}
