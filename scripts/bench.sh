#!/usr/bin/env bash
# The benchmark of issue 5 (not part of scripts/test.sh): in one headless Chromium with WebGPU,
# measures the adapter's limits with probe kernels, then runs the demo model and synthetic models
# in Locara and in wllama (llama.cpp compiled to WebAssembly), and prints a side-by-side table.
# Raw figures: .locara/bench/results/bench-<time>.json, the table beside it as .md.
#
# Options (passed to the driver, dev.locara.bench.Bench):
#   --files a.gguf,b.gguf    models to run, from .locara/bench/models (default: all four below)
#   --prompts 64,512         prompt lengths; decode continues the first   (default 64,512)
#   --decode 128             tokens decoded                               (default 128)
#   --context 1024           KV cache length for both runtimes            (default 1024)
#   --embed-files a.gguf,... embedding models, chunks of 128 tokens as one request (default: the
#                            two below, converted by convert-onnx from langchain4j's ONNX artifacts;
#                            --embed-files '' skips them); wllama embeds the same texts one per call
#   --embed-chunks 64        chunks per embedding request                    (default 64)
#   --embed-runs 2           timed runs of each embedding batch, the best kept   (default 2)
#   --wllama-embed-deadline 1800  seconds a wllama embedding run may take before it is recorded
#                            as an error and the benchmark goes on            (default 1800)
#   --no-wllama              Locara only
#   --kernels                also time the matrix kernels alone (matvec, matmul per weight type)
#   --files none             no models (with --kernels: a kernel-only run in a minute)
#   --profile                also time the longest prompt's first and last chunks, and the decode
#                            step after it, kernel by kernel; and one embedding chunk, kernel by kernel
#   --gpu-shapes             Locara's kernels in a real GPU's shapes whatever the adapter: on
#                            SwiftShader, a rehearsal of the code a GPU runs (its speeds mean nothing)
#   --kernel-types Q4_0,Q4_K  --kernel-matmul no    narrow the kernel run
#   --kernel-variants f.wgsl:WG:SPLIT:ROWS,...      also time trial copies of matvec.wgsl, interleaved
#                            (copied into bench/target/bench-webapp/kernels/ by hand, after a
#                            build; LOCARA_BENCH_SKIP_BUILD=1 skips the build on reruns)
#   --chromium PATH          the browser (default /usr/bin/chromium), driven over DevTools
#   --chromium-args "..."    extra Chromium flags (scripts/bench-gpu.sh passes Vulkan's)
#   --require-gpu            fail unless the adapter is a real GPU (not SwiftShader, llvmpipe or a
#                            fallback adapter); chrome://gpu's report is printed first
#   --require-adapter        fail when WebGPU offers no adapter at all
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bench="$root/.locara/bench"
models="$bench/models"
mkdir -p "$models" "$bench/results"

if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing Debian's chromium" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

if [ "${LOCARA_BENCH_SKIP_BUILD:-}" != 1 ]; then
  echo "[bench] building (mvn -Pbench)" >&2
  mvn -B -q -Pbench package -DskipTests -pl bench,cli -am
fi

# wllama is installed here at benchmark time, never committed (.locara/ is git-ignored).
wllama="$bench/node_modules/@wllama/wllama"
if [ "$(node -p "require('$wllama/package.json').version" 2>/dev/null || true)" != 3.8.1 ]; then
  echo "[bench] installing @wllama/wllama 3.8.1 into $bench" >&2
  npm install --silent --no-audit --no-fund --prefix "$bench" @wllama/wllama@3.8.1
fi
app="$root/bench/target/bench-webapp"
rm -rf "$app/wllama"
cp -r "$wllama/esm" "$app/wllama"

# The models: the demo model, and synthetic ones written by the project's synth command.
demo="$(scripts/demo-model.sh)/stories260K.gguf"
[ -f "$models/stories260K.gguf" ] || cp "$demo" "$models/stories260K.gguf"
# scripts/bench-gpu.sh pack stops here: the GPU machine writes the synthetic models itself.
[ "${LOCARA_BENCH_PREPARE_ONLY:-}" = 1 ] && exit 0
cli=(java -jar "$root/cli/target/locara-cli.jar")
llama155m=(--dim 1024 --layers 8 --heads 16 --kv-heads 4 --ffn 2816 --vocab 32000 --context 2048)
[ -f "$models/llama155m-q4_0.gguf" ] || "${cli[@]}" synth "${llama155m[@]}" --type Q4_0 --out "$models/llama155m-q4_0.gguf" >&2
[ -f "$models/llama155m-q4_k_m.gguf" ] || "${cli[@]}" synth "${llama155m[@]}" --type Q4_K_M --out "$models/llama155m-q4_k_m.gguf" >&2
[ -f "$models/qwen2.5-0.5b-q4_k_m.gguf" ] || "${cli[@]}" synth qwen2.5-0.5b --type Q4_K_M --out "$models/qwen2.5-0.5b-q4_k_m.gguf" >&2

# The embedding models: langchain4j's ONNX exports, converted as the tests convert them.
onnx="$bench/onnx"
# shellcheck source=scripts/embedding-models.sh
. "$root/scripts/embedding-models.sh"
embedding_models

out="$bench/results/bench-$(date -u +%Y%m%dT%H%M%SZ).json"
exec java -cp "$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")" dev.locara.bench.Bench \
  --app "$app" --models "$models" --out "$out" \
  --files stories260K.gguf,llama155m-q4_0.gguf,llama155m-q4_k_m.gguf,qwen2.5-0.5b-q4_k_m.gguf \
  --embed-files "$(IFS=,; echo "${EMBEDDING_MODELS[*]}")" "$@"
