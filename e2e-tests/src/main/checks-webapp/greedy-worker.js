// Runs one model greedily on WebGPU through the engine's loader (Java compiled by TeaVM).
importScripts('wasm-gc-runtime.js');
TeaVM.wasmGC.load('greedy.wasm')
  .then((teavm) => teavm.exports.main([]))
  .catch((e) => self.postMessage({tokens: [], error: String(e && e.message || e)}));
