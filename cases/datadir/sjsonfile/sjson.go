package sjsonfile

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// schema describes a document in SJSON: the type of each field, and the
// order of the fields, which the JSON object does not keep.
type schema struct {
	Properties map[string]*elem `json:"p"`
	Keys       []string         `json:"$k"`
}

// elem describes one value in SJSON.
type elem struct {
	Type    string  `json:"t"`
	Schema  *schema `json:"$s,omitempty"` // of an object
	Items   []*elem `json:"i,omitempty"`  // of an array, one per element
	Subtype *byte   `json:"s,omitempty"`  // of binData
	Options *string `json:"o,omitempty"`  // of a regex
}

// Decode decodes one SJSON document: a JSON object whose "$s" field is the
// schema of the others.
func Decode(data []byte) (bson.D, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return nil, err
	}
	var sch schema
	if err := json.Unmarshal(fields["$s"], &sch); err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	delete(fields, "$s")
	return document(fields, &sch)
}

// document decodes the fields of an object in the order its schema gives.
func document(fields map[string]json.RawMessage, sch *schema) (bson.D, error) {
	if sch == nil {
		sch = &schema{}
	}
	if len(sch.Keys) != len(fields) {
		return nil, fmt.Errorf("the schema names %d fields and the document has %d", len(sch.Keys), len(fields))
	}
	d := make(bson.D, 0, len(sch.Keys))
	for _, k := range sch.Keys {
		raw, ok := fields[k]
		if !ok {
			return nil, fmt.Errorf("field %q is in the schema and not in the document", k)
		}
		v, err := value(raw, sch.Properties[k])
		if err != nil {
			return nil, fmt.Errorf("field %q: %w", k, err)
		}
		d = append(d, bson.E{Key: k, Value: v})
	}
	return d, nil
}

// value decodes one value of the type e gives.
func value(raw json.RawMessage, e *elem) (any, error) {
	if string(raw) == "null" {
		return nil, nil
	}
	if e == nil {
		return nil, errors.New("the schema gives this value no type") // never the value: it may be a complainant's contact
	}
	switch e.Type {
	case "object":
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(raw, &fields); err != nil {
			return nil, err
		}
		return document(fields, e.Schema)
	case "array":
		return array(raw, e.Items)
	case "string":
		return decodeAs[string](raw)
	case "int":
		return decodeAs[int32](raw)
	case "long":
		return decodeAs[int64](raw)
	case "double":
		return decodeAs[float64](raw)
	case "bool":
		return decodeAs[bool](raw)
	case "date":
		ms, err := decodeAs[int64](raw)
		return bson.DateTime(ms), err
	case "binData":
		return binary(raw, e)
	case "objectId":
		return objectID(raw)
	}
	return nil, fmt.Errorf("values of type %q are not read; ombud never stored one", e.Type)
}

// array decodes an array whose elements have the types of items.
func array(raw json.RawMessage, items []*elem) (bson.A, error) {
	var elems []json.RawMessage
	if err := json.Unmarshal(raw, &elems); err != nil {
		return nil, err
	}
	if len(elems) != len(items) {
		return nil, fmt.Errorf("the schema names %d array elements and the array has %d", len(items), len(elems))
	}
	a := make(bson.A, len(elems))
	for i, el := range elems {
		v, err := value(el, items[i])
		if err != nil {
			return nil, fmt.Errorf("element %d: %w", i, err)
		}
		a[i] = v
	}
	return a, nil
}

// decodeAs decodes raw as a T.
func decodeAs[T any](raw json.RawMessage) (T, error) {
	var v T
	err := json.Unmarshal(raw, &v)
	return v, err
}

// binary decodes binary data, base64 in JSON, with the subtype of e.
func binary(raw json.RawMessage, e *elem) (bson.Binary, error) {
	data, err := decodeAs[[]byte](raw)
	if err != nil || e.Subtype == nil {
		return bson.Binary{}, fmt.Errorf("binary data that cannot be read or has no subtype: %v", err)
	}
	return bson.Binary{Subtype: *e.Subtype, Data: data}, nil
}

// objectID decodes an object ID, hex in JSON.
func objectID(raw json.RawMessage) (bson.ObjectID, error) {
	var id bson.ObjectID
	s, err := decodeAs[string](raw)
	if err != nil {
		return id, err
	}
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != len(id) {
		return id, fmt.Errorf("%q is not an object ID", s)
	}
	copy(id[:], b)
	return id, nil
}
