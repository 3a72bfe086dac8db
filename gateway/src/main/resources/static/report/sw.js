// The report form's service worker: keeps the form's own files so that it opens, and a reload
// works, without a connection. Every file is answered from the cache at once and refreshed from
// the network behind it (stale-while-revalidate), so a changed form shows on the second visit.
// Reports are not touched here: a POST goes past the worker, and drafts live in IndexedDB
// (drafts.js). Bump VERSION when the list of files changes.
const VERSION = 'kama-report-v1';
const SHELL = [
  '/report/',
  '/report/form.js',
  '/report/drafts.js',
  '/report/i18n.js',
  '/report/report.css',
  '/report/manifest.json',
  '/report/icon.svg',
  '/report/districts.geojson',
  '/open311/v2/services.json',
  '/webjars/leaflet/1.9.4/dist/leaflet.js',
  '/webjars/leaflet/1.9.4/dist/leaflet.css',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name !== VERSION).map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || !SHELL.includes(url.pathname)) {
    return; // the network as usual
  }
  event.respondWith(caches.open(VERSION).then(async (cache) => {
    const cached = await cache.match(url.pathname);
    const fresh = fetch(event.request).then((response) => {
      if (response.ok) {
        cache.put(url.pathname, response.clone());
      }
      return response;
    }).catch(() => undefined);
    if (cached) {
      event.waitUntil(fresh);
      return cached;
    }
    return (await fresh) || Response.error();
  }));
});
