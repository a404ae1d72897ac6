/*
 * GitOps Sync pages: small progressive enhancements, no external code. Everything works without it (links and
 * forms); with it, marked regions refresh themselves, the sync dialog opens as a modal, and Pod logs load and follow.
 *  - [data-gitops-refresh=N]: every N seconds the element's content is replaced by the same element of a fresh copy
 *    of the page (same URL), skipped while the tab is hidden or focus is inside the element.
 *  - [data-gitops-open=id] / [data-gitops-close=id]: open / close the <dialog> with that id.
 *  - form[data-gitops-logs=id]: loads "logs?container=..&tail=.." into <pre id>, every 3 s while "follow" is ticked.
 */
(function () {
  "use strict";

  function refresh(el) {
    var seconds = parseInt(el.getAttribute("data-gitops-refresh"), 10);
    if (!(seconds > 0)) {
      return;
    }
    var timer = window.setInterval(function () {
      if (document.hidden || el.contains(document.activeElement)) {
        return;
      }
      fetch(window.location.href, { credentials: "same-origin", headers: { "X-GitOps-Refresh": "1" } })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (!html) {
            return;
          }
          var fresh = new DOMParser().parseFromString(html, "text/html").getElementById(el.id);
          if (fresh) {
            el.innerHTML = fresh.innerHTML;
            el.setAttribute("data-gitops-refreshed", String(Date.now()));
            if (!fresh.hasAttribute("data-gitops-refresh")) {
              window.clearInterval(timer); // e.g. the operation finished
              el.removeAttribute("data-gitops-refresh");
            }
          }
        })
        .catch(function () { /* the next round tries again */ });
    }, seconds * 1000);
  }

  function dialogs() {
    document.querySelectorAll("[data-gitops-open]").forEach(function (b) {
      b.addEventListener("click", function () {
        var d = document.getElementById(b.getAttribute("data-gitops-open"));
        if (d && typeof d.showModal === "function") {
          d.showModal();
        }
      });
    });
    document.querySelectorAll("[data-gitops-close]").forEach(function (b) {
      b.addEventListener("click", function () {
        var d = document.getElementById(b.getAttribute("data-gitops-close"));
        if (d) {
          d.close();
        }
      });
    });
  }

  function logs(form) {
    var out = document.getElementById(form.getAttribute("data-gitops-logs"));
    if (!out) {
      return;
    }
    var base = out.getAttribute("data-gitops-logs-url");
    function load() {
      var params = new URLSearchParams();
      params.set("container", form.elements.container.value);
      params.set("tail", form.elements.tail.value);
      return fetch(base + (base.indexOf("?") < 0 ? "?" : "&") + params.toString(), { credentials: "same-origin" })
        .then(function (r) { return r.text().then(function (t) { return r.ok ? t : "HTTP " + r.status + ": " + t; }); })
        .then(function (t) {
          out.textContent = t;
          out.setAttribute("data-gitops-loaded", String(Date.now()));
          out.scrollTop = out.scrollHeight;
        })
        .catch(function (e) { out.textContent = "Logs unavailable: " + e; });
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      load();
    });
    form.elements.container.addEventListener("change", load);
    window.setInterval(function () {
      if (form.elements.follow.checked && !document.hidden) {
        load();
      }
    }, 3000);
    load();
  }

  function init() {
    document.querySelectorAll("[data-gitops-refresh]").forEach(refresh);
    dialogs();
    document.querySelectorAll("form[data-gitops-logs]").forEach(logs);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
