package mongotest_test

import (
	"context"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ombud/ombud/cases/mongostore"
	"github.com/ombud/ombud/cases/mongostore/mongotest"
	"github.com/ombud/ombud/cases/storetest"
)

// socketOf returns the socket path in the URI of e, failing the test unless
// the URI names a Unix socket.
func socketOf(t *testing.T, e *mongotest.Embedded) string {
	t.Helper()
	u, ok := strings.CutPrefix(e.URI(), "mongodb://")
	host, _, _ := strings.Cut(u, "/")
	sock, err := url.QueryUnescape(host)
	if !ok || err != nil || !strings.HasPrefix(sock, "/") || !strings.HasSuffix(sock, ".sock") {
		t.Fatalf("URI %q names no Unix socket", e.URI())
	}
	return sock
}

// mustClose stops e and fails the test if it does not stop.
func mustClose(t *testing.T, e *mongotest.Embedded) {
	t.Helper()
	if err := e.Close(); err != nil {
		t.Error(err)
	}
}

// mustStart starts an embedded FerretDB on dir and stops it when the test
// ends.
func mustStart(t *testing.T, dir string) *mongotest.Embedded {
	t.Helper()
	e, err := mongotest.StartEmbedded(context.Background(), dir, mongotest.Quiet())
	if err != nil {
		t.Fatalf("start embedded: %v", err)
	}
	t.Cleanup(func() { mustClose(t, e) })
	return e
}

// mustUse opens a Store on e and checks that it reads and writes.
func mustUse(t *testing.T, e *mongotest.Embedded) {
	t.Helper()
	ctx := context.Background()
	s, err := mongostore.Open(ctx, e.URI(), "ombud", mongotest.Quiet())
	if err != nil {
		t.Fatalf("open %s: %v", e.URI(), err)
	}
	defer s.Close(ctx)
	storetest.MustCreate(t, s, storetest.MinimalCase("C-2026-0001"))
	storetest.MustGet(t, s, "C-2026-0001")
}

// TestEmbeddedListensOnPrivateSocket checks that the embedded server, which
// has no authentication, is reachable by its owner only: on a socket in the
// data directory, both accessible to the owner only, and not on TCP.
func TestEmbeddedListensOnPrivateSocket(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	e := mustStart(t, dir)
	sock := socketOf(t, e)
	if want := filepath.Join(dir, "ferretdb.sock"); sock != want {
		t.Errorf("socket %s, want %s", sock, want)
	}
	for path, want := range map[string]fs.FileMode{dir: fs.ModeDir | 0o700, sock: fs.ModeSocket | 0o600} {
		if fi, err := os.Stat(path); err != nil || fi.Mode() != want {
			t.Errorf("%s: mode %v, %v; want %v", path, fi.Mode(), err, want)
		}
	}
	mustUse(t, e)

	mustClose(t, e)
	if _, err := os.Lstat(sock); !os.IsNotExist(err) {
		t.Errorf("socket left after Close: %v", err)
	}
}

// TestEmbeddedDataDirs starts the server on data directories whose socket
// path the driver must read back from the URI, or which cannot hold the
// socket at all.
func TestEmbeddedDataDirs(t *testing.T) {
	tests := []struct {
		name    string
		dir     string // under a temporary directory
		private bool   // the socket is in a temporary directory of its own
	}{
		{"characters the URI escapes", "a b+c,d@e%f?g#h", false},
		{"too long for a socket", strings.Repeat("long/", 21), true},
		{"a colon", "a:b", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), tt.dir)
			e := mustStart(t, dir)
			sock := socketOf(t, e)
			if private := filepath.Dir(sock) != dir; private != tt.private {
				t.Errorf("socket %s for data dir %s", sock, dir)
			}
			mustUse(t, e)
			mustClose(t, e)
			if _, err := os.Lstat(filepath.Dir(sock)); tt.private && !os.IsNotExist(err) {
				t.Errorf("socket directory left after Close: %v", err)
			}
		})
	}
}

// TestEmbeddedReplacesStaleSocket starts the server where one that was
// killed left its socket.
func TestEmbeddedReplacesStaleSocket(t *testing.T) {
	dir := t.TempDir()
	l, err := net.ListenUnix("unix", &net.UnixAddr{Name: filepath.Join(dir, "ferretdb.sock"), Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	l.SetUnlinkOnClose(false)
	l.Close()
	mustUse(t, mustStart(t, dir))
}

// TestEmbeddedRefusesDirInUse refuses a second server on a data directory
// whose server runs, rather than take its socket over.
func TestEmbeddedRefusesDirInUse(t *testing.T) {
	dir := t.TempDir()
	e := mustStart(t, dir)
	if e2, err := mongotest.StartEmbedded(context.Background(), dir, mongotest.Quiet()); err == nil {
		mustClose(t, e2)
		t.Fatal("a second server started on the same data directory")
	} else if !strings.Contains(err.Error(), "another process") {
		t.Errorf("error %q does not say the directory is in use", err)
	}
	mustUse(t, e)
}

// TestEmbeddedRefusesFileInTheWay leaves a file where the socket goes alone.
func TestEmbeddedRefusesFileInTheWay(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ferretdb.sock")
	if err := os.WriteFile(path, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	if e, err := mongotest.StartEmbedded(context.Background(), dir, mongotest.Quiet()); err == nil {
		mustClose(t, e)
		t.Fatal("started over a file")
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "mine" {
		t.Errorf("the file is now %q, %v", b, err)
	}
}
