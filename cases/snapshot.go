package cases

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// PolicySnapshot is a policy as the store keeps it, by content: a case
// records the Ref of the policy it was opened under, and keeps following
// that policy when the configuration later names another file or a changed
// one.
type PolicySnapshot struct {
	Ref  string // "sha256:" and the hex SHA-256 of Data
	Name string // the policy's name, for people reading the store
	Data []byte // the policy, encoded by SnapshotPolicy
}

// SnapshotPolicy returns the snapshot of p.
func SnapshotPolicy(p *Policy) (PolicySnapshot, error) {
	data, err := json.Marshal(p)
	if err != nil {
		return PolicySnapshot{}, fmt.Errorf("snapshot policy %s: %w", p.Name, err)
	}
	return PolicySnapshot{Ref: policyRef(data), Name: p.Name, Data: data}, nil
}

// policyRef returns the Ref of a snapshot's data.
func policyRef(data []byte) string {
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// Policy decodes the snapshot, checking that its data is what its Ref says.
func (ps PolicySnapshot) Policy() (*Policy, error) {
	if got := policyRef(ps.Data); got != ps.Ref {
		return nil, Errorf(EINTERNAL, "the stored policy %s (%s) is damaged: its content is %s", ps.Name, ps.Ref, got)
	}
	var p Policy
	if err := json.Unmarshal(ps.Data, &p); err != nil {
		return nil, Errorf(EINTERNAL, "the stored policy %s (%s) cannot be read: %v", ps.Name, ps.Ref, err)
	}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("the stored policy %s (%s): %w", ps.Name, ps.Ref, err)
	}
	return &p, nil
}
