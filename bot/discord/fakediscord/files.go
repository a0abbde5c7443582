package fakediscord

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

// UploadLimit is how many bytes of files Discord takes in one message from
// a bot in a server without boosts: 10 MiB.
const UploadLimit = 10 << 20

// maxFiles is how many files Discord takes in one message.
const maxFiles = 10

// maxDescription is the most characters of an attachment's description.
const maxDescription = 1024

// File is a file attached to a message: a part files[n] of a multipart
// request, described by the entry of payload_json's attachments whose id
// is n.
type File struct {
	Name        string // the part's filename
	ContentType string // the part's Content-Type
	Description string // its attachments entry's description (alt text)
	Data        []byte
}

// errTooLarge is a request whose files are over UploadLimit.
var errTooLarge = errors.New("request entity too large")

// filesKey keeps a request's files in its context.
type filesKey struct{}

// filesOf returns the files r carried, if any.
func filesOf(r *http.Request) []File {
	fs, _ := r.Context().Value(filesKey{}).([]File)
	return fs
}

// readMultipart reads a multipart/form-data request as Discord does: the
// message from the part payload_json, the files from the parts files[n],
// each named by an attachments entry with id n. It returns the request
// with its files in its context, the payload, and what Discord would refuse;
// r is returned as it is, with body, when it is not multipart.
func readMultipart(r *http.Request, body []byte) (*http.Request, []byte, error) {
	mediaType, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/form-data" {
		return r, body, nil
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	var payload []byte
	parts := map[int]File{}
	total := 0
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return r, nil, fmt.Errorf("not multipart/form-data: %w", err)
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return r, nil, err
		}
		name := part.FormName()
		if name == "payload_json" {
			payload = data
			continue
		}
		n, err := fileIndex(name)
		if err != nil {
			return r, nil, err
		}
		if total += len(data); total > UploadLimit {
			return r, nil, errTooLarge
		}
		parts[n] = File{Name: part.FileName(), ContentType: part.Header.Get("Content-Type"), Data: data}
	}
	if payload == nil {
		return r, nil, errors.New("no payload_json part")
	}
	files, err := describe(payload, parts)
	if err != nil {
		return r, nil, err
	}
	return r.WithContext(context.WithValue(r.Context(), filesKey{}, files)), payload, nil
}

// fileIndex returns n of a part called files[n].
func fileIndex(name string) (int, error) {
	digits, ok := strings.CutPrefix(name, "files[")
	digits, closed := strings.CutSuffix(digits, "]")
	n, err := strconv.Atoi(digits)
	if !ok || !closed || err != nil || n < 0 {
		return 0, fmt.Errorf("part %q is neither payload_json nor files[n]", name)
	}
	return n, nil
}

// describe returns the files of parts in the order of payload's
// attachments, each with its description, and fails unless every entry
// names a part by its index, every part is named, and there are at most
// maxFiles.
func describe(payload []byte, parts map[int]File) ([]File, error) {
	var msg struct {
		Attachments []struct {
			ID          json.RawMessage `json:"id"` // a number or a string of one
			Filename    string          `json:"filename"`
			Description string          `json:"description"`
		} `json:"attachments"`
	}
	if err := json.Unmarshal(payload, &msg); err != nil {
		return nil, fmt.Errorf("payload_json: %w", err)
	}
	if len(parts) > maxFiles {
		return nil, fmt.Errorf("%d files; Discord takes %d", len(parts), maxFiles)
	}
	files := make([]File, 0, len(parts))
	for _, a := range msg.Attachments {
		n, err := strconv.Atoi(strings.Trim(string(a.ID), `"`))
		f, found := parts[n]
		switch {
		case err != nil || !found:
			return nil, fmt.Errorf("attachment %s names no files[n] part", a.ID)
		case a.Filename != f.Name:
			return nil, fmt.Errorf("attachment %s is called %q, its part %q", a.ID, a.Filename, f.Name)
		case utf8.RuneCountInString(a.Description) > maxDescription:
			return nil, fmt.Errorf("attachment %s has a description of over %d characters", a.ID, maxDescription)
		}
		f.Description = a.Description
		files = append(files, f)
		delete(parts, n)
	}
	if len(parts) > 0 {
		return nil, fmt.Errorf("%d files[n] parts are not in payload_json's attachments", len(parts))
	}
	return files, nil
}

// refuseUpload answers what Discord answers for a multipart request it
// could not read, err, and records the broken rule; the caller holds the
// lock.
func (s *Server) refuseUpload(w http.ResponseWriter, r *http.Request, err error) {
	s.violate("%s %s: %v", r.Method, r.URL.Path, err)
	if errors.Is(err, errTooLarge) {
		reply(w, http.StatusRequestEntityTooLarge, map[string]any{"code": 40005, "message": "Request entity too large"})
		return
	}
	reply(w, http.StatusBadRequest, map[string]any{"code": 50035, "message": "Invalid Form Body", "errors": err.Error()})
}

// attachmentsJSON returns the files of message m as its attachments, as
// Discord returns them.
func attachmentsJSON(m *Message) []map[string]any {
	out := make([]map[string]any, len(m.Files))
	for i, f := range m.Files {
		url := fmt.Sprintf("https://cdn.discordapp.com/attachments/%s/%s/%s", m.ChannelID, m.ID, f.Name)
		out[i] = map[string]any{"id": fmt.Sprint(m.ID, i), "filename": f.Name, "size": len(f.Data),
			"content_type": f.ContentType, "description": f.Description, "url": url, "proxy_url": url}
	}
	return out
}
