package slack

import "time"

// NewStringCache returns the cache people keeps names in, for tests.
func NewStringCache(ttl time.Duration, max int) *ttlCache[string] {
	return newTTLCache[string](ttl, max)
}

// Get returns key's value, whether it is fresh at now, and whether there is
// one.
func (c *ttlCache[V]) Get(key string, now time.Time) (V, bool, bool) { return c.get(key, now) }

// Put sets key's value at now.
func (c *ttlCache[V]) Put(key string, v V, now time.Time) { c.put(key, v, now) }
