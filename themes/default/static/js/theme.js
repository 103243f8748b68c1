// Light/dark toggle. Loaded in <head> so that a stored choice applies
// before the first paint; without JavaScript the system setting rules and
// the button stays hidden.
(function () {
  var root = document.documentElement;
  var key = "geul-theme";
  try {
    var stored = localStorage.getItem(key);
    if (stored === "light" || stored === "dark") root.setAttribute("data-theme", stored);
  } catch (e) { /* storage may be blocked */ }

  function current() {
    var t = root.getAttribute("data-theme");
    if (t) return t;
    return window.matchMedia && matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".theme-toggle");
    if (!button) return;
    var sync = function () { button.setAttribute("aria-pressed", current() === "dark" ? "true" : "false"); };
    button.hidden = false;
    sync();
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { localStorage.setItem(key, next); } catch (e) { /* keep it for this page only */ }
      sync();
    });
  });
})();
