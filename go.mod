module github.com/ombud/ombud

go 1.26
