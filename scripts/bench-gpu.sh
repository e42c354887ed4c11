#!/usr/bin/env bash
# Issue 5 point 3: the benchmark of scripts/bench.sh on a machine with a GPU (Chromium's WebGPU on
# Vulkan), where nothing can be installed or downloaded. Two steps:
#
#   scripts/bench-gpu.sh pack    here: builds, and packs everything the run needs into one bundle
#                                (a JRE made by jlink, the driver's jars, the CLI, the bench page with
#                                wllama, the demo model, this machine's Chromium and the libraries it
#                                links), split into parts of at most 56 MiB with a SHA256SUMS list, in
#                                .locara/gpu-bundle/parts/
#   scripts/bench-gpu.sh run [bench options]
#                                there, on x86-64 Linux with a Vulkan driver: gathers the parts (this
#                                checkout's .locara/gpu-bundle/parts/ plus any staged before), checks
#                                them, unpacks, writes the synthetic models with the project's synth
#                                command, finds the Chromium flags under which WebGPU gets the GPU, and
#                                runs the benchmark with --require-gpu. Figures go to $OUT when set
#                                (a lent machine's output folder), else .locara/bench/results/.
#   LOCARA_GPU_ALLOW_SOFTWARE=1 scripts/bench-gpu.sh run --files stories260K.gguf
#                                a rehearsal of the run where there is no GPU (SwiftShader)
#   scripts/bench-gpu.sh stage   there: keeps the parts carried so far in $LOCARA_GPU_DIR/parts, for
#                                machines that take the bundle over several transfers.
#
# The models of the GPU run: the demo model, the synthetic 155M llama in Q4_0 and Q4_K_M, and
# Qwen2.5-0.5B- and Llama-3.2-1B-shaped models in Q4_K_M (issue 5's 0.5B to 3B range).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
parts="$root/.locara/gpu-bundle/parts"
work="${LOCARA_GPU_DIR:-/tmp/locara-gpu}"
part_size=56M

log() { echo "[bench-gpu] $*" >&2; }

# Every non-glibc library $1 links, transitively: the run prefers the GPU machine's own copy of a
# library when it has one (newer distributions keep the ABI) and falls back on these.
linked_libs() {
  ldd "$@" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u |
    grep -v -E '/(libc|libm|libdl|libpthread|librt|libresolv|libutil|ld-linux[^/]*)\.so' || true
}

