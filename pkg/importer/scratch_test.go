package importer

import (
	"context"
	"os"
	"testing"
)

func TestScratch(t *testing.T) {
	src := os.Getenv("SCRATCH_SRC")
	if src == "" {
		t.Skip()
	}
	rep, err := Run(context.Background(), Options{Source: os.Getenv("SCRATCH_KIND"), From: src, Into: os.Getenv("SCRATCH_INTO")})
	if err != nil {
		t.Fatal(err)
	}
	t.Log(rep.String())
}
