// Bootstraps the engine's WebAssembly module inside this dedicated worker; the engine is Java.
importScripts('wasm-gc-runtime.js');
TeaVM.wasmGC.load('engine.wasm')
  .then((teavm) => teavm.exports.main([]))
  .catch((e) => self.postMessage({kind: 'fatal', code: 'engine_failed',
    message: 'The engine could not start: ' + (e && e.message ? e.message : e)}));
