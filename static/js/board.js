/* Live board, progressive enhancement: without this file the "Refresh" link does the job.
   Every few seconds, while the tab is visible and updates are not paused, ask the small
   version endpoint (ETag, so an unchanged board is a 304); when it changed, fetch the board and
   swap only the sections that differ. Focus never moves; one visually hidden status line says
   what changed, at most once every few seconds. */
(function () {
  "use strict";

  var EVERY_MS = 2000;
  var ANNOUNCE_AFTER_MS = 2000;

  function start(board) {
    var versionUrl = board.getAttribute("data-version-url");
    var etag = '"' + board.getAttribute("data-version") + '"';
    var content = board.querySelector("[data-board-content]");
    var status = board.querySelector("[data-board-status]");
    var pause = board.querySelector("[data-board-pause]");
    var paused = false;
    var changed = [];
    var announceTimer = null;

    function announce(headings) {
      headings.forEach(function (heading) {
        if (changed.indexOf(heading) === -1) {
          changed.push(heading);
        }
      });
      window.clearTimeout(announceTimer);
      announceTimer = window.setTimeout(function () {
        var template = status.getAttribute("data-updated");
        status.textContent = template.replace("%(where)s", changed.join(", "));
        changed = [];
      }, ANNOUNCE_AFTER_MS);
    }

    function swap(html) {
      var fresh = new DOMParser().parseFromString(html, "text/html");
      var freshContent = fresh.querySelector("[data-board-content]");
      if (!freshContent) {
        return;
      }
      var oldSections = content.querySelectorAll("[data-board-section]");
      var newSections = freshContent.querySelectorAll("[data-board-section]");
      if (oldSections.length !== newSections.length) {
        content.innerHTML = freshContent.innerHTML;
        announce([]);
        return;
      }
      var headings = [];
      newSections.forEach(function (section, index) {
        var old = oldSections[index];
        if (old.innerHTML !== section.innerHTML) {
          old.innerHTML = section.innerHTML;
          var heading = old.querySelector("h2");
          headings.push(heading ? heading.textContent.trim() : "");
        }
      });
      if (headings.length) {
        announce(headings);
      }
    }

    function poll() {
      if (paused || document.hidden) {
        return;
      }
      fetch(versionUrl, { headers: { "If-None-Match": etag }, cache: "no-cache" })
        .then(function (response) {
          if (response.status !== 200) {
            return null;
          }
          etag = response.headers.get("ETag") || etag;
          return fetch(window.location.href, { cache: "no-cache" }).then(function (page) {
            return page.ok ? page.text() : null;
          });
        })
        .then(function (html) {
          if (html) {
            swap(html);
          }
        })
        .catch(function () { /* Offline for a moment: the next poll tries again. */ });
    }

    pause.hidden = false;
    var pauseLabel = pause.textContent;
    pause.setAttribute("aria-pressed", "false");
    pause.addEventListener("click", function () {
      paused = !paused;
      pause.setAttribute("aria-pressed", String(paused));
      pause.textContent = paused ? pause.getAttribute("data-resume-label") : pauseLabel;
    });
    document.addEventListener("visibilitychange", poll);
    window.setInterval(poll, EVERY_MS);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var board = document.querySelector("[data-board]");
    if (board && window.fetch && window.DOMParser) {
      start(board);
    }
  });
})();
