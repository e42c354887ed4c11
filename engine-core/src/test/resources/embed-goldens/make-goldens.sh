#!/bin/bash
# Regenerates engine-core/src/test/resources/embed-goldens: synthetic embedding models from `locara synth`,
# embedded by llama.cpp (libllama from node-llama-cpp's prebuilt linux-x64 package) through llama-embed-ref.cpp.
set -e
# REPO: this checkout (cli/target/locara-cli.jar built); LLBIN: the folder of libllama.v0.5.0.so and the
# libggml*.so beside it; WORK: a scratch folder holding llama-embed-ref (built from llama-embed-ref.cpp).
: "${REPO:?}" "${LLBIN:?}" "${WORK:?}"
OUT=$REPO/engine-core/src/test/resources/embed-goldens
# Two sequences: [CLS] 10 tokens [SEP], and [CLS] 300 tokens [SEP] (rotary angles far out); ids of the
# synthetic vocabulary ([CLS] = 2, [SEP] = 3, pieces from 5).
A="2 $(seq 0 9 | awk '{printf "%d ", ($1 * 37 + 11) % 30517 + 5}')3"
B="2 $(seq 0 299 | awk '{printf "%d ", ($1 * 7919 + 101) % 30517 + 5}')3"
gen() { # golden name, then synth args
  local name=$1; shift
  java -jar $REPO/cli/target/locara-cli.jar synth "$@" --out $WORK/$name.gguf > /dev/null
  LLBIN=$LLBIN "$WORK/llama-embed-ref" $WORK/$name.gguf $A , $B > $WORK/$name.vectors 2> $WORK/$name.err
  { echo "# llama.cpp's pooled, L2-normalized embeddings of the token sequences below, one line of values per sequence"
    echo "synth: $*"
    echo "tokens: $A"
    echo "tokens: $B"
    cat $WORK/$name.vectors; } > $OUT/$name.txt
}
gen nomic-bert nomic-embed-text-v1.5 --layers 2 --seed 7
gen bert bge-small-en-v1.5 --layers 2 --seed 7
