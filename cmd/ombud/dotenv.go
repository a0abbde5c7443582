package main

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/joho/godotenv"
)

// badCharacter finds the character godotenv names in a key it cannot read.
var badCharacter = regexp.MustCompile(`^unexpected character ("(?:[^"\\]|\\.)*") in variable name`)

// dotenvError returns err, from reading the .env file at path, as a
// message that names the line where the file goes wrong and says what a
// line must look like. It never repeats the file's contents, which hold
// secrets, as godotenv's own message does. An error reading the file
// itself is returned as it is.
func dotenvError(path string, err error) error {
	data, rerr := os.ReadFile(path)
	if rerr != nil {
		return err
	}
	what := "it cannot be read; write each setting on a line of its own as KEY=value, and a comment after #"
	switch m := badCharacter.FindStringSubmatch(err.Error()); {
	case strings.HasPrefix(err.Error(), "unterminated quoted value"):
		what = "a quoted value is not closed; end it with the quote it starts with"
	case m != nil:
		what = fmt.Sprintf("%s cannot be part of a key; write KEY=value, with a key of letters, digits, _ and .", m[1])
	}
	return fmt.Errorf("%s: line %d: %s", path, badLine(data), what)
}

// badLine returns the line of data, a .env file godotenv cannot read, where
// the setting it cannot read starts: the first line from which every
// longer run of the file's first lines is unreadable too, for a value in
// quotes may span lines and a cut inside it is no mistake of the file.
func badLine(data []byte) int {
	lines := bytes.SplitAfter(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\n"))
	n := len(lines)
	for n > 1 {
		if _, err := godotenv.UnmarshalBytes(bytes.Join(lines[:n-1], nil)); err == nil {
			break
		}
		n--
	}
	return n
}
