// Merapi explorer: keeps the moving part of a page current without reloading it
// (explorer/DESIGN.md section 9). The server marks that part <div id="live" data-refresh="N">;
// every N seconds it is fetched again with ?fragment=status and swapped in place, keeping the
// scroll position. A page the server no longer marks (a finalized transaction) stops. Pages work
// without this script: they carry a meta refresh inside <noscript>.
(function () {
  "use strict";

  var FALLBACK_SECONDS = 4;

  function live() {
    return document.getElementById("live");
  }

  function period(element) {
    var seconds = element ? parseInt(element.getAttribute("data-refresh"), 10) : NaN;
    return seconds > 0 ? seconds : 0;
  }

  function schedule(seconds) {
    if (seconds > 0) {
      window.setTimeout(refresh, seconds * 1000);
    }
  }

  function refresh() {
    var current = live();
    var seconds = period(current) || FALLBACK_SECONDS;
    var url = new URL(window.location.href);
    url.searchParams.set("fragment", "status");
    window
      .fetch(url.toString(), { cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        return response.text().then(function (text) {
          return { status: response.status, text: text };
        });
      })
      .then(function (answer) {
        // DOMParser runs no scripts: the fragment is markup only.
        var parsed = new DOMParser().parseFromString(answer.text, "text/html");
        var next = parsed.getElementById("live");
        if (!next || !live()) {
          schedule(seconds);
          return;
        }
        var x = window.scrollX;
        var y = window.scrollY;
        live().replaceWith(document.importNode(next, true));
        window.scrollTo(x, y);
        // A chain that is away comes back: keep asking while the answer is an outage.
        schedule(period(next) || (answer.status >= 500 ? seconds : 0));
      })
      .catch(function () {
        // The explorer itself is unreachable for a moment: try again later.
        schedule(seconds);
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      schedule(period(live()));
    });
  } else {
    schedule(period(live()));
  }
})();
