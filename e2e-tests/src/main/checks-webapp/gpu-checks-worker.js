// Runs the WebGPU kernel checks (Java compiled by TeaVM) in a dedicated worker, like the engine.
importScripts('wasm-gc-runtime.js');
TeaVM.wasmGC.load('gpu-checks.wasm')
  .then((teavm) => teavm.exports.main([]))
  .catch((e) => self.postMessage([{name: 'GPU checks module loads', ok: false, detail: String(e && e.message || e)}]));
