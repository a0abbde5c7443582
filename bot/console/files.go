package console

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"

	"github.com/ombud/ombud/bot"
)

// fileName is what a file attached to a reply may be called: it names a
// file in the files directory and nothing outside it.
var fileName = regexp.MustCompile(`^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$`)

// saveFiles writes r's files to the files directory and returns r with
// each file named by its path, or by what went wrong, for Render.
func (c *Console) saveFiles(r bot.Reply) bot.Reply {
	if len(r.Files) == 0 {
		return r
	}
	r.Files = slices.Clone(r.Files)
	for i := range r.Files {
		f := &r.Files[i]
		f.Name = c.saveFile(*f)
	}
	return r
}

// saveFile writes f to the files directory and returns its path, or says
// why it was not written.
func (c *Console) saveFile(f bot.File) string {
	switch {
	case c.filesDir == "":
		return f.Name + " (not saved: the console has no directory for files)"
	case !fileName.MatchString(f.Name):
		c.log.Warn("console: refused to save a file with an unsafe name")
		return "(not saved: the file's name is not safe)"
	}
	if err := os.MkdirAll(c.filesDir, 0o750); err != nil {
		c.log.Warn("console: make the files directory", "err", err)
		return f.Name + " (not saved: " + err.Error() + ")"
	}
	path := filepath.Join(c.filesDir, f.Name)
	if err := os.WriteFile(path, f.Data, 0o640); err != nil {
		c.log.Warn("console: save a file", "err", err)
		return f.Name + " (not saved: " + err.Error() + ")"
	}
	return path
}
