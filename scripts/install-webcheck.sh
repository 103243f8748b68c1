#!/usr/bin/env bash
# Installs what pkg/webcheck's tests run on the example blog: Java and
# Chromium from Debian when they are missing, and the npm packages vnu-jar
# (the Nu Html Checker) and axe-core, at the versions pinned in
# scripts/webcheck/package-lock.json, into scripts/webcheck/node_modules.
#
#   scripts/install-webcheck.sh && GEUL_REQUIRE_WEBCHECK=1 go test ./pkg/webcheck
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

have() { command -v "$1" >/dev/null 2>&1; }

missing=()
have java || missing+=(default-jre-headless)
have chromium || have chromium-browser || have google-chrome || missing+=(chromium)
have npm || missing+=(nodejs npm)
if ((${#missing[@]})); then
	echo "install-webcheck: installing ${missing[*]} with apt-get" >&2
	sudo=()
	[ "$(id -u)" = 0 ] || sudo=(sudo)
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cd "$here/webcheck"
# --ignore-scripts: vnu-jar's postinstall would download a Java runtime of
# its own; the tests use the system's java.
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

for f in node_modules/vnu-jar/build/dist/vnu.jar node_modules/axe-core/axe.min.js; do
	[ -s "$f" ] || { echo "install-webcheck: npm ci did not install scripts/webcheck/$f" >&2; exit 1; }
done
echo "install-webcheck: $(java -version 2>&1 | head -n1), $(chromium --version 2>/dev/null || true), vnu-jar $(node -p 'require("vnu-jar/package.json").version'), axe-core $(node -p 'require("axe-core/package.json").version')" >&2
