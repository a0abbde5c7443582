package commands_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportedFieldsDocumented checks that every exported field of an
// exported struct in commands and bot has a comment saying what it holds.
func TestExportedFieldsDocumented(t *testing.T) {
	fset := token.NewFileSet()
	for _, dir := range []string{".", "../bot", "../bot/console"} {
		names, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			file, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(file, func(n ast.Node) bool {
				ts, ok := n.(*ast.TypeSpec)
				if !ok || !ts.Name.IsExported() {
					return true
				}
				st, ok := ts.Type.(*ast.StructType)
				if !ok {
					return true
				}
				for _, f := range st.Fields.List {
					for _, name := range f.Names {
						if name.IsExported() && f.Doc == nil && f.Comment == nil {
							t.Errorf("%s: %s.%s has no comment", fset.Position(name.Pos()), ts.Name.Name, name.Name)
						}
					}
				}
				return true
			})
		}
	}
}
