#!/usr/bin/env bash
# Retrieval quality (issue 22, point 6; not part of scripts/test.sh): runs `locara eval-retrieval` on an
# evaluation set (default eval/retrieval) with keyword search alone, then with each embedding model that
# scripts/bench.sh measures, and prints each run's JSON. BENCHMARKS.md, "Retrieval quality", reports them.
#   scripts/eval-retrieval.sh [DIR] [extra eval-retrieval options, e.g. --k 10 --misses]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
dir="${1:-eval/retrieval}"
shift || true
jar="$root/cli/target/locara-cli.jar"

# Builds when the jar is missing or older than a source of the modules it holds.
if [ ! -f "$jar" ] || [ -n "$(find engine-core/src/main cli/src/main engine-core/pom.xml cli/pom.xml -newer "$jar" -print -quit)" ]; then
  echo "[eval-retrieval] building the CLI" >&2
  mvn -B -q install -DskipTests -pl cli -am >&2
fi

cli=(java -jar "$jar")
models="$root/.locara/bench/models"
onnx="$root/.locara/bench/onnx"
# shellcheck source=scripts/embedding-models.sh
. "$root/scripts/embedding-models.sh"
embedding_models

echo "[eval-retrieval] $dir, keyword only" >&2
"${cli[@]}" eval-retrieval "$dir" "$@"
for m in "${EMBEDDING_MODELS[@]}"; do
  echo "[eval-retrieval] $dir with $m" >&2
  "${cli[@]}" eval-retrieval "$dir" --embedding-model "$models/$m" "$@"
done
