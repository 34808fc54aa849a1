/* Offline copy of the knowledge base, written into the site as sw.js by the build.
 *
 * Behaviour follows Workbox's precache: every file of a build is kept in caches named after the
 * build id; a new deployment (a new id) fills new caches completely before it takes over, then
 * the old ones are deleted, so pages from two builds never mix. Files are kept per group:
 * "shared" (theme assets) and "core" (every language's console, home page, cheat sheet and
 * offline page) at the first visit, then one group per language, filled for the languages the
 * reader has opened, or for all of them when the reader asks to save every language. Precached
 * files are answered from the cache; anything else (PDFs) from the network, with a copy kept
 * for the next time the network is down (network-first). Offline, a page that was not saved
 * leads to the offline page of its language, and any other file answers 503 with a short text
 * in that language. Paths are relative to this script, so the site can live under any subpath. */
"use strict";

const MANIFEST = /*KB_MANIFEST*/null;
const PREFIX = "kb-offline-";
const OWN = PREFIX + MANIFEST.build + "-";
const ROOT = new URL("./", self.location.href).href;
const DONE = ROOT + "__kb-offline-complete__";
const ALWAYS = ["shared", "core"];
const LANGUAGES = Object.keys(MANIFEST.groups).filter((group) => !ALWAYS.includes(group));

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

/* The language a URL belongs to, from the first folder after the site root (api/<lang>/ too). */
function languageOf(href) {
  const rest = href.startsWith(ROOT) ? href.slice(ROOT.length) : "";
  const [first, second] = rest.split(/[?#]/)[0].split("/");
  const own = (code) => code !== MANIFEST.default && LANGUAGES.includes(code);
  if (own(first)) return first;
  return first === "api" && own(second) ? second : MANIFEST.default;
}

/* Fill one group's cache with every file of this build (bypassing the HTTP cache), once.
 * `saved` is told of each file put in the cache (or of all of them when the group was complete). */
const filling = {};
function fill(group, saved) {
  const files = MANIFEST.groups[group];
  const tell = saved || (() => {});
  if (!filling[group]) {
    filling[group] = (async () => {
      const cache = await caches.open(cacheName(group));
      if (await cache.match(DONE)) return true;
      await Promise.all(files.map(async (path) => {
        const response = await fetch(absolute(path), { cache: "reload", credentials: "same-origin" });
        if (!response.ok) throw new Error(`offline copy: ${path} answered ${response.status}`);
        const clean = response.redirected ? new Response(await response.blob(), { headers: response.headers }) : response;
        await cache.put(absolute(path), clean);
        tell(1);
      }));
      await cache.put(DONE, new Response(MANIFEST.build));
      return false;
    })().catch((error) => { delete filling[group]; throw error; });
    return filling[group].then((wasComplete) => { if (wasComplete) tell(files.length); });
  }
  return filling[group].then(() => tell(files.length));  /* filled by another request: counted at once */
}

async function complete(group) {
  return Boolean(await caches.match(DONE, { cacheName: cacheName(group) }));
}

/* Languages to keep: those of open pages and those an earlier build had kept. */
async function wantedLanguages() {
  const wanted = new Set();
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  windows.forEach((client) => wanted.add(languageOf(client.url)));
  (await caches.keys()).forEach((name) => {
    const group = name.startsWith(PREFIX) ? groupOf(name) : "";
    if (LANGUAGES.includes(group)) wanted.add(group);
  });
  return wanted;
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    for (const group of ALWAYS) await fill(group);
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

/* Save every group, telling the page how many files of how many are saved (at most every 250 ms). */
async function saveAll(client) {
  const groups = [...ALWAYS, ...LANGUAGES];
  const total = groups.reduce((sum, group) => sum + MANIFEST.groups[group].length, 0);
  let done = 0;
  let last = 0;
  const report = (ready) => client.postMessage({ type: "kb-offline-save", build: MANIFEST.build, done, total, ready });
  const saved = (count) => {
    done += count;
    if (Date.now() - last > 250) { last = Date.now(); report(null); }
  };
  report(null);
  const results = await Promise.allSettled(groups.map((group) => fill(group, saved)));
  report(results.every((result) => result.status === "fulfilled"));
}

/* Messages from pages: "kb-offline" keeps the page's language (the answer names the build once it
 * is complete), "kb-offline-save" saves every language, "kb-offline-status" tells whether all are. */
self.addEventListener("message", (event) => {
  const data = event.data || {};
  const client = event.source;
  if (!client) return;
  if (data.type === "kb-offline-save") {
    event.waitUntil(saveAll(client));
  } else if (data.type === "kb-offline-status") {
    event.waitUntil(Promise.all([...ALWAYS, ...LANGUAGES].map(complete)).then((all) =>
      client.postMessage({ type: "kb-offline-status", build: MANIFEST.build, saved: all.every(Boolean) })));
  } else if (data.type === "kb-offline") {
    const lang = languageOf(String(data.url || ""));
    event.waitUntil(Promise.all([...ALWAYS.map((group) => fill(group)), fill(lang)]).then(
      () => client.postMessage({ type: "kb-offline", build: MANIFEST.build, lang, ready: true }),
      () => client.postMessage({ type: "kb-offline", build: MANIFEST.build, lang, ready: false }),
    ));
  }
});

function cacheKey(url) {
  const href = url.origin + canonicalPath(url.pathname);
  return href.endsWith("/index.html") ? href.slice(0, -"index.html".length) : href;
}

async function fromCache(href) {
  const lang = languageOf(href);
  for (const group of [lang, ...ALWAYS, "runtime"]) {
    const hit = await caches.match(href, { cacheName: cacheName(group) });
    if (hit) return hit;
  }
  return undefined;
}

/* A page (a folder or an .html file), as opposed to a file for programs or for printing. */
function isPage(url) {
  const last = url.pathname.slice(url.pathname.lastIndexOf("/") + 1);
  return !last.includes(".") || last.endsWith(".html");
}

/* Offline, for what was not saved: the language's 404 page if its every page is saved (so the
 * address leads nowhere), else its offline page; a file that is not a page answers 503. */
async function offlineAnswer(request, url, href) {
  const lang = languageOf(href);
  if (request.mode === "navigate" && isPage(url)) {
    if (await complete(lang)) {
      const page = await fromCache(absolute(MANIFEST.notFound[lang]));
      if (page) return new Response(page.body, { status: 404, statusText: "Not Found", headers: page.headers });
    }
    const offline = MANIFEST.offlinePage[lang];
    if (offline && await fromCache(absolute(offline))) {
      return Response.redirect(absolute(offline) + "?page=" + encodeURIComponent(url.href.slice(ROOT.length)), 303);
    }
  }
  const text = MANIFEST.fileOffline[lang] || MANIFEST.fileOffline[MANIFEST.default] || "Offline";
  return new Response(text + "\n", {
    status: 503, statusText: "Service Unavailable",
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Content-Language": lang },
  });
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
    return offlineAnswer(request, url, href);
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(ROOT)) return;
  event.respondWith(respond(request, url));
});
