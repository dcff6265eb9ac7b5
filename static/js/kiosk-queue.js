/* Kiosk devices only: the queue of responses taken offline (IndexedDB), drained to the server
   when it can be reached; the device's heartbeat reporting the queue's length; the service
   worker that keeps the offline flow; the staff's view of the queue (press "Ensemble" for
   3 seconds, or Ctrl+Alt+Q). Nothing in the queue is ever shown on screen. */
(function () {
  "use strict";

  var DATABASE = "ensemble-kiosk";
  var STORE = "queue";
  var RESPONSES_URL = "/kiosk/responses";
  var STATUS_URL = "/kiosk/status";
  var HEARTBEAT_MS = 30000;
  var HOLD_MS = 3000;
  var SHOWN_MS = 15000;

  function openDatabase() {
    return new Promise(function (resolve, reject) {
      var request = window.indexedDB.open(DATABASE, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "client_key" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  /* Runs `work(store)` in one transaction; resolves with its request's result once committed. */
  function transaction(mode, work) {
    return openDatabase().then(function (database) {
      return new Promise(function (resolve, reject) {
        var tx = database.transaction(STORE, mode);
        var request = work(tx.objectStore(STORE));
        tx.oncomplete = function () {
          database.close();
          resolve(request.result);
        };
        tx.onerror = tx.onabort = function () {
          database.close();
          reject(tx.error);
        };
      });
    });
  }

  function queued() {
    return transaction("readonly", function (store) { return store.getAll(); });
  }

  function counts() {
    return queued().then(function (items) {
      var refused = items.filter(function (item) { return item.refused; }).length;
      return { waiting: items.length - refused, refused: refused };
    });
  }

  function post(url, body, waiting) {
    return window.fetch(url, {
      method: "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: { "Content-Type": "application/json", "X-Kiosk-Queue": String(waiting) },
      body: JSON.stringify(body)
    });
  }

  /* Sends one queued response; a stored or already-stored one leaves the queue, a refused
     one stays, marked, for staff to see; anything else (no network) stops the drain. */
  function sendOne(item, waiting) {
    return post(RESPONSES_URL, item.response, waiting).then(function (answer) {
      if (answer.status === 200 || answer.status === 201) {
        return transaction("readwrite", function (store) { return store.delete(item.client_key); });
      }
      if (answer.status === 400 || answer.status === 413 || answer.status === 422) {
        item.refused = true;
        return transaction("readwrite", function (store) { return store.put(item); });
      }
      throw new Error("the server cannot take responses now (" + answer.status + ")");
    });
  }

  var draining = null;

  /* Sends every waiting response, one at a time, then reports the queue (the heartbeat). */
  function drain() {
    if (draining) {
      return draining;
    }
    draining = queued().then(function (items) {
      var waiting = items.filter(function (item) { return !item.refused; });
      return waiting.reduce(function (chain, item, index) {
        return chain.then(function () { return sendOne(item, waiting.length - index); });
      }, Promise.resolve());
    }).then(counts).then(function (now) {
      return post(STATUS_URL, {}, now.waiting);
    }).catch(function () {
      /* No connection: the queue waits for the next try. */
    }).then(function () {
      draining = null;
    });
    return draining;
  }

  /* Keeps a resident's completed response on the device until the server has it. */
  function add(response) {
    var item = { client_key: response.client_key, response: response, refused: false };
    return transaction("readwrite", function (store) { return store.add(item); }).then(function () {
      drain();
    });
  }

  function staffView() {
    var dialog = document.getElementById("queue-dialog");
    var brand = document.querySelector(".brand");
    if (!dialog || !dialog.showModal || !brand) {
      return;
    }
    var closeTimer = null;
    var show = function () {
      counts().then(function (now) {
        dialog.querySelector("[data-queue-waiting]").textContent = String(now.waiting);
        dialog.querySelector("[data-queue-refused]").textContent = String(now.refused);
        dialog.showModal();
        closeTimer = window.setTimeout(function () { dialog.close(); }, SHOWN_MS);
      });
    };
    dialog.querySelector("[data-queue-close]").addEventListener("click", function () {
      dialog.close();
    });
    dialog.addEventListener("close", function () { window.clearTimeout(closeTimer); });
    var holdTimer = null;
    var held = false;
    brand.addEventListener("pointerdown", function () {
      held = false;
      holdTimer = window.setTimeout(function () {
        held = true;
        show();
      }, HOLD_MS);
    });
    ["pointerup", "pointerleave", "pointercancel"].forEach(function (name) {
      brand.addEventListener(name, function () { window.clearTimeout(holdTimer); });
    });
    brand.addEventListener("click", function (event) {
      if (held) {
        event.preventDefault();
        held = false;
      }
    });
    brand.addEventListener("contextmenu", function (event) { event.preventDefault(); });
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey && event.altKey && (event.key === "q" || event.key === "Q")) {
        show();
      }
    });
  }

  function randomKey() {
    if (window.crypto.randomUUID) {
      return window.crypto.randomUUID();
    }
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map.call(bytes, function (b) {
      return (b + 256).toString(16).slice(1);
    }).join("");
  }

  window.ensembleKioskQueue = { add: add, counts: counts, drain: drain, randomKey: randomKey };

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/kiosk/sw.js", { scope: "/" }).catch(function () {
      /* Without it the kiosk still works online, as before. */
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    staffView();
    drain();
    window.setInterval(drain, HEARTBEAT_MS);
    window.addEventListener("online", drain);
  });
})();