pack() {
  local chromium_dir=/usr/lib/chromium
  [ -x "$chromium_dir/chromium" ] || { echo "pack needs Debian's chromium in $chromium_dir (apt-get install chromium)" >&2; exit 1; }
  command -v jlink >/dev/null || { echo "pack needs a JDK 17 with jlink" >&2; exit 1; }
  LOCARA_BENCH_PREPARE_ONLY=1 scripts/bench.sh
  local b="$root/.locara/gpu-bundle/stage"
  rm -rf "$b" "$parts"
  mkdir -p "$b/java" "$b/lib" "$b/models" "$b/chromium/locales" "$parts"

  log "JRE (jlink)"
  # Modules the driver (Undertow, DevTools over java.net.http, Gson) and the CLI use; stored
  # uncompressed, since the bundle's xz compresses them better than jlink's zip.
  jlink --add-modules java.base,java.logging,java.net.http,java.naming,java.management,java.xml,java.sql,jdk.unsupported \
    --strip-debug --no-header-files --no-man-pages --output "$b/jre"
  cp -r bench/target/classes "$b/java/classes"
  tr ':' '\n' <bench/target/classpath.txt | while read -r jar; do cp "$jar" "$b/java/"; done
  cp cli/target/locara-cli.jar "$b/java/"
  cp -r bench/target/bench-webapp "$b/app"
  cp .locara/bench/models/stories260K.gguf "$b/models/"
  cp scripts/bench-gpu.sh "$b/"

  log "Chromium $("$chromium_dir/chromium" --version 2>/dev/null) and the libraries it links"
  # No validation layer or mock driver. SwiftShader stays for a rehearsal on a machine without a GPU
  # (LOCARA_GPU_ALLOW_SOFTWARE=1); a real run rejects it (--require-gpu).
  for f in chromium chrome_crashpad_handler icudtl.dat resources.pak chrome_100_percent.pak \
    chrome_200_percent.pak snapshot_blob.bin v8_context_snapshot.bin libvulkan.so.1 libEGL.so libGLESv2.so \
    libvk_swiftshader.so vk_swiftshader_icd.json; do
    [ -e "$chromium_dir/$f" ] && cp "$chromium_dir/$f" "$b/chromium/"
  done
  cp "$chromium_dir/locales/en-US.pak" "$b/chromium/locales/"
  local multiarch=/usr/lib/x86_64-linux-gnu
  # NSS loads its crypto modules by name; the NVIDIA Vulkan driver needs GLVND's dispatch libraries.
  local extra=("$multiarch"/libsoftokn3.so "$multiarch"/libfreeblpriv3.so "$multiarch"/libnssckbi.so
    "$multiarch"/libGLdispatch.so.0 "$multiarch"/libGLX.so.0 "$multiarch"/libEGL.so.1 "$multiarch"/libOpenGL.so.0
    "$multiarch"/libGLESv2.so.2 "$multiarch"/libGL.so.1 "$multiarch"/nss/libsoftokn3.so "$multiarch"/nss/libfreeblpriv3.so)
  local present=()
  for f in "${extra[@]}"; do [ -e "$f" ] && present+=("$f"); done
  { linked_libs "$chromium_dir/chromium" "${present[@]}" "$b"/jre/lib/*.so "$b"/jre/lib/server/libjvm.so; printf '%s\n' "${present[@]}"; } |
    sort -u | while read -r lib; do cp -L "$lib" "$b/lib/$(basename "$lib")"; done

  log "packing $(du -sh "$b" | cut -f1) with xz"
  tar -C "$b" -cf - . | xz -T0 -9 >"$parts/bundle.tar.xz"
  (cd "$parts" && split -b "$part_size" -d bundle.tar.xz part- && rm bundle.tar.xz && sha256sum part-* >SHA256SUMS)
  rm -rf "$b"
  log "parts ($(du -sh "$parts" | cut -f1)):"
  ls -l "$parts" >&2
}

stage() {
  mkdir -p "$work/parts"
  if [ -d "$parts" ]; then
    cp -f "$parts"/* "$work/parts/"
  fi
  log "staged in $work/parts: $(cd "$work/parts" && ls | tr '\n' ' ')"
}

# Installs each library of the bundle that this machine lacks (by file name) into $work/lib.
libraries() {
  local have
  have="$(PATH="$PATH:/sbin:/usr/sbin" ldconfig -p | awk '{print $1}' | sort -u)"
  rm -rf "$work/lib" && mkdir -p "$work/lib"
  local n=0
  for lib in "$work/bundle/lib"/*; do
    if ! grep -qxF "$(basename "$lib")" <<<"$have"; then
      ln -s "$lib" "$work/lib/" && n=$((n + 1))
    fi
  done
  log "$n of the bundle's libraries are missing here and used from it"
}

run() {
  stage
  [ -f "$work/parts/SHA256SUMS" ] || { echo "no bundle parts: run 'scripts/bench-gpu.sh pack' where the project builds, and carry .locara/gpu-bundle/parts" >&2; exit 1; }
  (cd "$work/parts" && sha256sum -c --quiet SHA256SUMS) || { echo "bundle parts missing or damaged in $work/parts" >&2; exit 1; }
  rm -rf "$work/bundle" && mkdir -p "$work/bundle"
  cat "$work/parts"/part-* | xz -d | tar -C "$work/bundle" -xf -
  local b="$work/bundle"
  libraries
  local ld="$work/lib"
  for d in /usr/local/nvidia/lib64 /usr/local/nvidia/lib; do [ -d "$d" ] && ld="$ld:$d"; done
  export LD_LIBRARY_PATH="$ld${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  # Containers often mount the NVIDIA driver outside the loaders' search paths.
  local icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  [ -f "$icd" ] && [ -z "${VK_DRIVER_FILES:-}" ] && export VK_DRIVER_FILES="$icd"
  local egl=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
  [ -f "$egl" ] && [ -z "${__EGL_VENDOR_LIBRARY_FILENAMES:-}" ] && export __EGL_VENDOR_LIBRARY_FILENAMES="$egl"
  # What the Vulkan loader will find, for a run that gets no GPU adapter.
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.memory --format=csv >&2 || true
  log "VK_DRIVER_FILES=${VK_DRIVER_FILES:-unset}; ICDs: $(ls /usr/share/vulkan/icd.d /etc/vulkan/icd.d /usr/local/nvidia/share/vulkan/icd.d 2>/dev/null | tr '\n' ' ')"
  log "devices: $(ls /dev/nvidia* /dev/dri 2>/dev/null | tr '\n' ' ')"

  local java="$b/jre/bin/java" models="$work/models"
  mkdir -p "$models"
  cp "$b/models/stories260K.gguf" "$models/"
  log "synthetic models (the project's synth command)"
  local cli=("$java" -jar "$b/java/locara-cli.jar" synth) llama155m=(--dim 1024 --layers 8 --heads 16 --kv-heads 4 --ffn 2816 --vocab 32000 --context 2048)
  [ -f "$models/llama155m-q4_0.gguf" ] || "${cli[@]}" "${llama155m[@]}" --type Q4_0 --out "$models/llama155m-q4_0.gguf" >&2 &
  [ -f "$models/llama155m-q4_k_m.gguf" ] || "${cli[@]}" "${llama155m[@]}" --type Q4_K_M --out "$models/llama155m-q4_k_m.gguf" >&2 &
  [ -f "$models/qwen2.5-0.5b-q4_k_m.gguf" ] || "${cli[@]}" qwen2.5-0.5b --type Q4_K_M --out "$models/qwen2.5-0.5b-q4_k_m.gguf" >&2 &
  [ -f "$models/llama-3.2-1b-q4_k_m.gguf" ] || "${cli[@]}" llama-3.2-1b --type Q4_K_M --out "$models/llama-3.2-1b-q4_k_m.gguf" >&2 &
  wait

  local out="${OUT:-$root/.locara/bench/results}"
  mkdir -p "$out"
  # UTF-8 on stdout even where the locale is C (a bare machine): the table prints × and ≥.
  local driver=("$java" -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8 -cp "$b/java/classes:$b/java/*" dev.locara.bench.Bench --app "$b/app" --models "$models"
    --chromium "$b/chromium/chromium")
  # Headless Chromium keeps WebGPU on SwiftShader unless told to use the GPU. Flag sets, tried in
  # order with the probes alone until one gives a GPU adapter: Vulkan for ANGLE and Dawn without a
  # display surface, the GPU blocklist ignored (server GPUs are often on it).
  local flagsets=(
    "--enable-features=Vulkan --use-angle=vulkan --use-vulkan=native --disable-vulkan-surface --ignore-gpu-blocklist --disable-dev-shm-usage"
    "--enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan --use-angle=vulkan --disable-vulkan-surface --ignore-gpu-blocklist --disable-dev-shm-usage"
    "--use-angle=vulkan --ignore-gpu-blocklist --enable-dawn-features=allow_unsafe_apis --disable-dev-shm-usage"
  )
  local flags="" require=(--require-gpu)
  if [ "${LOCARA_GPU_ALLOW_SOFTWARE:-}" = 1 ]; then
    # A rehearsal where there is no GPU: the same steps, ending on Chromium's default SwiftShader.
    require=(--require-adapter)
    flagsets+=("--disable-dev-shm-usage")
  fi
  for f in "${flagsets[@]}"; do
    log "probing with: $f"
    if "${driver[@]}" --out "$work/probe.json" --files none --no-wllama "${require[@]}" --chromium-args "$f" >&2; then
      flags="$f"
      break
    fi
  done
  [ -n "$flags" ] || { echo "Chromium offered WebGPU no GPU adapter under any flag set (chrome://gpu above)" >&2; exit 1; }
  log "running the benchmark with: $flags"
  local files=stories260K.gguf,llama155m-q4_0.gguf,llama155m-q4_k_m.gguf,qwen2.5-0.5b-q4_k_m.gguf,llama-3.2-1b-q4_k_m.gguf
  "${driver[@]}" --out "$out/bench-gpu-$(date -u +%Y%m%dT%H%M%SZ).json" "${require[@]}" --chromium-args "$flags" \
    --files "$files" "$@"
}

case "${1:-}" in
  pack) shift; pack "$@" ;;
  stage) shift; stage ;;
  run) shift; run "$@" ;;
  *) echo "usage: scripts/bench-gpu.sh pack | stage | run [bench options]" >&2; exit 2 ;;
esac
