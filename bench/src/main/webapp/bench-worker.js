// The benchmark's Java side (TeaVM wasm-gc) in a dedicated worker, as the app's engine runs.
importScripts('wasm-gc-runtime.js');
TeaVM.wasmGC.load('bench.wasm')
  .then((teavm) => teavm.exports.main([]))
  .catch((e) => self.postMessage({error: String(e && e.message || e)}));
