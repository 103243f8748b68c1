// geul's search page: answers queries from the index geul build writes
// under /search/, as the reader types. The matching mirrors pkg/search
// (fold.go, hangul.go, query.go) line for line; a change to one is a
// change to both, and pkg/site's browser test checks they agree.
(function () {
  "use strict";

  // --- fold.go ---------------------------------------------------------

  function plain(s) {
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80 || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x3131 && c <= 0x318e) ||
          (c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f)) continue;
      return false;
    }
    return true;
  }

  function fold(s) {
    if (plain(s)) return s.toLowerCase();
    return s.normalize("NFD").replace(/\p{Mn}/gu, "").normalize("NFC").toLowerCase();
  }

  var MAX_TOKEN = 24;
  var wordRe = /[\p{L}\p{N}]/u;

  function isHangul(c) {
    return (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x3131 && c <= 0x318e) || (c >= 0x1100 && c <= 0x11ff);
  }

  function capRunes(s) {
    var n = 0;
    for (var i = 0; i < s.length; ) {
      if (n === MAX_TOKEN) return s.slice(0, i);
      i += s.codePointAt(i) > 0xffff ? 2 : 1;
      n++;
    }
    return s;
  }

  // isWord mirrors fold.go's: ASCII and syllables without the regexp.
  function isWord(cp) {
    if (cp < 0x80) return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
    if (cp >= 0xac00 && cp <= 0xd7a3) return true;
    return wordRe.test(String.fromCodePoint(cp));
  }

  // tokens splits folded text into words, with their offsets (UTF-16).
  function tokens(f) {
    var out = [];
    var start = -1, startHangul = false;
    function flush(end) {
      if (start >= 0) {
        out.push({ text: capRunes(f.slice(start, end)), start: start, end: end });
        start = -1;
      }
    }
    for (var i = 0; i < f.length; ) {
      var cp = f.codePointAt(i);
      if (!isWord(cp)) {
        flush(i);
      } else {
        var h = isHangul(cp);
        if (start >= 0 && h !== startHangul) flush(i);
        if (start < 0) { start = i; startHangul = h; }
      }
      i += cp > 0xffff ? 2 : 1;
    }
    flush(f.length);
    return out;
  }

  // --- hangul.go -------------------------------------------------------

  var BASE = 0xac00, LAST = 0xd7a3, PER_INITIAL = 21 * 28, FINALS = 28;
  var INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
  var FINAL_SPLIT = [[0, -1],
    [0, 0], [0, 1], [1, 9], [0, 2], [4, 12], [4, 18], [0, 3], [0, 5],
    [8, 0], [8, 6], [8, 7], [8, 9], [8, 16], [8, 17], [8, 18],
    [0, 6], [0, 7], [17, 9], [0, 9], [0, 10], [0, 11], [0, 12], [0, 14], [0, 15], [0, 16], [0, 17], [0, 18]];

  function exactClass(c) { return { lo: c, hi: c, also: 0 }; }
  function initialClass(l, jamo) {
    var lo = BASE + l * PER_INITIAL;
    return { lo: lo, hi: lo + PER_INITIAL - 1, also: jamo };
  }
  function isExact(c) { return c.lo === c.hi && c.also === 0; }
  function has(c, r) { return (r >= c.lo && r <= c.hi) || (c.also !== 0 && r === c.also); }

  function patterns(word, typing) {
    var p = [];
    for (var i = 0; i < word.length; ) {
      var r = word.codePointAt(i);
      i += r > 0xffff ? 2 : 1;
      var l = r >= 0x3131 && r < 0x3164 ? INITIALS.indexOf(String.fromCharCode(r)) : -1;
      p.push(l >= 0 ? initialClass(l, r) : exactClass(r));
    }
    if (!typing || p.length === 0) return [p];
    var last = p[p.length - 1];
    if (!isExact(last) || last.lo < BASE || last.lo > LAST) return [p];
    var s = last.lo;
    var fin = (s - BASE) % FINALS;
    if (fin === 0) {
      p[p.length - 1] = { lo: s, hi: s + FINALS - 1, also: 0 };
      return [p];
    }
    var split = FINAL_SPLIT[fin];
    var alt = p.slice(0, p.length - 1);
    alt.push(exactClass(s - fin + split[0]), initialClass(split[1], 0));
    return [p, alt];
  }

  function matches(p, word) {
    var i = 0;
    for (var k = 0; k < word.length; ) {
      if (i === p.length) return true;
      var r = word.codePointAt(k);
      k += r > 0xffff ? 2 : 1;
      if (!has(p[i], r)) return false;
      i++;
    }
    return i === p.length;
  }

  function scans(p) {
    var prefix = "";
    for (var i = 0; i < p.length; i++) {
      var c = p[i];
      if (isExact(c)) { prefix += String.fromCodePoint(c.lo); continue; }
      var out = [[prefix + String.fromCodePoint(c.lo), prefix + String.fromCodePoint(c.hi) + "\uffff"]];
      if (c.also !== 0) {
        out.push([prefix + String.fromCodePoint(c.also), prefix + String.fromCodePoint(c.also) + "\uffff"]);
      }
      return out;
    }
    return [[prefix, prefix + "\uffff"]];
  }

  function compare(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  // first index i of sorted a with a[i] >= x
  function lowerBound(a, x) {
    var lo = 0, hi = a.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (a[mid] < x) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // --- query.go --------------------------------------------------------

  function parseQuery(q) {
    var f = fold(q).replace(/[“”„″]/g, '"');
    var out = { words: [], phrases: [] };
    var index = new Map();
    var cps = Array.from(f);
    var typing = cps.length > 0 && isWord(cps[cps.length - 1].codePointAt(0));
    var parts = f.split('"');
    parts.forEach(function (part, pi) {
      var toks = tokens(part);
      var phrase = [];
      toks.forEach(function (t, ti) {
        var isLast = pi === parts.length - 1 && ti === toks.length - 1;
        var key = t.text + (isLast && typing ? "\u0000typing" : "");
        var i = index.get(key);
        if (i === undefined) {
          i = out.words.length;
          index.set(key, i);
          out.words.push({ text: t.text, patterns: patterns(t.text, isLast && typing) });
        }
        phrase.push(i);
      });
      if (pi % 2 === 1 && phrase.length > 1) out.phrases.push(phrase);
    });
    return out;
  }

  function wordMatches(w, word) {
    for (var i = 0; i < w.patterns.length; i++) if (matches(w.patterns[i], word)) return true;
    return false;
  }

  var PHRASE_CHECK_LIMIT = 40;

  function Reader(base, fetchJSON) {
    this.base = base;
    this.fetchJSON = fetchJSON || function (url) {
      return fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      });
    };
    this.shards = new Map();
    this.chunks = new Map();
    this.meta = null;
  }

  Reader.prototype.open = function () {
    var self = this;
    if (!this.metaPromise) {
      this.metaPromise = this.fetchJSON(this.base + "index.json").then(function (m) {
        if (m.format !== 1) throw new Error("search index format " + m.format);
        self.meta = m;
        return m;
      });
    }
    return this.metaPromise;
  };

  Reader.prototype.file = function (cache, name, hash) {
    if (!cache.has(name)) cache.set(name, this.fetchJSON(this.base + name + "?v=" + hash));
    return cache.get(name);
  };

  Reader.prototype.shard = function (i) {
    return this.file(this.shards, this.meta.files[i], this.meta.hashes[i]);
  };

  Reader.prototype.doc = function (i) {
    var m = this.meta, c = Math.floor(i / m.chunk);
    return this.file(this.chunks, "d" + c + ".json", m.hashes[m.shards.length + c]).then(function (ds) {
      return ds[i % m.chunk];
    });
  };

  // docTokens returns the words of document i's title and text, folded,
  // worked out once: every phrase query checks them.
  Reader.prototype.docTokens = function (i) {
    if (!this.tokens) this.tokens = new Map();
    if (!this.tokens.has(i)) {
      this.tokens.set(i, this.doc(i).then(function (d) { return tokens(fold(d.t + "\n" + d.x)); }));
    }
    return this.tokens.get(i);
  };

  Reader.prototype.shardsFor = function (lo, hi) {
    var b = this.meta.shards, out = [];
    for (var i = 0; i < b.length; i++) {
      var next = i + 1 < b.length ? b[i + 1] : "";
      if (compare(b[i], hi) <= 0 && (next === "" || compare(next, lo) > 0)) out.push(i);
    }
    return out;
  };

  // wordScores: for each document, the best score of a word matching w
  // there (equal ×4, prefix ×3), 0 for none; in a typed array, since a
  // one-consonant query (ㅅ) adds up most of the index.
  Reader.prototype.wordScores = async function (w) {
    var best = new Int32Array(this.meta.docs);
    for (var pi = 0; pi < w.patterns.length; pi++) {
      var p = w.patterns[pi];
      var ranges = scans(p);
      for (var ri = 0; ri < ranges.length; ri++) {
        var sc = ranges[ri];
        var ids = this.shardsFor(sc[0], sc[1]);
        var shards = await Promise.all(ids.map(this.shard, this));
        for (var si = 0; si < shards.length; si++) {
          var s = shards[si];
          for (var k = lowerBound(s.w, sc[0]); k < s.w.length && compare(s.w[k], sc[1]) <= 0; k++) {
            var word = s.w[k];
            if (!matches(p, word)) continue;
            var factor = word === w.text ? 4 : 3;
            var ps = s.p[k], doc = 0;
            for (var j = 0; j + 1 < ps.length; j += 2) {
              doc += ps[j];
              var v = ps[j + 1] * factor;
              if (v > best[doc]) best[doc] = v;
            }
          }
        }
      }
    }
    return best;
  };

  function hasPhrases(q, toks) {
    return q.phrases.every(function (ph) {
      for (var i = 0; i + ph.length <= toks.length; i++) {
        var ok = true;
        for (var j = 0; j < ph.length; j++) {
          if (!wordMatches(q.words[ph[j]], toks[i + j].text)) { ok = false; break; }
        }
        if (ok) return true;
      }
      return false;
    });
  }

  // search returns the matching documents' numbers and scores, best first.
  Reader.prototype.search = async function (q) {
    if (q.words.length === 0) return [];
    await this.open();
    var n = this.meta.docs;
    if (n === 0) return [];
    var total = new Int32Array(n), matched = new Int32Array(n);
    var all = await Promise.all(q.words.map(this.wordScores, this));
    all.forEach(function (best) {
      var df = 0;
      for (var d = 0; d < n; d++) if (best[d] > 0) df++;
      var weight = Math.floor(100 * n / (n + df));
      for (d = 0; d < n; d++) {
        if (best[d] > 0) {
          total[d] += best[d] * weight;
          matched[d]++;
        }
      }
    });
    var score = function (d) { return matched[d] * 1000000 + total[d]; };
    // Best first, ties to the lower number: sort score·2²⁰ + (2²⁰−1−doc)
    // as numbers, which a typed array does natively, many times faster
    // than a comparator (2²⁰ documents are more than any blog has).
    var count = 0;
    for (var d = 0; d < n; d++) if (matched[d] > 0) count++;
    var sorted = new Float64Array(count);
    for (d = 0, count = 0; d < n; d++) if (matched[d] > 0) sorted[count++] = score(d) * 1048576 + (1048575 - d);
    sorted.sort();
    var docs = new Array(sorted.length);
    for (var k = 0; k < sorted.length; k++) docs[k] = 1048575 - (sorted[sorted.length - 1 - k] % 1048576);
    if (q.phrases.length > 0) {
      var cands = [];
      for (var i = 0; i < docs.length && cands.length < PHRASE_CHECK_LIMIT; i++) {
        if (matched[docs[i]] < q.words.length) break;
        cands.push(docs[i]);
      }
      var toks = await Promise.all(cands.map(this.docTokens, this));
      docs = cands.filter(function (d, i) { return hasPhrases(q, toks[i]); });
    }
    return docs.map(function (d) { return { doc: d, score: score(d) }; });
  };

  // --- the page --------------------------------------------------------

  // words returns the [start, end) of each word of text as written: runs
  // of letters, digits and marks, split where Hangul meets another script
  // as tokens splits them.
  var displayRe = /[\p{L}\p{N}\p{M}]/u, markRe = /\p{M}/u;
  function words(text) {
    var out = [], start = -1, startHangul = false;
    for (var i = 0; i < text.length; ) {
      var cp = text.codePointAt(i), ch = String.fromCodePoint(cp);
      if (!displayRe.test(ch)) {
        if (start >= 0) out.push([start, i]);
        start = -1;
      } else if (!markRe.test(ch)) {
        var h = isHangul(cp);
        if (start >= 0 && h !== startHangul) { out.push([start, i]); start = -1; }
        if (start < 0) { start = i; startHangul = h; }
      }
      i += ch.length;
    }
    if (start >= 0) out.push([start, text.length]);
    return out;
  }

  function hits(word, q) {
    return tokens(fold(word)).some(function (t) {
      return q.words.some(function (w) { return wordMatches(w, t.text); });
    });
  }

  // marked appends text to el, with the words that match q in <mark>.
  function marked(el, text, q) {
    var last = 0;
    words(text).forEach(function (r) {
      var word = text.slice(r[0], r[1]);
      if (!hits(word, q)) return;
      el.appendChild(document.createTextNode(text.slice(last, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = word;
      el.appendChild(mark);
      last = r[1];
    });
    el.appendChild(document.createTextNode(text.slice(last)));
  }

  // snippet returns about 160 characters of text around its first match.
  function snippet(text, q) {
    text = text.replace(/\s+/g, " ");
    var at = 0, ws = words(text);
    for (var i = 0; i < ws.length; i++) {
      if (hits(text.slice(ws[i][0], ws[i][1]), q)) { at = ws[i][0]; break; }
    }
    var start = Math.max(0, at - 50);
    if (start > 0) {
      var sp = text.indexOf(" ", start);
      if (sp >= 0 && sp < at) start = sp + 1;
    }
    var end = Math.min(text.length, start + 160);
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  var LIMIT = 20;

  function setup(root) {
    var input = root.querySelector("input[type=search]");
    var status = root.querySelector("[role=status]");
    var list = root.querySelector(".search-results");
    var form = root.querySelector("form");
    var ds = root.dataset;
    var reader = new Reader(ds.index);
    var seq = 0;

    function say(text) { status.textContent = text; }

    async function run() {
      var raw = input.value;
      var my = ++seq;
      var url = new URL(location.href);
      if (raw) url.searchParams.set("q", raw); else url.searchParams.delete("q");
      history.replaceState(null, "", url);
      var q = parseQuery(raw);
      if (q.words.length === 0) {
        list.replaceChildren();
        say(ds.prompt);
        return;
      }
      var hits, docs;
      try {
        hits = (await reader.search(q)).slice(0, LIMIT);
        docs = await Promise.all(hits.map(function (h) { return reader.doc(h.doc); }));
      } catch (e) {
        if (my === seq) say(ds.failed);
        return;
      }
      if (my !== seq) return; // a newer query is on its way
      var items = docs.map(function (d) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = d.u;
        a.className = "search-title";
        marked(a, d.t, q);
        li.appendChild(a);
        if (d.d || d.c) {
          var meta = document.createElement("p");
          meta.className = "search-meta";
          if (d.d) {
            var time = document.createElement("time");
            time.dateTime = d.d;
            time.textContent = d.d;
            meta.appendChild(time);
          }
          if (d.c) {
            var cat = document.createElement("span");
            cat.textContent = d.c;
            meta.appendChild(cat);
          }
          li.appendChild(meta);
        }
        var p = document.createElement("p");
        p.className = "search-snippet";
        marked(p, snippet(d.x, q), q);
        li.appendChild(p);
        return li;
      });
      list.replaceChildren.apply(list, items);
      say(hits.length === 0 ? ds.none : ds.count.replace("%d", String(hits.length)));
    }

    input.addEventListener("input", run);
    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    // Arrow keys move between the box and the results.
    root.addEventListener("keydown", function (e) {
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      var links = Array.prototype.slice.call(list.querySelectorAll("a.search-title"));
      if (links.length === 0) return;
      var i = links.indexOf(document.activeElement);
      if (e.key === "ArrowDown") i = Math.min(i + 1, links.length - 1);
      else if (i <= 0) { input.focus(); e.preventDefault(); return; } else i--;
      links[i].focus();
      e.preventDefault();
    });
    var q = new URLSearchParams(location.search).get("q");
    if (q) { input.value = q; }
    if (input.value) run(); else say(ds.prompt);
    root.hidden = false;
  }

  // For tests and benchmarks: the same matching without the page.
  window.geulSearch = { fold: fold, tokens: tokens, parseQuery: parseQuery, Reader: Reader };

  var root = document.querySelector(".search-app");
  if (root) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { setup(root); });
    else setup(root);
  }
})();
