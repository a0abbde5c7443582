package datadir_test

import (
	"bufio"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ombud/ombud/cases/datadir"
)

// mustRefuse fails the test unless serving dir is refused with an error
// that says each of want, and leaves dir as it was.
func mustRefuse(t *testing.T, dir string, want ...string) {
	t.Helper()
	before := names(t, dir)
	s, err := datadir.Serve(ctx, dir, "ombud", quiet)
	if err == nil {
		s.Close()
		t.Fatal("served it")
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not say %q", err, w)
		}
	}
	after := slices.DeleteFunc(names(t, dir), func(n string) bool { return n == datadir.LockName })
	if !slices.Equal(after, slices.DeleteFunc(before, func(n string) bool { return n == datadir.LockName })) {
		t.Errorf("the refusal changed the directory: %v, was %v", after, before)
	}
}

// mustWrite writes a file in dir.
func mustWrite(t *testing.T, dir, name string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestServeNew creates the data directory and its store, both private.
func TestServeNew(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	s := mustServe(t, dir)
	for path, want := range map[string]fs.FileMode{dir: fs.ModeDir | 0o700, s.Store.Path(): 0o600,
		filepath.Join(dir, datadir.LockName): 0o600} {
		if fi, err := os.Stat(path); err != nil || fi.Mode() != want {
			t.Errorf("%s: mode %v, %v; want %v", path, fi.Mode(), err, want)
		}
	}
	if s.Store.Path() != datadir.DBPath(dir) {
		t.Errorf("store at %s, want %s", s.Store.Path(), datadir.DBPath(dir))
	}
}

// TestServeKnownFiles serves a directory that holds only what ombud and the
// file system put there.
func TestServeKnownFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{".DS_Store", "lost+found", "ferretdb.sock", "ombud.db.migrating"} {
		mustWrite(t, dir, name)
	}
	mustServe(t, dir)
}

// TestRefuses refuses data directories where serving would ignore or
// overwrite something.
func TestRefuses(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		want  []string
	}{
		{"files of something else", []string{"notes.txt", "photo.jpg"}, []string{"files ombud did not write (notes.txt, photo.jpg)", "empty directory"}},
		{"another database's FerretDB files", []string{"crm.sqlite"}, []string{"crm.sqlite", "OMBUD_DATABASE=crm"}},
		{"a migrated database without the store", []string{"ombud.sqlite.migrated"}, []string{"restore ombud.db from a backup", "rename ombud.sqlite.migrated to ombud.sqlite"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, name := range tt.files {
				mustWrite(t, dir, name)
			}
			mustRefuse(t, dir, tt.want...)
		})
	}
}

// TestServeWithForeignFiles serves a directory with a store, and files
// ombud did not write beside it, which it leaves alone.
func TestServeWithForeignFiles(t *testing.T) {
	dir := t.TempDir()
	mustServe(t, dir).Close()
	mustWrite(t, dir, "notes.txt")
	mustServe(t, dir)
	if b, err := os.ReadFile(filepath.Join(dir, "notes.txt")); err != nil || string(b) != "mine" {
		t.Errorf("notes.txt is now %q, %v", b, err)
	}
}

// TestRefusesRunningFerretDB refuses a directory an earlier ombud is
// serving: its FerretDB answers on the socket.
func TestRefusesRunningFerretDB(t *testing.T) {
	dir := t.TempDir()
	mustEarlierRelease(t, dir)
	l, err := net.Listen("unix", filepath.Join(dir, "ferretdb.sock"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	mustRefuse(t, dir, "an earlier ombud is serving", "stop it first")
}

// TestOneServer refuses a second server on a directory, naming the process
// that serves it, and serves it once that one is done.
func TestOneServer(t *testing.T) {
	dir := t.TempDir()
	s := mustServe(t, dir)
	mustRefuse(t, dir, "another ombud (process "+strconv.Itoa(os.Getpid())+") is serving")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	mustServe(t, dir)
}

// TestOneServerAcrossProcesses has a child process serve a directory: this
// one is refused, naming the child, until the child ends.
func TestOneServerAcrossProcesses(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestServingChild$")
	cmd.Env = append(os.Environ(), "OMBUD_TEST_SERVE="+dir)
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if lines := bufio.NewScanner(out); !lines.Scan() || lines.Text() != "serving" {
		t.Fatalf("the child did not start serving: %q", lines.Text())
	}
	mustRefuse(t, dir, "another ombud (process "+strconv.Itoa(cmd.Process.Pid)+") is serving")
	in.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	mustServe(t, dir)
}

// TestServingChild serves the directory OMBUD_TEST_SERVE names until its
// standard input ends, in a child process of TestOneServerAcrossProcesses.
func TestServingChild(t *testing.T) {
	dir := os.Getenv("OMBUD_TEST_SERVE")
	if dir == "" {
		t.Skip("runs only as a child process of TestOneServerAcrossProcesses")
	}
	mustServe(t, dir)
	os.Stdout.WriteString("serving\n")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
}
