// The page side of the benchmark: starts Locara's bench worker, and runs wllama (llama.cpp compiled
// to WebAssembly) on the same files. scripts/bench.sh copies wllama's esm/ folder to wllama/.

/** Runs one bench-worker.js job and resolves with the object it posts; the worker then ends, freeing its GPU device. */
window.runLocara = (query) => new Promise((resolve) => {
  const worker = new Worker('bench-worker.js?' + new URLSearchParams(query));
  worker.onmessage = (e) => { worker.terminate(); resolve(e.data); };
  worker.onerror = (e) => { worker.terminate(); resolve({error: String(e.message || e)}); };
});

/**
 * Loads a served GGUF into wllama with its best settings (every core, its multi-threaded build; the
 * driver runs it once on the CPU and once with its default WebGPU offload, and keeps both) and times load, prompts and decode with llama.cpp's
 * own timings. Prompts are the texts Locara's worker cut to 64 and 512 tokens; wllama tokenizes
 * them itself, so its prompt_n is reported with its speed.
 */
window.runWllama = async ({file, context, prompts, decode, greedyPrompt, greedyTokens, gpuLayers}) => {
  const {Wllama} = await import('./wllama/index.js');
  const base = new URL('.', location.href).href;
  const wllama = new Wllama({default: base + 'wllama/wasm/wllama.wasm'}, {suppressNativeLog: true});
  const out = {file};
  try {
    const t0 = performance.now();
    await wllama.loadModelFromUrl(base + 'models/' + file, {
      n_ctx: context, n_threads: navigator.hardwareConcurrency, useCache: false,
      // -1: wllama's default (every layer on its WebGPU backend where it has one); 0: CPU only.
      ...(gpuLayers >= 0 ? {n_gpu_layers: gpuLayers} : {}),
    });
    out.loadMs = performance.now() - t0;
    out.multithread = wllama.isMultithread();
    out.threads = wllama.getNumThreads();
    out.webgpu = wllama.isSupportWebGPU();
    out.prompts = {};
    for (const p of prompts) {
      // cache_prompt false: each prompt is processed from scratch, as Locara's is.
      const first = p === prompts[0];
      const r = await wllama.createCompletion({
        prompt: p.text, max_tokens: first ? decode : 1, temperature: 0, ignore_eos: true, cache_prompt: false,
      });
      const t = r.timings || {};
      out.prompts[p.tokens] = {tokens: t.prompt_n, ms: t.prompt_ms,
        decodeTokens: first ? t.predicted_n : undefined, decodeMs: first ? t.predicted_ms : undefined};
    }
    if (greedyTokens > 0) {
      const r = await wllama.createCompletion({
        prompt: greedyPrompt, max_tokens: greedyTokens, temperature: 0, cache_prompt: false, return_tokens: true,
      });
      out.greedyText = r.choices[0].text;
      if (Array.isArray(r.tokens)) out.greedyTokens = r.tokens;
    }
  } catch (e) {
    out.error = String(e && e.message || e);
  } finally {
    try { await wllama.exit(); } catch (e) { /* already gone */ }
  }
  return out;
};
window.benchReady = true;
