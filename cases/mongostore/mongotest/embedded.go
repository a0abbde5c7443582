package mongotest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// newMu guards ferretdb.New, which writes a package-level variable of
// FerretDB's and so races when two instances start at once.
var newMu sync.Mutex

const (
	// socketName is the file the embedded server listens on, in its data
	// directory. The driver takes a host that ends in "sock" for a socket.
	socketName = "ferretdb.sock"

	// maxSocketPath is the longest Unix socket path that can be bound on
	// every system: sun_path holds 108 bytes on Linux and 104 on macOS and
	// the BSDs, which need one of them for the terminating NUL.
	maxSocketPath = 103
)

// Embedded is an in-process FerretDB v1 with the SQLite backend: the test
// server of the MongoDB store, and how ombud kept its cases before the SQLite
// store, so that the migration can be tested on a directory it wrote. ombud
// itself no longer links FerretDB.
type Embedded struct {
	uri     string
	cancel  context.CancelFunc
	done    chan struct{}
	cleanup func() // removes the socket's directory when it is not the data dir
}

// StartEmbedded starts an embedded FerretDB that keeps its data in dir,
// creating dir if it is missing. Connect to it with Open(ctx, e.URI(), ...).
// ctx bounds the start only; the server runs until Close.
//
// The server has no authentication, and the cases hold complainants' contact
// details, so it is reachable by its owner only: it listens on a Unix socket,
// never on TCP, and dir, which holds the socket and the database files, is
// made accessible to its owner only (mode 0700). The socket is dir/ferretdb.sock
// unless that path is too long for a Unix socket (over 103 bytes) or holds a
// ':', which the driver cannot take in a host; then it is in a new directory
// of mode 0700 under the system's temporary directory, removed by Close.
//
// A socket left behind by a process that stopped without closing is
// replaced; one that still answers means another process is using dir, and
// StartEmbedded fails.
func StartEmbedded(ctx context.Context, dir string, logger *slog.Logger) (*Embedded, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("start embedded FerretDB: %w", err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("start embedded FerretDB: %w", err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return nil, fmt.Errorf("start embedded FerretDB: %w", err)
	}
	if err := os.Chmod(abs, 0o700); err != nil {
		return nil, fmt.Errorf("start embedded FerretDB: %w", err)
	}
	sock, cleanup, err := socketPath(abs)
	if err != nil {
		return nil, fmt.Errorf("start embedded FerretDB: %w", err)
	}
	f, err := newFerretDB(abs, sock)
	if err != nil {
		cleanup()
		return nil, fmt.Errorf("start embedded FerretDB in %s: %w", abs, err)
	}
	// New has already bound the socket (FerretDB v1.24 listens in New, not
	// in Run), so connections made from now on queue until Run accepts them.
	// Connecting needs write permission on the socket, so 0600 keeps others
	// out even if the directory were opened up later.
	if err := os.Chmod(sock, 0o600); err != nil {
		logger.WarnContext(ctx, "could not make the embedded store's socket private",
			slog.String("socket", sock), slog.Any("error", err))
	}

	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	e := &Embedded{uri: socketURI(sock), cancel: cancel, done: make(chan struct{}), cleanup: cleanup}
	go func() {
		defer close(e.done)
		_ = f.Run(runCtx) // always nil; it returns when runCtx is cancelled
	}()

	logger.InfoContext(ctx, "started an embedded FerretDB", slog.String("data_dir", abs), slog.String("socket", sock))
	return e, nil
}

// socketPath returns the path of the socket the server for data directory
// dir listens on, and the function that removes what was made for it. See
// StartEmbedded.
func socketPath(dir string) (sock string, cleanup func(), err error) {
	sock = filepath.Join(dir, socketName)
	if usableSocketPath(sock) {
		if err := removeStaleSocket(sock); err != nil {
			return "", nil, err
		}
		return sock, func() {}, nil
	}
	tmp, err := os.MkdirTemp("", "ombud-") // mode 0700
	if err != nil {
		return "", nil, err
	}
	if alt := filepath.Join(tmp, socketName); usableSocketPath(alt) {
		return alt, func() { _ = os.RemoveAll(tmp) }, nil
	}
	_ = os.RemoveAll(tmp)
	return "", nil, fmt.Errorf(
		"the embedded store's socket %s is %d bytes long, and a Unix socket path can have at most %d, "+
			"without ':'; set OMBUD_DATA_DIR (or TMPDIR) to a shorter path", sock, len(sock), maxSocketPath)
}

// usableSocketPath reports whether the server can bind a socket at path and
// the driver connect to it: the driver splits a host at its last ':' to find
// a port.
func usableSocketPath(path string) bool {
	return len(path) <= maxSocketPath && !strings.Contains(path, ":")
}

// removeStaleSocket removes the socket at path if it is left over from a
// server that stopped without closing it. It fails if something answers on
// it, or if path is something other than a socket.
func removeStaleSocket(path string) error {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case fi.Mode().Type() != fs.ModeSocket:
		return fmt.Errorf("%s is in the way of the embedded store's socket; it is not a socket, so remove it yourself", path)
	}
	if conn, err := net.DialTimeout("unix", path, time.Second); err == nil {
		_ = conn.Close()
		return fmt.Errorf("another process is using the embedded store in %s: it answers on %s; stop it first",
			filepath.Dir(path), path)
	}
	return os.Remove(path)
}

// socketURI returns the connection string of the socket at path: the path,
// query-escaped, as the host, which is how the driver reads it back
// (url.QueryUnescape). FerretDB's own MongoDBURI escapes the host as a URL
// host, which leaves ',' and '+' as they are, and the driver then splits the
// path at the ',' or reads the '+' as a space.
func socketURI(path string) string {
	return "mongodb://" + url.QueryEscape(path) + "/"
}

// newFerretDB constructs a FerretDB on the SQLite directory dir, listening on
// the Unix socket sock only. Its own log is discarded: it is verbose, and at
// some levels it may quote documents, which hold complainants' contact
// details.
func newFerretDB(dir, sock string) (*ferretdb.FerretDB, error) {
	newMu.Lock()
	defer newMu.Unlock()
	return ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{Unix: sock},
		Logger:    slog.New(slog.DiscardHandler),
		Handler:   "sqlite",
		SQLiteURL: (&url.URL{Scheme: "file", Path: dir + "/"}).String(),
	})
}

// URI returns the MongoDB connection string of the embedded server.
func (e *Embedded) URI() string { return e.uri }

// closeTimeout bounds Close: FerretDB gives connected clients three seconds
// before it drops them.
const closeTimeout = 10 * time.Second

// Close stops the server and waits until it has stopped, or fails after
// closeTimeout. Callers disconnect their clients first.
func (e *Embedded) Close() error {
	e.cancel()
	select {
	case <-e.done:
	case <-time.After(closeTimeout):
		return fmt.Errorf("the embedded FerretDB did not stop within %s", closeTimeout)
	}
	e.cleanup()
	return nil
}
