// The page side of the benchmark: starts Locara's bench worker, and runs wllama (llama.cpp compiled
// to WebAssembly) on the same files. scripts/bench.sh copies wllama's esm/ folder to wllama/.

/** Runs one bench-worker.js job and resolves with the object it posts; the worker then ends, freeing its GPU device. */
window.runLocara = (query) => new Promise((resolve) => {
  const worker = new Worker('bench-worker.js?' + new URLSearchParams(query));
  worker.onmessage = (e) => { worker.terminate(); resolve(e.data); };
  worker.onerror = (e) => { worker.terminate(); resolve({error: String(e.message || e)}); };
});

/**
 * A served GGUF in a new wllama, with every thread; gpuLayers -1 is wllama's default (every layer on
 * its WebGPU backend where it has one), 0 the CPU only. Returns it and the run's figures so far.
 */
async function loadWllama(file, gpuLayers, params) {
  const {Wllama} = await import('./wllama/index.js');
  const base = new URL('.', location.href).href;
  const wllama = new Wllama({default: base + 'wllama/wasm/wllama.wasm'}, {suppressNativeLog: true});
  const out = {file};
  try {
    const t0 = performance.now();
    await wllama.loadModelFromUrl(base + 'models/' + file, {
      ...params, n_threads: navigator.hardwareConcurrency, useCache: false,
      ...(gpuLayers >= 0 ? {n_gpu_layers: gpuLayers} : {}),
    });
    out.loadMs = performance.now() - t0;
    out.multithread = wllama.isMultithread();
    out.threads = wllama.getNumThreads();
    out.webgpu = wllama.isSupportWebGPU();
  } catch (e) {
    out.error = String(e && e.message || e);
  }
  return {wllama, out};
}

/**
 * Loads a served GGUF into wllama with its best settings (every core, its multi-threaded build; the
 * driver runs it once on the CPU and once with its default WebGPU offload, and keeps both) and times load, prompts and decode with llama.cpp's
 * own timings. Prompts are the texts Locara's worker cut to 64 and 512 tokens; wllama tokenizes
 * them itself, so its prompt_n is reported with its speed.
 */
window.runWllama = async ({file, context, prompts, decode, greedyPrompt, greedyTokens, gpuLayers}) => {
  const {wllama, out} = await loadWllama(file, gpuLayers, {n_ctx: context});
  try {
    if (out.error) return out;
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
/** Resolves with `work`, or rejects after `seconds` with `message` (a hung run ends the benchmark step, not the benchmark). */
function within(work, seconds, message) {
  let timer;
  const deadline = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(message)), seconds * 1000); });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Embeds the texts Locara's worker cut (64 chunks of 128 tokens) with wllama's OpenAI-shaped
 * createEmbedding: the first 4 to warm up, then all timed `runs` times, the best kept. One text per
 * call, in a context of 512: wllama 3.8.1 given an array of texts, or a context holding the whole
 * batch, hung or answered wrongly on this machine, and llama.cpp embeds a sequence at a time anyway.
 * `deadline` seconds bound the whole run, so a hung wllama ends with a message rather than never.
 */
window.runWllamaEmbed = async ({file, texts, gpuLayers, runs, deadline}) => {
  const {wllama, out} = await loadWllama(file, gpuLayers, {embeddings: true, n_ctx: 512, n_batch: 512, n_ubatch: 512});
  const embedAll = async (batch) => {
    let tokens = 0;
    for (const text of batch) {
      const r = await wllama.createEmbedding({input: text});
      tokens += (r.usage && r.usage.prompt_tokens) || 0;
      out.dim = r.data[0].embedding.length;
    }
    return tokens;
  };
  try {
    if (out.error) return out;
    await within((async () => {
      await embedAll(texts.slice(0, 4)); // the first calls' costs, as Locara's warm-up
      let best = Infinity;
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        out.promptTokens = await embedAll(texts);
        best = Math.min(best, performance.now() - t);
      }
      out.runs = runs;
      out.bestMs = best;
      out.embeddingsPerSecond = texts.length * 1000 / best;
    })(), deadline, `wllama's embeddings of ${texts.length} texts did not finish within ${deadline} s`
        + ' (--wllama-embed-deadline SECONDS sets the limit)');
  } catch (e) {
    out.error = String(e && e.message || e);
  } finally {
    // A hung wllama may not answer exit either: wait for it a little, then go on.
    try { await within(wllama.exit(), 10, 'exit'); } catch (e) { /* gone or hung */ }
  }
  return out;
};
window.benchReady = true;
