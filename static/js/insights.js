/* Live refresh of the insights overview: progressive enhancement only.
 * Without JavaScript the page is complete; with it, the figures are fetched again every
 * few seconds and swapped in when new responses arrived (the server answers 304 otherwise). */
(function () {
  "use strict";

  function start(region) {
    var url = region.getAttribute("data-live-url");
    var etag = region.getAttribute("data-live-etag");
    var seconds = parseInt(region.getAttribute("data-live-interval"), 10) || 30;
    var note = document.querySelector("[data-live-note]");
    var status = document.querySelector("[data-live-status]");
    var timer = null;
    var busy = false;

    if (note) {
      note.textContent = note.getAttribute("data-live-text");
    }

    function announce() {
      if (!status) {
        return;
      }
      var time = new Date().toLocaleTimeString(document.documentElement.lang, {
        hour: "2-digit",
        minute: "2-digit"
      });
      status.textContent = status.getAttribute("data-live-text").replace("%(time)s", time);
    }

    function stop() {
      if (timer) {
        window.clearInterval(timer);
        timer = null;
      }
    }

    function refresh() {
      if (busy || document.hidden) {
        return;
      }
      busy = true;
      window.fetch(url, {
        credentials: "same-origin",
        headers: { "If-None-Match": '"' + etag + '"', "Accept": "text/html" }
      }).then(function (response) {
        if (response.status === 200) {
          etag = (response.headers.get("ETag") || etag).replace(/"/g, "");
          return response.text().then(function (html) {
            region.innerHTML = html;
            announce();
          });
        }
        if (response.status >= 400 && response.status < 500) {
          stop(); // signed out or no longer allowed: stop asking
        }
        return null;
      }).catch(function () {
        return null; // offline for a moment: try again next time
      }).then(function () {
        busy = false;
      });
    }

    timer = window.setInterval(refresh, seconds * 1000);
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden && timer) {
        refresh();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var region = document.querySelector("[data-live-url]");
    if (region && window.fetch) {
      start(region);
    }
  });
})();
