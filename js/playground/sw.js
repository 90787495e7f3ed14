// Keeps the playground's files for offline use: cached on install, served cache first
// (the version below is replaced by build.sh with a hash of the files, so a new build
// replaces the old cache). The page makes no other requests.
const CACHE = "zhnorm-playground-VERSION";
const FILES = ["./", "index.html", "app.js", "style.css", "zhnorm.js", "zhnorm_bg.wasm"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("zhnorm-playground-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== location.origin) return;
  event.respondWith(
    caches.match(event.request, { ignoreSearch: true }).then((hit) => hit ?? fetch(event.request)),
  );
});
