package discord_test

import (
	"bytes"
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
