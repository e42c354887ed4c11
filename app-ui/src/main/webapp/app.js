// Bootstraps the page's WebAssembly module (compiled by TeaVM from Java); everything else is Java.
(async () => {
  const status = document.getElementById('status');
  if (typeof WebAssembly === 'undefined' || typeof TeaVM === 'undefined') {
    status.textContent = 'This browser cannot run Locara: it needs WebAssembly with garbage collection'
      + ' (Chrome or Edge 119+, Safari 26+).';
    status.dataset.state = 'error';
    return;
  }
  try {
    const teavm = await TeaVM.wasmGC.load('page.wasm');
    teavm.exports.main([]);
  } catch (e) {
    status.textContent = 'Locara could not start: ' + (e && e.message ? e.message : e)
      + '. It needs a browser with WebAssembly garbage collection (Chrome or Edge 119+, Safari 26+).';
    status.dataset.state = 'error';
    console.error(e);
  }
})();
