package sjsonfile_test

import (
	"reflect"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/ombud/ombud/cases/datadir/sjsonfile"
)

// TestDecode decodes SJSON as FerretDB v1.24 writes it, for every type it
// reads, and refuses what it cannot read.
func TestDecode(t *testing.T) {
	id, _ := bson.ObjectIDFromHex("65a1b2c3d4e5f60718293a4b")
	tests := []struct {
		name, sjson string
		want        bson.D
		err         string
	}{
		{"scalars in schema order",
			`{"$s":{"p":{"_id":{"t":"string"},"n":{"t":"int"},"l":{"t":"long"},"f":{"t":"double"},"b":{"t":"bool"},"d":{"t":"date"},"z":{"t":"null"}},"$k":["_id","n","l","f","b","d","z"]},` +
				`"z":null,"d":1772443800125,"b":true,"f":1.5,"l":5000000000,"n":7,"_id":"C-2026-0001"}`,
			bson.D{{Key: "_id", Value: "C-2026-0001"}, {Key: "n", Value: int32(7)}, {Key: "l", Value: int64(5000000000)},
				{Key: "f", Value: 1.5}, {Key: "b", Value: true}, {Key: "d", Value: bson.DateTime(1772443800125)}, {Key: "z", Value: nil}}, ""},
		{"nested, empty and binary",
			`{"$s":{"p":{"o":{"t":"object","$s":{"p":{"k":{"t":"string"}},"$k":["k"]}},"e":{"t":"object","$s":{}},"a":{"t":"array","i":[{"t":"string"},{"t":"int"}]},"x":{"t":"array","i":[]},"bin":{"t":"binData","s":0},"oid":{"t":"objectId"}},"$k":["o","e","a","x","bin","oid"]},` +
				`"o":{"k":"v"},"e":{},"a":["s",1],"x":[],"bin":"aGk=","oid":"65a1b2c3d4e5f60718293a4b"}`,
			bson.D{{Key: "o", Value: bson.D{{Key: "k", Value: "v"}}}, {Key: "e", Value: bson.D{}}, {Key: "a", Value: bson.A{"s", int32(1)}},
				{Key: "x", Value: bson.A{}}, {Key: "bin", Value: bson.Binary{Data: []byte("hi")}}, {Key: "oid", Value: id}}, ""},
		{"a type ombud never stored", `{"$s":{"p":{"r":{"t":"regex","o":""}},"$k":["r"]},"r":"^a"}`, nil, `"regex" are not read`},
		{"a field missing from the schema", `{"$s":{"p":{},"$k":[]},"a":1}`, nil, "schema names 0 fields"},
		{"an array longer than its schema", `{"$s":{"p":{"a":{"t":"array","i":[]}},"$k":["a"]},"a":[1]}`, nil, "0 array elements"},
		{"not JSON", `{"$s":`, nil, "unexpected end"},
		{"a value with no type", `{"$s":{"p":{"contact":null},"$k":["contact"]},"contact":"kari@example.no"}`, nil, `field "contact": the schema gives this value no type`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sjsonfile.Decode([]byte(tt.sjson))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("Decode = %v, %v; want an error saying %q", got, err, tt.err)
				} else if strings.Contains(err.Error(), "@") {
					t.Errorf("the error %q repeats a stored value; it may be a complainant's contact", err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Decode =\n%#v, %v\nwant\n%#v", got, err, tt.want)
			}
		})
	}
}
