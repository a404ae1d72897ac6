/*
 * GitOps Sync pages: small progressive enhancements, no external code. Everything works without it (links and
 * forms); with it, marked regions refresh themselves, the sync dialog opens as a modal, and Pod logs load and follow.
 *  - [data-gitops-refresh=N]: every N seconds the element's content is replaced by the same element of a fresh copy
 *    of the page (same URL), skipped while the tab is hidden or focus is inside the element.
 *  - [data-gitops-open=id] / [data-gitops-close=id]: open / close the <dialog> with that id.
 *  - form[data-gitops-logs=id]: loads the tail "logs?container=..&tail=.." into <pre id>; while "follow" is ticked,
 *    every 2 s asks only for the lines after the cursor of the last answer (header X-GitOps-Log-Cursor) and
 *    appends them; a short status goes to the element "<id>-status" (a polite live region).
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
    var status = document.getElementById(form.getAttribute("data-gitops-logs") + "-status");
    var base = out.getAttribute("data-gitops-logs-url");
    var cursor = "";
    var busy = false;
    function say(text) {
      if (status) {
        status.textContent = text;
      }
    }
    // reset: the tail of the chosen container; otherwise only the lines after the cursor, appended
    function load(reset) {
      if (busy && !reset) {
        return Promise.resolve();
      }
      busy = true;
      if (reset) {
        cursor = "";
      }
      var params = new URLSearchParams();
      params.set("container", form.elements.container.value);
      params.set("tail", form.elements.tail.value);
      if (cursor) {
        params.set("cursor", cursor);
      }
      var atBottom = out.scrollTop + out.clientHeight >= out.scrollHeight - 4;
      return fetch(base + (base.indexOf("?") < 0 ? "?" : "&") + params.toString(), { credentials: "same-origin" })
        .then(function (r) {
          return r.text().then(function (t) {
            if (!r.ok) {
              say("HTTP " + r.status + ": " + t);
              if (reset) {
                out.textContent = "HTTP " + r.status + ": " + t;
              }
              return;
            }
            var lines = r.headers.get("X-GitOps-Log-Lines");
            cursor = r.headers.get("X-GitOps-Log-Cursor") || cursor;
            out.setAttribute("data-gitops-cursor", cursor);
            if (lines === "error") {
              if (reset) {
                out.textContent = t;
              }
              say(t);
            } else if (reset) {
              out.textContent = t || "(no log lines)\n";
              say(form.elements.follow.checked ? "Following " + form.elements.container.value : "");
            } else if (t) {
              if (out.textContent === "(no log lines)\n") {
                out.textContent = "";
              }
              out.appendChild(document.createTextNode(t));
              say(lines + " new line(s) at " + new Date().toLocaleTimeString());
            }
            out.setAttribute("data-gitops-loaded", String(Date.now()));
            if (reset || atBottom) {
              out.scrollTop = out.scrollHeight;
            }
          });
        })
        .catch(function (e) { say("Logs unavailable: " + e); })
        .then(function () { busy = false; });
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      load(true);
    });
    form.elements.container.addEventListener("change", function () { load(true); });
    form.elements.follow.addEventListener("change", function () {
      say(form.elements.follow.checked ? "Following " + form.elements.container.value : "");
    });
    window.setInterval(function () {
      if (form.elements.follow.checked && !document.hidden && !busy) {
        load(!cursor); // no cursor yet (an empty log): the tail again, replacing the placeholder
      }
    }, 2000);
    load(true);
  }

  // [data-gitops-diff]: the layout chosen last (kept in localStorage) applies to every diff; in a diff, "n" / "p"
  // (or "j" / "k") move the focus to the next / previous hunk of the visible layout
  function diffs() {
    var views = document.querySelectorAll("[data-gitops-diff]");
    var saved = null;
    try {
      saved = window.localStorage.getItem("gitops.diff.layout");
    } catch (e) { /* storage may be off */ }
    views.forEach(function (v) {
      var radios = v.querySelectorAll("input.gitops-diffview__mode");
      radios.forEach(function (r) {
        if (saved && r.value === saved) {
          r.checked = true;
        }
        r.addEventListener("change", function () {
          try {
            window.localStorage.setItem("gitops.diff.layout", r.value);
          } catch (e) { /* storage may be off */ }
        });
      });
      v.addEventListener("keydown", function (e) {
        if (e.altKey || e.ctrlKey || e.metaKey || e.target.tagName === "INPUT") {
          return;
        }
        var step = (e.key === "n" || e.key === "j") ? 1 : (e.key === "p" || e.key === "k") ? -1 : 0;
        if (!step) {
          return;
        }
        var stops = Array.prototype.filter.call(v.querySelectorAll(".gitops-diff-stop"), function (el) {
          return el.offsetParent !== null;
        });
        if (!stops.length) {
          return;
        }
        var at = stops.indexOf(document.activeElement);
        var next = at < 0 ? (step > 0 ? 0 : stops.length - 1) : Math.max(0, Math.min(stops.length - 1, at + step));
        stops[next].focus();
        stops[next].scrollIntoView({ block: "nearest" });
        e.preventDefault();
      });
    });
  }

  function init() {
    document.querySelectorAll("[data-gitops-refresh]").forEach(refresh);
    dialogs();
    document.querySelectorAll("form[data-gitops-logs]").forEach(logs);
    diffs();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
