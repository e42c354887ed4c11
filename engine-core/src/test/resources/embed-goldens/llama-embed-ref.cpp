// Loads an embedding GGUF with llama.cpp's shared library and prints, for each sequence of token ids
// given on the command line (sequences separated by ","), its pooled embedding as the model's
// pooling_type says, L2-normalized, one line of space-separated values per sequence. Opaque param
// structs: defaults are used as-is, except flash attention (as in arch-goldens/llama-ref.cpp).
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <cstring>
#include <vector>
extern "C" {
struct big { alignas(16) unsigned char b[2048]; };
struct llama_batch { int32_t n_tokens; int32_t* token; float* embd; int32_t* pos; int32_t* n_seq_id; int32_t** seq_id; int8_t* logits; };
void ggml_backend_load_all_from_path(const char*);
void llama_backend_init(void);
big llama_model_default_params(void);
big llama_context_default_params(void);
void* llama_model_load_from_file(const char*, big);
void* llama_init_from_model(void*, big);
llama_batch llama_batch_get_one(int32_t*, int32_t);
int32_t llama_encode(void*, llama_batch);
void llama_set_embeddings(void*, bool);
float* llama_get_embeddings_seq(void*, int32_t);
int32_t llama_model_n_embd(const void*);
}
int main(int argc, char** argv) {
  ggml_backend_load_all_from_path(getenv("LLBIN"));
  llama_backend_init();
  void* m = llama_model_load_from_file(argv[1], llama_model_default_params());
  if (!m) { fprintf(stderr, "load failed\n"); return 1; }
  big cp = llama_context_default_params();
  // Flash attention (auto by default) computes in f16 on the CPU: off. flash_attn_type (-1 = auto) sits
  // at byte offset 52 of llama_context_params in this build (see arch-goldens/llama-ref.cpp).
  int32_t off = 0, was;
  memcpy(&was, cp.b + 52, 4);
  if (was != -1) { fprintf(stderr, "unexpected params layout\n"); return 1; }
  memcpy(cp.b + 52, &off, 4);
  void* c = llama_init_from_model(m, cp);
  if (!c) { fprintf(stderr, "ctx failed\n"); return 1; }
  llama_set_embeddings(c, true);
  int n = llama_model_n_embd(m);
  std::vector<int32_t> t;
  for (int i = 2; i <= argc; i++) {
    if (i < argc && strcmp(argv[i], ",") != 0) { t.push_back(atoi(argv[i])); continue; }
    // One sequence per encode: the context holds no memory between calls.
    if (llama_encode(c, llama_batch_get_one(t.data(), (int32_t)t.size())) != 0) { fprintf(stderr, "encode failed\n"); return 1; }
    float* e = llama_get_embeddings_seq(c, 0);
    if (!e) { fprintf(stderr, "no pooled embedding\n"); return 1; }
    double ss = 0;
    for (int k = 0; k < n; k++) ss += (double) e[k] * e[k];
    for (int k = 0; k < n; k++) printf(k ? " %.8g" : "%.8g", e[k] / sqrt(ss));
    printf("\n");
    t.clear();
  }
  return 0;
}
