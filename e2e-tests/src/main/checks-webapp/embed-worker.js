// Embeds texts on WebGPU with served encoder GGUFs, one after another (Java compiled by TeaVM):
// the page posts {runs: [{file, texts, gpuShapes}]}, the worker posts one message per run, then {done: true}.
importScripts('wasm-gc-runtime.js');
self.onmessage = (e) => {
  self.embedRequest = e.data;
  TeaVM.wasmGC.load('embed.wasm')
    .then((teavm) => teavm.exports.main([]))
    .catch((err) => self.postMessage({error: String(err && err.message || err), done: true}));
};
