// Adds a language label and a copy button to code blocks. Renderers mark
// the language in different ways, so look in each: <pre data-lang="go">,
// data-language, class="language-go" on <pre> or <code>, or a wrapper's
// data-lang. Blocks without a language get only the button.
(function () {
  var script = document.currentScript;
  var labels = {
    copy: (script && script.getAttribute("data-copy")) || "Copy",
    copied: (script && script.getAttribute("data-copied")) || "Copied"
  };

  function language(pre, code) {
    var els = [pre, code, pre.parentElement];
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (!el || !el.getAttribute) continue;
      var lang = el.getAttribute("data-lang") || el.getAttribute("data-language");
      if (lang) return lang;
      var m = /(?:^|\s)(?:language|lang)-([\w+#.-]+)/.exec(el.className || "");
      if (m) return m[1];
    }
    return "";
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try { document.execCommand("copy") ? resolve() : reject(); } catch (e) { reject(e); }
      document.body.removeChild(area);
    });
  }

  function enhance(pre) {
    if (pre.closest(".code-block")) return;
    var code = pre.querySelector("code") || pre;
    var box = document.createElement("div");
    box.className = "code-block";
    pre.parentNode.insertBefore(box, pre);
    box.appendChild(pre);
    var lang = language(pre, code);
    if (lang) {
      var label = document.createElement("span");
      label.className = "code-lang";
      label.textContent = lang;
      box.appendChild(label);
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "code-copy";
    button.textContent = labels.copy;
    button.setAttribute("aria-live", "polite");
    button.addEventListener("click", function () {
      copyText(code.innerText).then(function () {
        button.textContent = labels.copied;
        setTimeout(function () { button.textContent = labels.copy; }, 2000);
      }, function () { /* leave the label; the text can still be selected */ });
    });
    box.appendChild(button);
  }

  function run() {
    var blocks = document.querySelectorAll(".post-content pre");
    for (var i = 0; i < blocks.length; i++) enhance(blocks[i]);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
