package importer

import (
	"context"
	"errors"
)

func readJekyll(ctx context.Context, o Options) (*site, error) { return nil, errors.New("todo") }
