// The offline shell. A service worker has to be JavaScript: the platform runs this file itself,
// before any page or WebAssembly exists. It only caches the app (shell-files.js, written by the
// build, lists it and names its version); model files live in OPFS and other hosts are never cached.
importScripts('shell-files.js');

const PREFIX = 'locara-shell-';
// A new build has a new version (a hash of every shell file), so a stale shell is never mixed with a fresh one.
const CACHE = PREFIX + self.LOCARA_SHELL.version;
const SCOPE = new URL('./', self.location.href);
const MODELS = new URL('models/', SCOPE).pathname;

// No skipWaiting here: a new version waits until the page's "Reload to update" asks for it, so an open
// page never has its shell swapped under it. The first install has nothing to wait for and activates at once.
self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE)
    // 'no-cache' revalidates with the server, so an outdated HTTP-cache copy never enters the shell.
    .then((cache) => cache.addAll(['./', ...self.LOCARA_SHELL.files]
      .map((f) => new Request(new URL(f, SCOPE), {cache: 'no-cache'})))));
});

// The update banner's button (dev.locara.app.OfflineShell): the waiting version takes over now.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skipWaiting') {
    self.skipWaiting();
  }
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

// The privacy panel's view of the requests this worker sees (the page's and its workers' alike),
// reported to open pages as they happen.
const network = typeof BroadcastChannel === 'function' ? new BroadcastChannel('locara-network') : null;

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (network) {
    network.postMessage({kind: 'requests', source: 'service worker', urls: [request.url]});
  }
  // Not handled, so the browser goes to the network as if there were no worker: other origins
  // (downloads), model files (streamed into OPFS with Range requests) and anything but GET.
  if (request.method !== 'GET' || url.origin !== SCOPE.origin || url.pathname.startsWith(MODELS)) {
    return;
  }
  // Cache-first, and only what the shell lists: nothing is added to the cache at run time.
  event.respondWith(caches.open(CACHE)
    .then((cache) => cache.match(request, {ignoreSearch: true}))
    .then((hit) => hit || fetch(request)));
});
