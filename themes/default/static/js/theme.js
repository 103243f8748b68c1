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
    // The label says what a press does: "어두운 화면" on a light page,
    // "밝은 화면" on a dark one (so no aria-pressed: the label changes).
    var label = button.querySelector(".theme-toggle-label");
    var sync = function () {
      if (label) label.textContent = current() === "dark" ? button.dataset.labelDark : button.dataset.labelLight;
    };
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
