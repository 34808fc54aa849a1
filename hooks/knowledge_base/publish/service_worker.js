/* Offline copy of the knowledge base, written into the site as sw.js by the build.
 *
 * Behaviour follows Workbox's precache: every file of a build is kept in caches named after the
 * build id; a new deployment (a new id) fills new caches completely before it takes over, then
 * the old ones are deleted, so pages from two builds never mix. Files are kept per group:
 * "shared" (theme assets) and one group per language, filled for the languages the reader has
 * opened. Precached files are answered from the cache; anything else (PDFs) from the network,
 * with a copy kept for the next time the network is down (stale-while-revalidate in Workbox's
 * words, here network-first). Paths are relative to this script, so the site can live under any
 * subpath. */
"use strict";

const MANIFEST = /*KB_MANIFEST*/null;
const PREFIX = "kb-offline-";
const OWN = PREFIX + MANIFEST.build + "-";
const ROOT = new URL("./", self.location.href).href;
const DONE = ROOT + "__kb-offline-complete__";

function cacheName(group) { return OWN + group; }

/* The group a cache belongs to: what follows the build id (language codes such as pt-BR hold a hyphen). */
function groupOf(name) {
  const rest = name.slice(PREFIX.length);
  return rest.slice(rest.indexOf("-") + 1);
}

/* One spelling per path, as the build writes the manifest: each segment decoded, then encoded again. */
function canonicalPath(pathname) {
  return pathname.split("/").map((segment) => {
    try { return encodeURIComponent(decodeURIComponent(segment)); } catch (error) { return segment; }
  }).join("/");
}

function absolute(path) { return new URL(path, ROOT).href; }

/* The language a URL belongs to, from the first folder after the site root. */
function languageOf(href) {
  const rest = href.startsWith(ROOT) ? href.slice(ROOT.length) : "";
  const first = rest.split(/[/?#]/)[0];
  return first !== "shared" && first !== MANIFEST.default && MANIFEST.groups[first] ? first : MANIFEST.default;
}

/* Fill one group's cache with every file of this build (bypassing the HTTP cache), once. */
const filling = {};
function fill(group) {
  if (!filling[group]) {
    filling[group] = (async () => {
      const cache = await caches.open(cacheName(group));
      if (await cache.match(DONE)) return;
      await Promise.all(MANIFEST.groups[group].map(async (path) => {
        const response = await fetch(absolute(path), { cache: "reload", credentials: "same-origin" });
        if (!response.ok) throw new Error(`offline copy: ${path} answered ${response.status}`);
        const clean = response.redirected ? new Response(await response.blob(), { headers: response.headers }) : response;
        await cache.put(absolute(path), clean);
      }));
      await cache.put(DONE, new Response(MANIFEST.build));
    })().catch((error) => { delete filling[group]; throw error; });
  }
  return filling[group];
}

/* Languages to keep: those of open pages and those an earlier build had kept. */
async function wantedLanguages() {
  const wanted = new Set();
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  windows.forEach((client) => wanted.add(languageOf(client.url)));
  (await caches.keys()).forEach((name) => {
    const group = name.startsWith(PREFIX) ? groupOf(name) : "";
    if (group !== "shared" && group !== "runtime" && MANIFEST.groups[group]) wanted.add(group);
  });
  return wanted;
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    await fill("shared");
    for (const lang of await wantedLanguages()) await fill(lang);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(PREFIX) && !n.startsWith(OWN)).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

/* A page asks for its language to be kept; the answer names the build once it is complete. */
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "kb-offline" || !event.source) return;
  const lang = languageOf(String(data.url || ""));
  event.waitUntil(Promise.all([fill("shared"), fill(lang)]).then(
    () => event.source.postMessage({ type: "kb-offline", build: MANIFEST.build, lang, ready: true }),
    () => event.source.postMessage({ type: "kb-offline", build: MANIFEST.build, lang, ready: false }),
  ));
});

function cacheKey(url) {
  const href = url.origin + canonicalPath(url.pathname);
  return href.endsWith("/index.html") ? href.slice(0, -"index.html".length) : href;
}

async function fromCache(href) {
  const lang = languageOf(href);
  for (const group of [lang, "shared", "runtime"]) {
    const hit = await caches.match(href, { cacheName: cacheName(group) });
    if (hit) return hit;
  }
  return undefined;
}

async function respond(request, url) {
  const href = cacheKey(url);
  const hit = (await fromCache(href)) || (href.endsWith("/") ? undefined : await fromCache(href + "/"));
  if (hit) return hit;
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      const copy = response.clone();
      caches.open(cacheName("runtime")).then((cache) => cache.put(href, copy)).catch(() => {});
    }
    return response;
  } catch (error) {
    if (request.mode === "navigate") {
      const page = await fromCache(absolute(MANIFEST.notFound[languageOf(href)] || MANIFEST.notFound[MANIFEST.default]));
      if (page) return page;
    }
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(ROOT)) return;
  event.respondWith(respond(request, url));
});
