package site

import (
	"strconv"
	"strings"
	"testing"
)

func TestPageNumbers(t *testing.T) {
	tests := []struct {
		n, total int
		want     string
	}{
		{1, 1, "1"},
		{1, 3, "1 2 3"},
		{1, 10, "1 2 3 … 10"},
		{5, 10, "1 … 3 4 5 6 7 … 10"},
		{4, 10, "1 2 3 4 5 6 … 10"},
		{10, 10, "1 … 8 9 10"},
		{500, 1000, "1 … 498 499 500 501 502 … 1000"},
	}
	for _, tt := range tests {
		var got []string
		urls := make([]string, tt.total+1)
		for i := range urls {
			urls[i] = "/page/" + strconv.Itoa(i) + "/"
		}
		for _, l := range pageNumbers(tt.n, tt.total, urls) {
			if l.Name != "…" && l.URL != "/page/"+l.Name+"/" {
				t.Errorf("link %q goes to %q", l.Name, l.URL)
			}
			got = append(got, l.Name)
		}
		if s := strings.Join(got, " "); s != tt.want {
			t.Errorf("pageNumbers(%d, %d) = %s, want %s", tt.n, tt.total, s, tt.want)
		}
	}
}
