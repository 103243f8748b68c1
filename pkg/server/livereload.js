// geul serve's live reload. It keeps an event stream open to the server
// and, after each build, reloads the page, swaps its stylesheets (when only
// CSS changed), goes to the post the writer just edited, or shows the
// build's errors over the page. Served only by geul serve, never published.
(function () {
  "use strict";
  if (window.__geulLiveReload) return;
  window.__geulLiveReload = true;

  var overlayID = "geul-error-overlay";
  var me = document.currentScript;
  // The build this page came from; null when unknown.
  var gen = me && me.hasAttribute("data-gen") ? me.getAttribute("data-gen") : null;
  var delay = 250;

  function overlay() { return document.getElementById(overlayID); }

  function hideErrors() {
    var o = overlay();
    if (o) o.remove();
  }

  // Every text goes in with textContent: file names and messages are never HTML.
  function showErrors(list) {
    hideErrors();
    var box = document.createElement("div");
    box.id = overlayID;
    box.setAttribute("role", "alert");
    box.style.cssText = "all:initial;position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "display:block;box-sizing:border-box;padding:2rem;background:rgba(24,24,27,.96);color:#fafafa;" +
      "font:15px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,'D2Coding',monospace;";
    var title = document.createElement("div");
    title.style.cssText = "font-size:18px;font-weight:bold;color:#fca5a5;margin-bottom:1rem;";
    title.textContent = "geul: the site could not be built (" + list.length + ")";
    box.appendChild(title);
    var ul = document.createElement("ul");
    ul.style.cssText = "margin:0;padding:0 0 0 1.2rem;";
    list.forEach(function (p) {
      var li = document.createElement("li");
      li.style.cssText = "white-space:pre-wrap;overflow-wrap:anywhere;margin:.5rem 0;";
      li.textContent = p.text;
      ul.appendChild(li);
    });
    box.appendChild(ul);
    var note = document.createElement("div");
    note.style.cssText = "margin-top:1rem;color:#a1a1aa;";
    note.textContent = "Fix the file and save it; this page updates by itself. (Esc hides this.)";
    box.appendChild(note);
    (document.body || document.documentElement).appendChild(box);
  }

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") hideErrors();
  });

  // Loads each same-origin stylesheet again under a new query, and drops
  // the old one once the new one is in, so the page does not flash.
  function swapCSS(g) {
    document.querySelectorAll('link[rel~="stylesheet"][href]').forEach(function (old) {
      var u = new URL(old.getAttribute("href"), location.href);
      if (u.origin !== location.origin) return;
      u.searchParams.set("geul", g);
      var fresh = old.cloneNode();
      fresh.href = u.href;
      fresh.onload = fresh.onerror = function () { old.remove(); };
      old.after(fresh);
    });
  }

  function on(es, name, fn) {
    es.addEventListener(name, function (e) {
      var d;
      try { d = JSON.parse(e.data); } catch (_) { return; }
      fn(d);
    });
  }

  function connect() {
    var es = new EventSource("/__geul/events");
    on(es, "hello", function (d) {
      delay = 250;
      if (gen !== null && d.gen !== gen) { location.reload(); return; }
      gen = d.gen;
    });
    on(es, "reload", function (d) {
      if (d.gen !== gen || overlay()) location.reload();
    });
    on(es, "css", function (d) {
      hideErrors();
      if (d.gen === gen) return;
      gen = d.gen;
      swapCSS(d.gen);
    });
    on(es, "navigate", function (d) {
      var to = new URL(d.url, location.href);
      if (to.pathname !== location.pathname) location.href = to.href;
      else if (d.gen !== gen || overlay()) location.reload();
    });
    on(es, "error", function (d) { showErrors(d.errors || []); });
    // The browser's own retry gives up on some failures; retry with
    // backoff until the server is back (it restarts, or the laptop sleeps).
    es.onerror = function () {
      es.close();
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5000);
    };
  }

  connect();
})();
