#!/usr/bin/env bash
# Issue 5 point 3: the same benchmark on a machine with a GPU, Chromium's WebGPU on Vulkan.
# Needs what scripts/bench.sh needs (Java 17, Maven, Node/npm, Chromium) plus a Vulkan driver;
# it fails rather than report SwiftShader's figures as a GPU's. Extra options go to bench.sh,
# e.g. --files llama155m-q4_0.gguf --decode 64.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if command -v vulkaninfo >/dev/null 2>&1; then
  vulkaninfo --summary 2>/dev/null | grep -E "deviceName|driverName" >&2 || true
fi
# Headless Chromium picks SwiftShader unless told to use the GPU: Vulkan for Dawn, the blocklist
# ignored (server GPUs are often on it), and no software fallback.
exec "$root/scripts/bench.sh" --require-gpu \
  --chromium-args "--enable-features=Vulkan --use-vulkan=native --use-angle=vulkan --ignore-gpu-blocklist --disable-software-rasterizer" "$@"
