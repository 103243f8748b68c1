// Renders the TeX math geul writes (<span class="math">, <div class="math
// display">) with KaTeX, loaded before this script on pages with math.
// A formula KaTeX cannot read shows its TeX in red, not an empty box.
(function () {
  "use strict";
  if (!window.katex) return;
  document.querySelectorAll("span.math, div.math").forEach(function (el) {
    katex.render(el.textContent, el, {
      displayMode: el.classList.contains("display"),
      throwOnError: false,
    });
  });
})();
