package importer

import (
	"context"
	"errors"
)

func readHexo(ctx context.Context, o Options) (*blog, error) { return nil, errors.New("todo") }
