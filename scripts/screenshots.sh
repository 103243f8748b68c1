#!/usr/bin/env bash
# Builds the example blog and takes screenshots of a post at 375 px and
# 1280 px wide, light and dark, into docs/screenshots/ (for the README).
# Korean text and emoji need fonts: Noto CJK and Noto Color Emoji are
# installed with apt-get when missing, and Chromium too.
#
#   scripts/screenshots.sh [-page /posts/other/ -name other -height 1600]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

missing=()
for pkg in fonts-noto-cjk fonts-noto-color-emoji; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 || missing+=(chromium)
if ((${#missing[@]})); then
	echo "screenshots: installing ${missing[*]} with apt-get" >&2
	sudo=()
	[ "$(id -u)" = 0 ] || sudo=(sudo)
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cd "$root"
go run ./scripts/screenshots -site . -out docs/screenshots "$@"
