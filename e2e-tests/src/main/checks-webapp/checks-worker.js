// Runs the Java browser checks (compiled by TeaVM) in a dedicated worker, like the engine.
importScripts('wasm-gc-runtime.js');
TeaVM.wasmGC.load('checks.wasm')
  .then((teavm) => teavm.exports.main([]))
  .catch((e) => self.postMessage([{name: 'checks module loads', ok: false, detail: String(e && e.message || e)}]));
