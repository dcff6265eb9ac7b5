/* The kiosk's service worker (registered only by kiosk pages, served from /kiosk/sw.js with
   the whole site as its scope). It keeps the offline start page, the flow's definition and
   their files, and shows that page whenever a page cannot be reached, so a kiosk with no
   connection never shows the browser's error page. Answers never pass through its caches. */
"use strict";

var CACHE = "ensemble-kiosk-3";
var OFFLINE_PAGE = "/kiosk/offline";
var KEPT = [
  OFFLINE_PAGE,
  "/kiosk/definition.json",
  "/kiosk/manifest.webmanifest",
  "/static/css/app.css",
  "/static/css/kiosk.css",
  "/static/js/kiosk.js",
  "/static/js/read-aloud.js",
  "/static/js/kiosk-queue.js",
  "/static/js/kiosk-offline-state.js",
  "/static/js/kiosk-offline-fields.js",
  "/static/js/kiosk-offline-screens.js",
  "/static/js/kiosk-offline.js",
  "/static/img/favicon.svg",
  "/static/img/kiosk-192.png",
  "/static/img/kiosk-512.png"
];

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return cache.addAll(KEPT.map(function (url) {
        return new Request(url, { credentials: "same-origin", cache: "no-store" });
      }));
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name !== CACHE;
      }).map(function (name) {
        return caches.delete(name);
      }));
    }).then(function () {
      return self.clients.claim();
    })
  );
});

/* A kept file: the network's copy when it answers (and kept for next time), else the kept one. */
function freshOrKept(request) {
  return fetch(request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) {
        cache.put(request, copy);
      });
    }
    return response;
  }).catch(function () {
    return caches.match(request, { ignoreSearch: true });
  });
}

/* A page: the server's when it can answer, else the offline start page. */
function pageOrOffline(request) {
  return fetch(request).then(function (response) {
    if (response.status < 500) {
      return response;
    }
    return caches.match(OFFLINE_PAGE).then(function (kept) {
      return kept || response;
    });
  }).catch(function () {
    return caches.match(OFFLINE_PAGE);
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(pageOrOffline(request));
  } else if (KEPT.indexOf(url.pathname) !== -1) {
    event.respondWith(freshOrKept(request));
  }
});
