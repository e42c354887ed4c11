#!/usr/bin/env bash
# Load test of the Locara server on loopback with wrk: the app shell (index.html), then random byte ranges
# of a model file. Prints requests/s, median and p99 latency, socket errors and wrong answers per run.
#
#   scripts/load-test.sh [--duration 30s] [--connections 64] [--threads 2] [--model FILE] [--range-bytes N]
#
# The model defaults to the demo model (scripts/demo-model.sh); --model takes any file, e.g. a real GGUF.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

duration=30s connections=64 threads=2 model="" span=65536
usage="Usage: scripts/load-test.sh [--duration 30s] [--connections 64] [--threads 2] [--model FILE] [--range-bytes N]"
while [ $# -gt 0 ]; do
  case "$1" in
    --duration|--connections|--threads|--model|--range-bytes)
      [ $# -ge 2 ] || { echo "$1 needs a value. $usage" >&2; exit 2; } ;;
    *) echo "Unknown argument '$1'. $usage" >&2; exit 2 ;;
  esac
  case "$1" in
    --duration) duration="$2" ;;
    --connections) connections="$2" ;;
    --threads) threads="$2" ;;
    --model) model="$2" ;;
    --range-bytes) span="$2" ;;
  esac
  shift 2
done

# Debian's wrk, installed when missing and we may, as scripts/test.sh does with chromium.
if ! command -v wrk >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "Installing Debian's wrk for the load test" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "wrk is not installed: install it (Debian: apt-get install wrk) and run this again." >&2
    exit 1
  fi
fi

if [ -z "$model" ]; then
  model="$(scripts/demo-model.sh)/stories260K.gguf"
fi
[ -f "$model" ] || { echo "Model file not found: $model" >&2; exit 1; }
size="$(stat -c %s "$model")"
[ "$size" -ge "$span" ] || { echo "The model ($size bytes) is smaller than one range ($span bytes)" >&2; exit 1; }

jar=static-server/target/locara-server.jar
if [ ! -f "$jar" ]; then
  echo "Building the server (once): $jar is missing" >&2
  mvn -B -q package -DskipTests -Dlocara.models="$(scripts/demo-model.sh)"
fi

log="$(mktemp)"
java -jar "$jar" --port 0 --models "$(dirname "$model")" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -f "$log"' EXIT
url=""
for _ in $(seq 1 100); do
  url="$(sed -n 's/^Locara is running at \(http[^ ]*\) .*/\1/p' "$log")"
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { echo "The server did not start:" >&2; cat "$log" >&2; exit 1; }

echo "Server $url, wrk $threads threads, $connections connections, $duration per run, $(nproc) CPUs"
run() {
  local name="$1"; shift
  local line
  line="$(wrk --threads "$threads" --connections "$connections" --duration "$duration" --latency \
    --script scripts/load-test.lua "$@" | grep '^RESULT')"
  echo "$name: ${line#RESULT }"
}
run "app shell (GET /index.html)" "${url}index.html"
run "model ranges ($span bytes of $(basename "$model"), $size bytes)" \
  "${url}models/$(basename "$model")" -- "$size" "$span"
