#!/usr/bin/env bash
# Prints the folder that holds the demo model, stories260K.gguf: ../shared/models beside the
# checkout when it is there, otherwise .locara/models, downloaded once from its public URL and
# checked against the pinned SHA-256.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
name=stories260K.gguf
url=https://huggingface.co/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf
sha=270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d

if [ -f "$root/../shared/models/$name" ]; then
  cd "$root/../shared/models" && pwd
  exit 0
fi
dir="$root/.locara/models"
if [ ! -f "$dir/$name" ]; then
  mkdir -p "$dir"
  echo "Downloading the demo model from $url" >&2
  curl -fL --retry 3 -o "$dir/$name.part" "$url" >&2
  if ! echo "$sha  $dir/$name.part" | sha256sum -c --status; then
    rm -f "$dir/$name.part"
    echo "The downloaded demo model does not match its pinned SHA-256; nothing was kept. Try again." >&2
    exit 1
  fi
  mv "$dir/$name.part" "$dir/$name"
fi
echo "$dir"
