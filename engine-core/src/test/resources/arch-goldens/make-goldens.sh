#!/bin/bash
# Regenerates engine-core/src/test/resources/arch-goldens: synthetic models from `locara synth`,
# evaluated by llama.cpp (libllama from node-llama-cpp's prebuilt linux-x64 package) through ref.cpp.
set -e
# REPO: this checkout (cli/target/locara-cli.jar built); LLBIN: the folder of libllama.v0.5.0.so and the
# libggml*.so beside it; WORK: a scratch folder holding llama-ref (built from llama-ref.cpp) and tokens.txt.
: "${REPO:?}" "${LLBIN:?}" "${WORK:?}"
OUT=$REPO/engine-core/src/test/resources/arch-goldens
J="java -jar $REPO/cli/target/locara-cli.jar synth"
TOK=$(cat $WORK/tokens.txt)
gen() { # name, then synth args
  local name=$1; shift
  $J "$@" --out $WORK/$name.gguf > /dev/null
  LLBIN=$LLBIN "$WORK/llama-ref" $WORK/$name.gguf $TOK > $WORK/$name.logits 2> $WORK/$name.err
  { echo "# last-position logits of llama.cpp after the prompt below; one value per token id"
    echo "synth: $*"
    echo "tokens: $TOK"
    cat $WORK/$name.logits; } > $OUT/$name.txt
}
C="--dim 64 --layers 2 --heads 4 --kv-heads 2 --ffn 160 --vocab 300 --seed 11"
gen llama $C --context 256 --llama3-rope --arch llama
gen qwen2 $C --context 256 --arch qwen2
gen phi3 $C --context 4096 --arch phi3
gen gemma2 --dim 64 --layers 3 --heads 4 --kv-heads 2 --ffn 160 --vocab 300 --seed 11 --context 256 --arch gemma2 --head-dim 24 --window 8 --attn-softcap 1.5 --final-softcap 3
gen gemma3 --dim 64 --layers 6 --heads 4 --kv-heads 2 --ffn 160 --vocab 300 --seed 11 --context 256 --arch gemma3 --head-dim 24 --window 8 --rope-theta 1000000
