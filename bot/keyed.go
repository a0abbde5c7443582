package bot

import "sync"

// KeyedMutex holds one lock per key, for as long as anyone holds or waits
// for it: a mutex per topic or case, for instance. Its zero value is ready
// to use.
type KeyedMutex struct {
	mu    sync.Mutex
	locks map[string]*keyedLock
}

// keyedLock is one key's lock and how many hold or wait for it.
type keyedLock struct {
	sync.Mutex
	users int
}

// Lock locks key and returns its unlock.
func (k *KeyedMutex) Lock(key string) (unlock func()) {
	k.mu.Lock()
	if k.locks == nil {
		k.locks = map[string]*keyedLock{}
	}
	l := k.locks[key]
	if l == nil {
		l = &keyedLock{}
		k.locks[key] = l
	}
	l.users++
	k.mu.Unlock()
	l.Lock()
	return func() {
		l.Unlock()
		k.mu.Lock()
		if l.users--; l.users == 0 {
			delete(k.locks, key)
		}
		k.mu.Unlock()
	}
}
