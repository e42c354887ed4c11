// Loads a GGUF with llama.cpp's shared library, evaluates token ids given on the command line,
// prints the last-position logits one per line. Opaque param structs: defaults are used as-is.
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
int32_t llama_decode(void*, llama_batch);
float* llama_get_logits_ith(void*, int32_t);
const void* llama_model_get_vocab(const void*);
int32_t llama_vocab_n_tokens(const void*);
}
int main(int argc, char** argv) {
  ggml_backend_load_all_from_path(getenv("LLBIN"));
  llama_backend_init();
  void* m = llama_model_load_from_file(argv[1], llama_model_default_params());
  if (!m) { fprintf(stderr, "load failed\n"); return 1; }
  // The KV cache defaults to F16; F32 keeps the reference at float precision. type_k and type_v sit
  // at byte offsets 104 and 108 of llama_context_params in this build (found by dumping the defaults:
  // two GGML_TYPE_F16 = 1 right after the cb_eval pointer pair).
  big cp = llama_context_default_params();
  int32_t f32 = 0, was[2];
  memcpy(was, cp.b + 104, 8);
  if (was[0] != 1 || was[1] != 1) { fprintf(stderr, "unexpected params layout\n"); return 1; }
  memcpy(cp.b + 104, &f32, 4); memcpy(cp.b + 108, &f32, 4);
  // Flash attention (auto by default) computes in f16 on the CPU: off.
  // flash_attn_type (-1 = auto) is at offset 52: found by trying each -1 field until the log said "disabled".
  memcpy(was, cp.b + 52, 4);
  if (was[0] != -1) { fprintf(stderr, "unexpected params layout\n"); return 1; }
  memcpy(cp.b + 52, &f32, 4);
  void* c = llama_init_from_model(m, cp);
  if (!c) { fprintf(stderr, "ctx failed\n"); return 1; }
  std::vector<int32_t> t;
  for (int i = 2; i < argc; i++) t.push_back(atoi(argv[i]));
  if (llama_decode(c, llama_batch_get_one(t.data(), (int32_t)t.size())) != 0) { fprintf(stderr, "decode failed\n"); return 1; }
  float* l = llama_get_logits_ith(c, -1);
  int n = llama_vocab_n_tokens(llama_model_get_vocab(m));
  for (int i = 0; i < n; i++) printf("%.9g\n", l[i]);
  return 0;
}
