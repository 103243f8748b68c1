package importer

import (
	"context"
	"errors"
)

func readJekyll(ctx context.Context, o Options) (*blog, error) { return nil, errors.New("todo") }
