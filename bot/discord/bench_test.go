package discord_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ombud/ombud/bot"
	"github.com/ombud/ombud/bot/discord"
)

// BenchmarkRender renders a list of 50 cases, as list shows them, into
// Discord messages.
func BenchmarkRender(b *testing.B) {
	lines := make([]string, 50)
	for i := range lines {
		lines[i] = fmt.Sprintf("C-2026-%04d · open · Ann · answer by Fri 4 Dec (3 business days left) · **charged** twice %d", i, i)
	}
	r := bot.Reply{Title: "Open cases (50)", Text: strings.Join(lines, "\n"), Fields: escalation.Fields, Buttons: escalation.Buttons}
	b.ReportAllocs()
	for b.Loop() {
		discord.RenderJSON(r)
	}
}

// BenchmarkSignedPing answers a signed PING: the signature and age checks
// every HTTP interaction pays before anything else.
func BenchmarkSignedPing(b *testing.B) {
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	p, err := discord.New(discord.Config{Token: "t", PublicKey: pub})
	if err != nil {
		b.Fatal(err)
	}
	h := p.Interactions()
	body := []byte(`{"id":"1","application_id":"2","type":1,"token":"t","version":1}`)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	sig := hex.EncodeToString(ed25519.Sign(key, append([]byte(ts), body...)))
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, discord.InteractionsPath, bytes.NewReader(body))
		req.Header.Set("X-Signature-Timestamp", ts)
		req.Header.Set("X-Signature-Ed25519", sig)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
}

// BenchmarkPostFile is one post with a file to a team channel through the
// fake Discord, over loopback HTTP: the message, then the file in a second
// message as multipart/form-data (payload_json and files[0]), which the
// fake reads back.
func BenchmarkPostFile(b *testing.B) {
	for _, size := range []int{64 << 10, 1 << 20} {
		b.Run(fmt.Sprintf("%dKiB", size>>10), func(b *testing.B) {
			hs := MustHarness(b, options{handler: replying(bot.Reply{})})
			f := bot.File{Name: "chart.png", ContentType: "image/png", Title: "Cases per week", Data: make([]byte, size)}
			post := bot.Post{Channel: bot.ChannelEscalations, Reply: bot.Reply{Title: "Weekly", Files: []bot.File{f}}}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				if err := hs.p.Post(context.Background(), post); err != nil {
					b.Fatal(err)
				}
				n++
			}
			b.StopTimer()
			if got := len(hs.fake.Channel(escalations).Messages); got != 2*n {
				b.Fatalf("%d messages for %d posts, want 2 each: one with the file", got, n)
			}
		})
	}
}
