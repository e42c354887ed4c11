#!/usr/bin/env bash
# Runs every test: the JVM tests of each module and the end-to-end tests in headless Chromium.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# Playwright cannot download browsers on machines without access to its CDN: use Debian's
# chromium, installing it when missing and we may. Elsewhere Playwright's own Chromium is used.
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing Debian's chromium for the browser tests" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
models="$(scripts/demo-model.sh)"
exec mvn -B verify -Dlocara.models="$models" "$@"
