package importer

import (
	"context"
	"errors"
)

func readHexo(ctx context.Context, o Options) (*site, error) { return nil, errors.New("todo") }
