// Loads the comments widget (giscus or utterances) into #comments only
// when the reader scrolls near it: until then the page makes no request
// to a third party. The settings are the data- attributes the theme wrote
// from config.toml's [comments].
(function () {
  "use strict";
  var box = document.getElementById("comments");
  if (!box) return;
  var d = box.dataset;
  function load() {
    var s = document.createElement("script");
    s.async = true;
    s.crossOrigin = "anonymous";
    var attrs;
    if (d.provider === "giscus") {
      s.src = "https://giscus.app/client.js";
      attrs = {
        "data-repo": d.repo, "data-repo-id": d.repoId, "data-category": d.category,
        "data-category-id": d.categoryId, "data-mapping": d.mapping, "data-reactions-enabled": "1",
        "data-input-position": "top", "data-theme": d.theme, "data-lang": d.lang, "data-loading": "lazy",
      };
    } else {
      s.src = "https://utteranc.es/client.js";
      attrs = { repo: d.repo, "issue-term": d.issueTerm, theme: d.theme };
      if (d.label) attrs.label = d.label;
    }
    Object.keys(attrs).forEach(function (k) { s.setAttribute(k, attrs[k]); });
    box.appendChild(s);
  }
  if (!("IntersectionObserver" in window)) { load(); return; }
  var io = new IntersectionObserver(function (entries) {
    if (entries.some(function (e) { return e.isIntersecting; })) {
      io.disconnect();
      load();
    }
  }, { rootMargin: "0px 0px 200px 0px" });
  io.observe(box);
})();
