package datadir

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// DBName is the embedded store's database file in the data directory.
const DBName = "ombud.db"

// Names of the files an earlier ombud's embedded FerretDB kept: the
// database NAME.sqlite, and its socket. A migrated database is renamed to
// NAME.sqlite.migrated.
const (
	ferretSuffix   = ".sqlite"
	migratedSuffix = ".migrated"
	socketName     = "ferretdb.sock"
	migratingName  = DBName + ".migrating"
)

// sqliteCompanions are the files SQLite keeps beside a database.
var sqliteCompanions = []string{"-wal", "-shm", "-journal"}

// contents is what a data directory holds, sorted by what ombud makes of
// it.
type contents struct {
	db       bool     // ombud.db
	ferret   bool     // the FerretDB database of OMBUD_DATABASE
	migrated bool     // that database, migrated
	others   []string // FerretDB databases of other names
	unknown  []string // anything ombud did not write
}

// inspect reads what dir holds, database being the name of the FerretDB
// database an earlier ombud kept there.
func inspect(dir, database string) (contents, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return contents{}, err
	}
	var c contents
	for _, e := range entries {
		name := e.Name()
		base := trimCompanion(name)
		switch {
		case base == DBName:
			c.db = c.db || name == DBName
		case name == database+ferretSuffix:
			c.ferret = true
		case name == database+ferretSuffix+migratedSuffix:
			c.migrated = true
		case strings.HasSuffix(name, ferretSuffix):
			c.others = append(c.others, name)
		case ignorable(name, base, database):
		default:
			c.unknown = append(c.unknown, name)
		}
	}
	return c, nil
}

// trimCompanion returns the database a companion file of SQLite's belongs
// to, or name itself.
func trimCompanion(name string) string {
	for _, suffix := range sqliteCompanions {
		if base, ok := strings.CutSuffix(name, suffix); ok {
			return base
		}
	}
	return name
}

// ignorable reports whether a file is ombud's, or none of its business,
// and says nothing about the cases: the lock, a migration's leftovers,
// FerretDB's companion files and socket, a file system's lost+found and
// hidden files.
func ignorable(name, base, database string) bool {
	return name == LockName || base == migratingName || name == socketName || name == "lost+found" ||
		strings.HasPrefix(name, ".") || strings.HasSuffix(base, ferretSuffix) ||
		base == database+ferretSuffix+migratedSuffix
}

// check refuses a data directory whose contents ombud cannot serve from
// safely: where choosing would mean ignoring or overwriting cases.
func (c contents) check(dir, database string) error {
	ferret := database + ferretSuffix
	switch {
	case c.db:
		return nil
	case c.ferret:
		return nil // to migrate
	case c.migrated:
		return fmt.Errorf("%s has no %s, but %s shows that its cases were migrated to one: "+
			"restore %s from a backup, or rename %s to %s to migrate it again",
			dir, DBName, ferret+migratedSuffix, DBName, ferret+migratedSuffix, ferret)
	case len(c.others) > 0:
		return fmt.Errorf("%s holds the FerretDB database %s of an earlier ombud, but OMBUD_DATABASE names %s: "+
			"set OMBUD_DATABASE=%s to migrate it", dir, strings.Join(c.others, ", "), database,
			strings.TrimSuffix(c.others[0], ferretSuffix))
	case len(c.unknown) > 0:
		return fmt.Errorf("%s holds files ombud did not write (%s); point OMBUD_DATA_DIR at an empty directory, "+
			"or at the one ombud keeps its cases in", dir, strings.Join(first(c.unknown, 5), ", "))
	}
	return nil
}

// first returns the first n of names, and "…" if there are more.
func first(names []string, n int) []string {
	if len(names) <= n {
		return names
	}
	return append(slices.Clone(names[:n]), "…")
}

// checkNoFerretDB refuses when an earlier ombud's FerretDB answers on its
// socket in dir: it is serving the directory, without the lock.
func checkNoFerretDB(dir string) error {
	sock := filepath.Join(dir, socketName)
	if _, err := os.Lstat(sock); err != nil {
		return nil
	}
	conn, err := net.DialTimeout("unix", sock, time.Second)
	if err != nil {
		return nil // left behind by a server that stopped
	}
	_ = conn.Close()
	return fmt.Errorf("an earlier ombud is serving %s: its FerretDB answers on %s; stop it first", dir, sock)
}
