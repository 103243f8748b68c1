package webcheck

import (
	"context"

	"github.com/geul-blog/geul/pkg/site"
)

// Build builds the site whose config.toml is in root, as `geul build` does,
// and writes it to dest.
func Build(ctx context.Context, root, dest string) error {
	res, err := site.NewBuilder(root).Build(ctx)
	if err != nil {
		return err
	}
	return res.Output.WriteDir(ctx, dest)
}
