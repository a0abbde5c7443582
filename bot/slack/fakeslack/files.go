package fakeslack

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
)

// File is a file uploaded with Slack's upload flow: a URL asked for with
// files.getUploadURLExternal, the bytes sent to it, and the upload
// completed, and so shared, with files.completeUploadExternal.
type File struct {
	ID       string
	Name     string // the filename files.getUploadURLExternal was given
	AltText  string // its alt_txt
	Length   int    // the length files.getUploadURLExternal was told
	Data     []byte // what the upload URL received; nil until it did
	Title    string // the title files.completeUploadExternal gave it
	Channel  string // where it was shared; "" until completed, or when completed unshared
	ThreadTS string // the thread it was shared in; "" for none
}

// upload is a file in the fake's keeping.
type upload struct {
	File
	completed bool
}

// Files returns the files shared in channel, in the thread of the message
// at threadTS ("" for outside threads), in the order shared.
func (s *Server) Files(channel, threadTS string) []File {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []File
	for _, id := range s.shared {
		if f := s.uploads[id]; f.Channel == channel && f.ThreadTS == threadTS {
			out = append(out, f.File)
		}
	}
	return out
}

// Uploads returns every file an upload URL was asked for, shared or not,
// in the order asked.
func (s *Server) Uploads() []File {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]File, 0, len(s.asked))
	for _, id := range s.asked {
		out = append(out, s.uploads[id].File)
	}
	return out
}

// Outside makes ombud a non-member of channel: it may still post there
// (chat:write.public) but not share files, which Slack answers with
// not_in_channel.
func (s *Server) Outside(channel string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.outside[channel] = true
}

// DirectChannel returns the ID of the direct message conversation between
// ombud and user, as conversations.open gives it.
func DirectChannel(user string) string { return "D" + user }

// uploadURL answers files.getUploadURLExternal: a new file ID and the URL
// its bytes go to.
func (s *Server) uploadURL(c Call) ok {
	length, err := strconv.Atoi(c.Arg("length"))
	if c.Arg("filename") == "" || err != nil || length <= 0 {
		return failed("invalid_arguments")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	id := fmt.Sprintf("F%06d", s.next)
	s.uploads[id] = &upload{File: File{ID: id, Name: c.Arg("filename"), AltText: c.Arg("alt_txt"), Length: length}}
	s.asked = append(s.asked, id)
	return ok{"ok": true, "file_id": id, "upload_url": s.srv.URL + "/upload/" + id}
}

// serveUpload takes a file's bytes at its upload URL: raw, or as the
// multipart form field "file", as Slack takes them. It answers 200 with
// "OK - length" once, and refuses bytes of another length than was
// asked for.
func (s *Server) serveUpload(w http.ResponseWriter, r *http.Request) {
	data, err := uploaded(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	id := r.PathValue("id")
	s.mu.Lock()
	f := s.uploads[id]
	switch {
	case f == nil:
		err = fmt.Errorf("no upload %s", id)
	case f.Data != nil:
		err = fmt.Errorf("%s was uploaded already", id)
	case len(data) != f.Length:
		err = fmt.Errorf("%s: got %d bytes, the upload was asked for %d", id, len(data), f.Length)
	default:
		f.Data = data
	}
	s.mu.Unlock()
	s.record(Call{Method: "upload", Args: map[string]any{"file_id": id, "bytes": strconv.Itoa(len(data))}})
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "OK - %d", len(data))
}

// uploaded returns the bytes of a request to an upload URL.
func uploaded(r *http.Request) ([]byte, error) {
	mediaType, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/form-data" {
		return io.ReadAll(r.Body)
	}
	mr := multipart.NewReader(r.Body, params["boundary"])
	for {
		part, err := mr.NextPart()
		if err != nil {
			return nil, fmt.Errorf("no form field \"file\": %w", err)
		}
		if part.FormName() == "file" {
			return io.ReadAll(part)
		}
	}
}

// completeUpload answers files.completeUploadExternal: it shares the files
// it names, every one of them uploaded and none completed before, in
// channel_id and thread_ts; without channel_id, it completes them unshared,
// seen by no one but their uploader.
func (s *Server) completeUpload(c Call) ok {
	var files []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	if err := json.Unmarshal([]byte(c.Arg("files")), &files); err != nil || len(files) == 0 {
		return failed("invalid_arguments")
	}
	channel, thread := c.Arg("channel_id"), c.Arg("thread_ts")
	s.mu.Lock()
	defer s.mu.Unlock()
	if code := s.shareRefusal(channel, thread); code != "" {
		return failed(code)
	}
	for _, f := range files {
		if u := s.uploads[f.ID]; u == nil || u.Data == nil || u.completed {
			return failed("file_not_found")
		}
	}
	out := make([]ok, len(files))
	for i, f := range files {
		u := s.uploads[f.ID]
		u.completed, u.Title, u.Channel, u.ThreadTS = true, f.Title, channel, thread
		s.shared = append(s.shared, f.ID)
		out[i] = ok{"id": f.ID, "title": f.Title}
	}
	s.wake()
	return ok{"ok": true, "files": out}
}

// shareRefusal returns the error Slack answers for sharing files in
// channel, in the thread at thread, or "" when it shares them; s.mu must
// be held.
func (s *Server) shareRefusal(channel, thread string) string {
	switch {
	case channel == "":
		return "" // completed unshared: a file only its uploader sees
	case s.refused[channel] != "":
		return s.refused[channel]
	case s.outside[channel]:
		return "not_in_channel"
	case thread != "" && s.messages[channel+"/"+thread] == nil:
		return "invalid_thread_ts"
	}
	return ""
}

// openConversation answers conversations.open for one user: the direct
// message conversation between ombud and them.
func (s *Server) openConversation(c Call) ok {
	users := c.Arg("users")
	if users == "" || strings.Contains(users, ",") {
		return failed("invalid_arguments") // ombud opens direct messages with one person only
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, found := s.users[users]; !found {
		return failed("user_not_found")
	}
	return ok{"ok": true, "channel": ok{"id": DirectChannel(users)}}
}
