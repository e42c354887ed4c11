package dev.locara.cache;

/**
 * The built-in manifest: the demo model and the models pinned in the project's model-pins.tsv, with
 * their exact sizes and SHA-256 (ManifestPinsTest proves they match). Memory is the file plus an
 * f32 KV cache at the default context (min(4096, model context)); embedding models keep no KV cache.
 * Kept in Java so that the browser build has it without fetching anything.
 */
final class BuiltinManifest {
    private BuiltinManifest() {
    }

    static final String JSON = """
        {
          "version": 1,
          "models": [
            {
              "id": "stories260k",
              "name": "TinyStories 260K (demo, F32)",
              "category": "chat",
              "architecture": "llama",
              "quantization": "F32",
              "file": "stories260K.gguf",
              "size": 1185376,
              "sha256": "270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d",
              "sources": [
                "models/stories260K.gguf",
                "https://huggingface.co/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf"
              ],
              "license": {
                "id": "mit",
                "spdx": "MIT",
                "name": "MIT License",
                "url": "https://opensource.org/license/mit",
                "acceptTerms": false
              },
              "parameters": {
                "total": 260000,
                "active": 260000,
                "approximate": true
              },
              "contextLength": 2048,
              "memory": {
                "context": 2048,
                "bytes": 3806816
              }
            },
            {
              "id": "qwen2.5-0.5b-instruct-q4_k_m",
              "name": "Qwen2.5-0.5B-Instruct-Q4_K_M",
              "category": "chat",
              "architecture": "qwen2",
              "quantization": "Q4_K_M",
              "file": "Qwen2.5-0.5B-Instruct-Q4_K_M.gguf",
              "size": 397808192,
              "sha256": "6eb923e7d26e9cea28811e1a8e852009b21242fb157b26149d3b188f3a8c8653",
              "sources": [
                "models/Qwen2.5-0.5B-Instruct-Q4_K_M.gguf",
                "https://huggingface.co/bartowski/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/Qwen2.5-0.5B-Instruct-Q4_K_M.gguf"
              ],
              "license": {
                "id": "apache-2.0",
                "spdx": "Apache-2.0",
                "name": "Apache License 2.0",
                "url": "https://www.apache.org/licenses/LICENSE-2.0",
                "acceptTerms": false
              },
              "parameters": {
                "total": 494032768,
                "active": 494032768,
                "approximate": false
              },
              "contextLength": 32768,
              "memory": {
                "context": 4096,
                "bytes": 498471488
              }
            },
            {
              "id": "qwen2.5-1.5b-instruct-q4_k_m",
              "name": "Qwen2.5-1.5B-Instruct-Q4_K_M",
              "category": "chat",
              "architecture": "qwen2",
              "quantization": "Q4_K_M",
              "file": "Qwen2.5-1.5B-Instruct-Q4_K_M.gguf",
              "size": 986048768,
              "sha256": "1adf0b11065d8ad2e8123ea110d1ec956dab4ab038eab665614adba04b6c3370",
              "sources": [
                "models/Qwen2.5-1.5B-Instruct-Q4_K_M.gguf",
                "https://huggingface.co/bartowski/Qwen2.5-1.5B-Instruct-GGUF/resolve/main/Qwen2.5-1.5B-Instruct-Q4_K_M.gguf"
              ],
              "license": {
                "id": "apache-2.0",
                "spdx": "Apache-2.0",
                "name": "Apache License 2.0",
                "url": "https://www.apache.org/licenses/LICENSE-2.0",
                "acceptTerms": false
              },
              "parameters": {
                "total": 1543714304,
                "active": 1543714304,
                "approximate": false
              },
              "contextLength": 32768,
              "memory": {
                "context": 4096,
                "bytes": 1220929792
              }
            },
            {
              "id": "qwen2.5-3b-instruct-q4_k_m",
              "name": "Qwen2.5-3B-Instruct-Q4_K_M",
              "category": "chat",
              "architecture": "qwen2",
              "quantization": "Q4_K_M",
              "file": "Qwen2.5-3B-Instruct-Q4_K_M.gguf",
              "size": 1929903264,
              "sha256": "9c9f56a391a3abbd5b89d0245bf6106081bcc3173119d4229235dd9d23253f94",
              "sources": [
                "models/Qwen2.5-3B-Instruct-Q4_K_M.gguf",
                "https://huggingface.co/bartowski/Qwen2.5-3B-Instruct-GGUF/resolve/main/Qwen2.5-3B-Instruct-Q4_K_M.gguf"
              ],
              "license": {
                "id": "qwen-research",
                "name": "Qwen Research License (non-commercial use)",
                "url": "https://huggingface.co/Qwen/Qwen2.5-3B-Instruct/blob/main/LICENSE",
                "acceptTerms": true,
                "terms": "Research and non-commercial use only; commercial use needs a separate licence from Alibaba Cloud."
              },
              "parameters": {
                "total": 3085938688,
                "active": 3085938688,
                "approximate": false
              },
              "contextLength": 32768,
              "memory": {
                "context": 4096,
                "bytes": 2231893152
              }
            },
            {
              "id": "qwen2.5-7b-instruct-q4_k_m",
              "name": "Qwen2.5-7B-Instruct-Q4_K_M",
              "category": "chat",
              "architecture": "qwen2",
              "quantization": "Q4_K_M",
              "file": "Qwen2.5-7B-Instruct-Q4_K_M.gguf",
              "size": 4683074240,
              "sha256": "65b8fcd92af6b4fefa935c625d1ac27ea29dcb6ee14589c55a8f115ceaaa1423",
              "sources": [
                "models/Qwen2.5-7B-Instruct-Q4_K_M.gguf",
                "https://huggingface.co/bartowski/Qwen2.5-7B-Instruct-GGUF/resolve/main/Qwen2.5-7B-Instruct-Q4_K_M.gguf"
              ],
              "license": {
                "id": "apache-2.0",
                "spdx": "Apache-2.0",
                "name": "Apache License 2.0",
                "url": "https://www.apache.org/licenses/LICENSE-2.0",
                "acceptTerms": false
              },
              "parameters": {
                "total": 7615616512,
                "active": 7615616512,
                "approximate": false
              },
              "contextLength": 32768,
              "memory": {
                "context": 4096,
                "bytes": 5152836288
              }
            },
            {
              "id": "llama-3.2-1b-instruct-q4_k_m",
              "name": "Llama-3.2-1B-Instruct-Q4_K_M",
              "category": "chat",
              "architecture": "llama",
              "quantization": "Q4_K_M",
              "file": "Llama-3.2-1B-Instruct-Q4_K_M.gguf",
              "size": 807694464,
              "sha256": "6f85a640a97cf2bf5b8e764087b1e83da0fdb51d7c9fab7d0fece9385611df83",
              "sources": [
                "models/Llama-3.2-1B-Instruct-Q4_K_M.gguf",
                "https://huggingface.co/bartowski/Llama-3.2-1B-Instruct-GGUF/resolve/main/Llama-3.2-1B-Instruct-Q4_K_M.gguf"
              ],
              "license": {
                "id": "llama3.2",
                "name": "Llama 3.2 Community License",
                "url": "https://www.llama.com/llama3_2/license/",
                "acceptTerms": true,
                "terms": "Products with more than 700 million monthly active users need a separate licence from Meta; the Acceptable Use Policy applies; Built with Llama attribution."
              },
              "parameters": {
                "total": 1235814432,
                "active": 1235814432,
                "approximate": false
              },
              "contextLength": 131072,
              "memory": {
                "context": 4096,
                "bytes": 1076129920
              }
            },
            {
              "id": "llama-3.2-3b-instruct-q4_k_m",
              "name": "Llama-3.2-3B-Instruct-Q4_K_M",
              "category": "chat",
              "architecture": "llama",
              "quantization": "Q4_K_M",
              "file": "Llama-3.2-3B-Instruct-Q4_K_M.gguf",
              "size": 2019377696,
              "sha256": "6c1a2b41161032677be168d354123594c0e6e67d2b9227c84f296ad037c728ff",
              "sources": [
                "models/Llama-3.2-3B-Instruct-Q4_K_M.gguf",
                "https://huggingface.co/bartowski/Llama-3.2-3B-Instruct-GGUF/resolve/main/Llama-3.2-3B-Instruct-Q4_K_M.gguf"
              ],
              "license": {
                "id": "llama3.2",
                "name": "Llama 3.2 Community License",
                "url": "https://www.llama.com/llama3_2/license/",
                "acceptTerms": true,
                "terms": "Products with more than 700 million monthly active users need a separate licence from Meta; the Acceptable Use Policy applies; Built with Llama attribution."
              },
              "parameters": {
                "total": 3212749888,
                "active": 3212749888,
                "approximate": false
              },
              "contextLength": 131072,
              "memory": {
                "context": 4096,
                "bytes": 2958901792
              }
            },
            {
              "id": "qwen2.5-coder-1.5b-instruct-q4_k_m",
              "name": "Qwen2.5-Coder-1.5B-Instruct-Q4_K_M",
              "category": "coding",
              "architecture": "qwen2",
              "quantization": "Q4_K_M",
              "file": "Qwen2.5-Coder-1.5B-Instruct-Q4_K_M.gguf",
              "size": 986048800,
              "sha256": "f530705d447660a4336c329981af164b471b60b974b1d808d57e8ec9fe23b239",
              "sources": [
                "models/Qwen2.5-Coder-1.5B-Instruct-Q4_K_M.gguf",
                "https://huggingface.co/bartowski/Qwen2.5-Coder-1.5B-Instruct-GGUF/resolve/main/Qwen2.5-Coder-1.5B-Instruct-Q4_K_M.gguf"
              ],
              "license": {
                "id": "apache-2.0",
                "spdx": "Apache-2.0",
                "name": "Apache License 2.0",
                "url": "https://www.apache.org/licenses/LICENSE-2.0",
                "acceptTerms": false
              },
              "parameters": {
                "total": 1543714304,
                "active": 1543714304,
                "approximate": false
              },
              "contextLength": 32768,
              "memory": {
                "context": 4096,
                "bytes": 1220929824
              }
            },
            {
              "id": "qwen2.5-coder-7b-instruct-q4_k_m",
              "name": "Qwen2.5-Coder-7B-Instruct-Q4_K_M",
              "category": "coding",
              "architecture": "qwen2",
              "quantization": "Q4_K_M",
              "file": "Qwen2.5-Coder-7B-Instruct-Q4_K_M.gguf",
              "size": 4683074336,
              "sha256": "1664fccab734674a50763490a8c6931b70e3f2f8ec10031b54806d30e5f956b6",
              "sources": [
                "models/Qwen2.5-Coder-7B-Instruct-Q4_K_M.gguf",
                "https://huggingface.co/bartowski/Qwen2.5-Coder-7B-Instruct-GGUF/resolve/main/Qwen2.5-Coder-7B-Instruct-Q4_K_M.gguf"
              ],
              "license": {
                "id": "apache-2.0",
                "spdx": "Apache-2.0",
                "name": "Apache License 2.0",
                "url": "https://www.apache.org/licenses/LICENSE-2.0",
                "acceptTerms": false
              },
              "parameters": {
                "total": 7615616512,
                "active": 7615616512,
                "approximate": false
              },
              "contextLength": 32768,
              "memory": {
                "context": 4096,
                "bytes": 5152836384
              }
            },
            {
              "id": "deepseek-r1-distill-qwen-1.5b-q4_k_m",
              "name": "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M",
              "category": "reasoning",
              "architecture": "qwen2",
              "quantization": "Q4_K_M",
              "file": "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf",
              "size": 1117320800,
              "sha256": "1741e5b2d062b07acf048bf0d2c514dadf2a48f94e2b4aa0cfe069af3838ee2f",
              "sources": [
                "models/DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf",
                "https://huggingface.co/bartowski/DeepSeek-R1-Distill-Qwen-1.5B-GGUF/resolve/main/DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf"
              ],
              "license": {
                "id": "mit",
                "spdx": "MIT",
                "name": "MIT License",
                "url": "https://opensource.org/license/mit",
                "acceptTerms": false
              },
              "parameters": {
                "total": 1780000000,
                "active": 1780000000,
                "approximate": true
              },
              "contextLength": 131072,
              "memory": {
                "context": 4096,
                "bytes": 1352201824
              }
            },
            {
              "id": "deepseek-r1-distill-qwen-7b-q4_k_m",
              "name": "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M",
              "category": "reasoning",
              "architecture": "qwen2",
              "quantization": "Q4_K_M",
              "file": "DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf",
              "size": 4683073504,
              "sha256": "731ece8d06dc7eda6f6572997feb9ee1258db0784827e642909d9b565641937b",
              "sources": [
                "models/DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf",
                "https://huggingface.co/bartowski/DeepSeek-R1-Distill-Qwen-7B-GGUF/resolve/main/DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf"
              ],
              "license": {
                "id": "mit",
                "spdx": "MIT",
                "name": "MIT License",
                "url": "https://opensource.org/license/mit",
                "acceptTerms": false
              },
              "parameters": {
                "total": 7620000000,
                "active": 7620000000,
                "approximate": true
              },
              "contextLength": 131072,
              "memory": {
                "context": 4096,
                "bytes": 5152835552
              }
            },
            {
              "id": "smollm2-360m-instruct-q8_0",
              "name": "smollm2-360m-instruct-q8_0",
              "category": "chat",
              "architecture": "llama",
              "quantization": "Q8_0",
              "file": "smollm2-360m-instruct-q8_0.gguf",
              "size": 386404992,
              "sha256": "48ab3034d0dd401fbc721eb1df3217902fee7dab9078992d66431f09b7750201",
              "sources": [
                "models/smollm2-360m-instruct-q8_0.gguf",
                "https://huggingface.co/HuggingFaceTB/SmolLM2-360M-Instruct-GGUF/resolve/main/smollm2-360m-instruct-q8_0.gguf"
              ],
              "license": {
                "id": "apache-2.0",
                "spdx": "Apache-2.0",
                "name": "Apache License 2.0",
                "url": "https://www.apache.org/licenses/LICENSE-2.0",
                "acceptTerms": false
              },
              "parameters": {
                "total": 362000000,
                "active": 362000000,
                "approximate": true
              },
              "contextLength": 8192,
              "memory": {
                "context": 4096,
                "bytes": 721949312
              }
            },
            {
              "id": "smollm2-360m-instruct-q4_k_m",
              "name": "SmolLM2-360M-Instruct-Q4_K_M",
              "category": "chat",
              "architecture": "llama",
              "quantization": "Q4_K_M",
              "file": "SmolLM2-360M-Instruct-Q4_K_M.gguf",
              "size": 270590880,
              "sha256": "2fa3f013dcdd7b99f9b237717fa0b12d75bbb89984cc1274be1471a465bac9c2",
              "sources": [
                "models/SmolLM2-360M-Instruct-Q4_K_M.gguf",
                "https://huggingface.co/bartowski/SmolLM2-360M-Instruct-GGUF/resolve/main/SmolLM2-360M-Instruct-Q4_K_M.gguf"
              ],
              "license": {
                "id": "apache-2.0",
                "spdx": "Apache-2.0",
                "name": "Apache License 2.0",
                "url": "https://www.apache.org/licenses/LICENSE-2.0",
                "acceptTerms": false
              },
              "parameters": {
                "total": 362000000,
                "active": 362000000,
                "approximate": true
              },
              "contextLength": 8192,
              "memory": {
                "context": 4096,
                "bytes": 606135200
              }
            },
            {
              "id": "smollm2-1.7b-instruct-q4_k_m",
              "name": "smollm2-1.7b-instruct-q4_k_m",
              "category": "chat",
              "architecture": "llama",
              "quantization": "Q4_K_M",
              "file": "smollm2-1.7b-instruct-q4_k_m.gguf",
              "size": 1055609536,
              "sha256": "decd2598bc2c8ed08c19adc3c8fdd461ee19ed5708679d1c54ef54a5a30d4f33",
              "sources": [
                "models/smollm2-1.7b-instruct-q4_k_m.gguf",
                "https://huggingface.co/HuggingFaceTB/SmolLM2-1.7B-Instruct-GGUF/resolve/main/smollm2-1.7b-instruct-q4_k_m.gguf"
              ],
              "license": {
                "id": "apache-2.0",
                "spdx": "Apache-2.0",
                "name": "Apache License 2.0",
                "url": "https://www.apache.org/licenses/LICENSE-2.0",
                "acceptTerms": false
              },
              "parameters": {
                "total": 1711376384,
                "active": 1711376384,
                "approximate": false
              },
              "contextLength": 8192,
              "memory": {
                "context": 4096,
                "bytes": 2666222272
              }
            },
            {
              "id": "phi-3.5-mini-instruct-q4_k_m",
              "name": "Phi-3.5-mini-instruct-Q4_K_M",
              "category": "chat",
              "architecture": "phi3",
              "quantization": "Q4_K_M",
              "file": "Phi-3.5-mini-instruct-Q4_K_M.gguf",
              "size": 2393232672,
              "sha256": "e4165e3a71af97f1b4820da61079826d8752a2088e313af0c7d346796c38eff5",
              "sources": [
                "models/Phi-3.5-mini-instruct-Q4_K_M.gguf",
                "https://huggingface.co/bartowski/Phi-3.5-mini-instruct-GGUF/resolve/main/Phi-3.5-mini-instruct-Q4_K_M.gguf"
              ],
              "license": {
                "id": "mit",
                "spdx": "MIT",
                "name": "MIT License",
                "url": "https://opensource.org/license/mit",
                "acceptTerms": false
              },
              "parameters": {
                "total": 3821079648,
                "active": 3821079648,
                "approximate": false
              },
              "contextLength": 131072,
              "memory": {
                "context": 4096,
                "bytes": 5614458144
              }
            },
            {
              "id": "phi-3.5-mini-instruct-q4_k_m-maziyarpanahi",
              "name": "Phi-3.5-mini-instruct.Q4_K_M",
              "category": "chat",
              "architecture": "phi3",
              "quantization": "Q4_K_M",
              "file": "Phi-3.5-mini-instruct.Q4_K_M.gguf",
              "size": 2393232608,
              "sha256": "3f68916e850b107d8641d18bcd5548f0d66beef9e0a9077fe84ef28943eb7e88",
              "sources": [
                "models/Phi-3.5-mini-instruct.Q4_K_M.gguf",
                "https://huggingface.co/MaziyarPanahi/Phi-3.5-mini-instruct-GGUF/resolve/main/Phi-3.5-mini-instruct.Q4_K_M.gguf"
              ],
              "license": {
                "id": "mit",
                "spdx": "MIT",
                "name": "MIT License",
                "url": "https://opensource.org/license/mit",
                "acceptTerms": false
              },
              "parameters": {
                "total": 3821079648,
                "active": 3821079648,
                "approximate": false
              },
              "contextLength": 131072,
              "memory": {
                "context": 4096,
                "bytes": 5614458080
              }
            },
            {
              "id": "gemma-2-2b-it-q4_k_m",
              "name": "gemma-2-2b-it-Q4_K_M",
              "category": "chat",
              "architecture": "gemma2",
              "quantization": "Q4_K_M",
              "file": "gemma-2-2b-it-Q4_K_M.gguf",
              "size": 1708582752,
              "sha256": "e0aee85060f168f0f2d8473d7ea41ce2f3230c1bc1374847505ea599288a7787",
              "sources": [
                "models/gemma-2-2b-it-Q4_K_M.gguf",
                "https://huggingface.co/bartowski/gemma-2-2b-it-GGUF/resolve/main/gemma-2-2b-it-Q4_K_M.gguf"
              ],
              "license": {
                "id": "gemma",
                "name": "Gemma Terms of Use",
                "url": "https://ai.google.dev/gemma/terms",
                "acceptTerms": true,
                "terms": "Use is subject to the Gemma Terms of Use and Prohibited Use Policy, which pass on to anyone you share the model with."
              },
              "parameters": {
                "total": 2614341888,
                "active": 2614341888,
                "approximate": false
              },
              "contextLength": 8192,
              "memory": {
                "context": 4096,
                "bytes": 2580997984
              }
            },
            {
              "id": "gemma-3-1b-it-q4_k_m",
              "name": "gemma-3-1b-it-Q4_K_M",
              "category": "chat",
              "architecture": "gemma3",
              "quantization": "Q4_K_M",
              "file": "gemma-3-1b-it-Q4_K_M.gguf",
              "size": 806058240,
              "sha256": "8ccc5cd1f1b3602548715ae25a66ed73fd5dc68a210412eea643eb20eb75a135",
              "sources": [
                "models/gemma-3-1b-it-Q4_K_M.gguf",
                "https://huggingface.co/ggml-org/gemma-3-1b-it-GGUF/resolve/main/gemma-3-1b-it-Q4_K_M.gguf"
              ],
              "license": {
                "id": "gemma",
                "name": "Gemma Terms of Use",
                "url": "https://ai.google.dev/gemma/terms",
                "acceptTerms": true,
                "terms": "Use is subject to the Gemma Terms of Use and Prohibited Use Policy, which pass on to anyone you share the model with."
              },
              "parameters": {
                "total": 1000000000,
                "active": 1000000000,
                "approximate": true
              },
              "contextLength": 32768,
              "memory": {
                "context": 4096,
                "bytes": 1024162048
              }
            },
            {
              "id": "bge-small-en-v1.5-q8_0",
              "name": "bge-small-en-v1.5-q8_0",
              "category": "embeddings",
              "architecture": "bert",
              "quantization": "Q8_0",
              "file": "bge-small-en-v1.5-q8_0.gguf",
              "size": 36806944,
              "sha256": "ec38e8da142596baa913124ae50550de284b6916bf59577ef2f0cb9660c2f514",
              "sources": [
                "models/bge-small-en-v1.5-q8_0.gguf",
                "https://huggingface.co/CompendiumLabs/bge-small-en-v1.5-gguf/resolve/main/bge-small-en-v1.5-q8_0.gguf"
              ],
              "license": {
                "id": "mit",
                "spdx": "MIT",
                "name": "MIT License",
                "url": "https://opensource.org/license/mit",
                "acceptTerms": false
              },
              "parameters": {
                "total": 33400000,
                "active": 33400000,
                "approximate": true
              },
              "contextLength": 512,
              "memory": {
                "context": 512,
                "bytes": 36806944
              }
            },
            {
              "id": "nomic-embed-text-v1.5-q8_0",
              "name": "nomic-embed-text-v1.5.Q8_0",
              "category": "embeddings",
              "architecture": "nomic-bert",
              "quantization": "Q8_0",
              "file": "nomic-embed-text-v1.5.Q8_0.gguf",
              "size": 146146432,
              "sha256": "3e24342164b3d94991ba9692fdc0dd08e3fd7362e0aacc396a9a5c54a544c3b7",
              "sources": [
                "models/nomic-embed-text-v1.5.Q8_0.gguf",
                "https://huggingface.co/nomic-ai/nomic-embed-text-v1.5-GGUF/resolve/main/nomic-embed-text-v1.5.Q8_0.gguf"
              ],
              "license": {
                "id": "apache-2.0",
                "spdx": "Apache-2.0",
                "name": "Apache License 2.0",
                "url": "https://www.apache.org/licenses/LICENSE-2.0",
                "acceptTerms": false
              },
              "parameters": {
                "total": 137000000,
                "active": 137000000,
                "approximate": true
              },
              "contextLength": 2048,
              "memory": {
                "context": 2048,
                "bytes": 146146432
              }
            },
            {
              "id": "all-minilm-l6-v2-q8_0",
              "name": "all-MiniLM-L6-v2-Q8_0",
              "category": "embeddings",
              "architecture": "bert",
              "quantization": "Q8_0",
              "file": "all-MiniLM-L6-v2-Q8_0.gguf",
              "size": 25008064,
              "sha256": "263215c3cadd6e16740741a7624ab4cbb6c8e777688bd5331ecfbf5681c2f8ed",
              "sources": [
                "models/all-MiniLM-L6-v2-Q8_0.gguf",
                "https://huggingface.co/second-state/All-MiniLM-L6-v2-Embedding-GGUF/resolve/main/all-MiniLM-L6-v2-Q8_0.gguf"
              ],
              "license": {
                "id": "apache-2.0",
                "spdx": "Apache-2.0",
                "name": "Apache License 2.0",
                "url": "https://www.apache.org/licenses/LICENSE-2.0",
                "acceptTerms": false
              },
              "parameters": {
                "total": 22700000,
                "active": 22700000,
                "approximate": true
              },
              "contextLength": 512,
              "memory": {
                "context": 512,
                "bytes": 25008064
              }
            },
            {
              "id": "bge-m3-q8_0",
              "name": "bge-m3-Q8_0",
              "category": "embeddings",
              "architecture": "bert",
              "quantization": "Q8_0",
              "file": "bge-m3-Q8_0.gguf",
              "size": 634553760,
              "sha256": "950f4a8e5e19477a6d3c26d2f162233c20002c601f75e4b002e3239997821167",
              "sources": [
                "models/bge-m3-Q8_0.gguf",
                "https://huggingface.co/gpustack/bge-m3-GGUF/resolve/main/bge-m3-Q8_0.gguf"
              ],
              "license": {
                "id": "mit",
                "spdx": "MIT",
                "name": "MIT License",
                "url": "https://opensource.org/license/mit",
                "acceptTerms": false
              },
              "parameters": {
                "total": 568000000,
                "active": 568000000,
                "approximate": true
              },
              "contextLength": 8192,
              "memory": {
                "context": 8192,
                "bytes": 634553760
              }
            },
            {
              "id": "llama-3.2-1b-instruct-q4_0",
              "name": "Llama-3.2-1B-Instruct-Q4_0",
              "category": "chat",
              "architecture": "llama",
              "quantization": "Q4_0",
              "file": "Llama-3.2-1B-Instruct-Q4_0.gguf",
              "size": 773025920,
              "sha256": "fa0390e7c043f89ae1847bd6682d748041a99d4ef3de0e0b27d33b6af97a8be8",
              "sources": [
                "models/Llama-3.2-1B-Instruct-Q4_0.gguf",
                "https://huggingface.co/bartowski/Llama-3.2-1B-Instruct-GGUF/resolve/main/Llama-3.2-1B-Instruct-Q4_0.gguf"
              ],
              "license": {
                "id": "llama3.2",
                "name": "Llama 3.2 Community License",
                "url": "https://www.llama.com/llama3_2/license/",
                "acceptTerms": true,
                "terms": "Products with more than 700 million monthly active users need a separate licence from Meta; the Acceptable Use Policy applies; Built with Llama attribution."
              },
              "parameters": {
                "total": 1235814432,
                "active": 1235814432,
                "approximate": false
              },
              "contextLength": 131072,
              "memory": {
                "context": 4096,
                "bytes": 1041461376
              }
            },
            {
              "id": "qwen2.5-1.5b-instruct-q4_0",
              "name": "qwen2.5-1.5b-instruct-q4_0",
              "category": "chat",
              "architecture": "qwen2",
              "quantization": "Q4_0",
              "file": "qwen2.5-1.5b-instruct-q4_0.gguf",
              "size": 1066227232,
              "sha256": "dcd819ff094852c38faba6873d8ff0c9d51eadb2844539e52042ae5d647bbfdb",
              "sources": [
                "models/qwen2.5-1.5b-instruct-q4_0.gguf",
                "https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/main/qwen2.5-1.5b-instruct-q4_0.gguf"
              ],
              "license": {
                "id": "apache-2.0",
                "spdx": "Apache-2.0",
                "name": "Apache License 2.0",
                "url": "https://www.apache.org/licenses/LICENSE-2.0",
                "acceptTerms": false
              },
              "parameters": {
                "total": 1777088000,
                "active": 1777088000,
                "approximate": false
              },
              "contextLength": 32768,
              "memory": {
                "context": 4096,
                "bytes": 1301108256
              }
            }
          ]
        }
        """;
}
