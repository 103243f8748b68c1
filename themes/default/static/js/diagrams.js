// Draws the Mermaid diagrams geul writes (<pre class="mermaid">) with
// Mermaid, loaded before this script on pages with a diagram, in the
// theme's light or dark scheme.
(function () {
  "use strict";
  if (!window.mermaid) return;
  var root = document.documentElement.dataset.theme;
  var dark = root ? root === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
  mermaid.initialize({ startOnLoad: false, theme: dark ? "dark" : "default", securityLevel: "strict" });
  mermaid.run({ querySelector: "pre.mermaid" });
})();
