#!/usr/bin/env bash
# Builds Locara and starts the workbench with the demo model; prints the URL to open.
# Extra arguments go to the server (e.g. --port 9000).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
models="$(scripts/demo-model.sh)"
mvn -B -q package -DskipTests -Dlocara.models="$models"
exec java -jar static-server/target/locara-server.jar --models "$models" "$@"
