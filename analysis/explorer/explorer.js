/* The term and sentence explorer of analysis.explore: it draws what Python computed and
 * computes nothing of its own (positions, scores, counts, colours, the sentences of each term
 * and their scores all come in the JSON beside this script).
 *
 * Plain DOM and SVG, written here: no maintained library fits. D3, Vega and Plotly are loaded
 * from a CDN or bundled with a widget framework, and this view must run offline from one
 * inline script, alike in JupyterLab, in a notebook exported to HTML and in a standalone file.
 * The scatter is a few thousand SVG circles at most (the terms are capped in Python), which
 * any browser draws at once.
 */
function analysisExplorer(script, rootId) {
  "use strict";
  var root = (script && script.closest && script.closest(".anx-root")) ||
    document.getElementById(rootId);
  if (!root || root.getAttribute("data-ready") === "1") return;
  var source = root.querySelector("script.anx-data");
  if (!source) return;
  var data = JSON.parse(source.textContent);
  var SVG = "http://www.w3.org/2000/svg";
  var SHOWN = 200; // sentences listed per group before "show all"
  var T = data.terms, D = data.documents, S = data.sentences;
  var sides = [data.target, data.reference];
  var totals = data.totals;
  // The page carries the sentences of every document, or of a sample (Python's max_documents).
  var sampled = totals.shownTarget < totals.documentsTarget ||
    totals.shownReference < totals.documentsReference;
  function thousands(n) { return n.toLocaleString("en"); }
  var sideColours = [data.colours.target, data.colours.reference];

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    setAttrs(node, attrs);
    return node;
  }
  function setAttrs(node, attrs) {
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
  }
  function signed(value, digits) {
    if (value === null || value === undefined) return "n/a";
    return (value > 0 ? "+" : value < 0 ? "\u2212" : "") + Math.abs(value).toFixed(digits);
  }
  function plain(value) {
    return value === null || value === undefined ? "n/a" : String(value);
  }

  // --- Layout ----------------------------------------------------------------------------
  var fallback = root.querySelector(".anx-fallback");
  if (fallback) fallback.parentNode.removeChild(fallback);
  root.setAttribute("data-lm-suppress-shortcuts", "true"); // typing must not drive JupyterLab
  var tip = el("div", { class: "anx-tip", role: "tooltip" });
  var header = el("div", { class: "anx-header" }, [
    el("div", { class: "anx-title", text: data.title }),
    el("div", {
      class: "anx-note",
      text: "Showing " + data.totals.shown.toLocaleString("en") + " of " +
        data.totals.terms.toLocaleString("en") + " terms" +
        (data.totals.shown < data.totals.terms ? " (the most used and the most distinctive)" : "") +
        "; " + thousands(totals.documentsTarget) + " " + data.target + " and " +
        thousands(totals.documentsReference) + " " + data.reference + " documents" +
        (sampled ? "; sentences of " + thousands(totals.shownTarget) + " of " +
          thousands(totals.documentsTarget) + " " + data.target + " and " +
          thousands(totals.shownReference) + " of " + thousands(totals.documentsReference) + " " +
          data.reference + " documents, drawn at random (seed " + totals.sampleSeed + ")" : "") +
        ". Colour: " + data.scoreLabel + ".",
    }),
  ]);
  var tabTerms = el("button", { type: "button", class: "anx-tab anx-active", "data-view": "terms", text: "Terms" });
  var tabDocs = el("button", { type: "button", class: "anx-tab", "data-view": "documents", text: "Documents" });
  var termsView = el("div", { class: "anx-view anx-terms-view" });
  var docsView = el("div", { class: "anx-view anx-docs-view", hidden: "hidden" });
  root.appendChild(header);
  root.appendChild(el("div", { class: "anx-tabs" }, [tabTerms, tabDocs]));
  root.appendChild(termsView);
  root.appendChild(docsView);
  root.appendChild(tip);

  function showView(name) {
    var terms = name === "terms";
    termsView.hidden = !terms;
    docsView.hidden = terms;
    tabTerms.classList.toggle("anx-active", terms);
    tabDocs.classList.toggle("anx-active", !terms);
  }
  tabTerms.addEventListener("click", function () { showView("terms"); });
  tabDocs.addEventListener("click", function () { showView("documents"); });

  // --- Tooltip ---------------------------------------------------------------------------
  function showTip(event, lines) {
    tip.textContent = "";
    lines.forEach(function (line, i) {
      tip.appendChild(el("div", { class: i === 0 ? "anx-tip-head" : "" }, [line]));
    });
    var box = root.getBoundingClientRect();
    var left = event.clientX - box.left + 14;
    var top = event.clientY - box.top + 14;
    tip.style.display = "block";
    if (left + tip.offsetWidth > box.width) left = Math.max(0, left - tip.offsetWidth - 28);
    tip.style.left = left + "px";
    tip.style.top = top + "px";
  }
  function hideTip() { tip.style.display = "none"; }

  // --- The scatter -----------------------------------------------------------------------
  var W = 560, H = 540, M = { left: 56, right: 12, top: 12, bottom: 46 };
  var low = data.axis.low, high = data.axis.high;
  function px(v) { return M.left + (v - low) / (high - low) * (W - M.left - M.right); }
  function py(v) { return H - M.bottom - (v - low) / (high - low) * (H - M.top - M.bottom); }

  var plot = svg("svg", {
    class: "anx-plot", viewBox: "0 0 " + W + " " + H, role: "img",
    "aria-label": data.title,
  });
  var grid = svg("g", { class: "anx-axes" });
  data.axis.ticks.forEach(function (tick) {
    grid.appendChild(svg("line", { x1: px(tick[0]), x2: px(tick[0]), y1: py(low), y2: py(high), class: "anx-grid" }));
    grid.appendChild(svg("line", { x1: px(low), x2: px(high), y1: py(tick[0]), y2: py(tick[0]), class: "anx-grid" }));
    grid.appendChild(svg("text", { x: px(tick[0]), y: H - M.bottom + 14, "text-anchor": "middle", text: tick[1] }));
    grid.appendChild(svg("text", { x: M.left - 6, y: py(tick[0]) + 4, "text-anchor": "end", text: tick[1] }));
  });
  grid.appendChild(svg("line", { x1: px(0), y1: py(0), x2: px(high), y2: py(high), class: "anx-diagonal" }));
  grid.appendChild(svg("text", { x: (M.left + W - M.right) / 2, y: H - 8, "text-anchor": "middle", class: "anx-axis-label", text: data.axis.x }));
  grid.appendChild(svg("text", {
    x: 14, y: (M.top + H - M.bottom) / 2, "text-anchor": "middle", class: "anx-axis-label",
    transform: "rotate(-90 14 " + (M.top + H - M.bottom) / 2 + ")", text: data.axis.y,
  }));
  plot.appendChild(grid);

  var points = svg("g", { class: "anx-points" });
  var circles = new Array(T.term.length);
  // The most distinctive terms are drawn last, on top of the crowd near the diagonal.
  var order = T.term.map(function (_, i) { return i; }).sort(function (a, b) {
    return Math.abs(T.score[a] || 0) - Math.abs(T.score[b] || 0);
  });
  order.forEach(function (i) {
    var c = svg("circle", {
      cx: px(T.x[i]).toFixed(1), cy: py(T.y[i]).toFixed(1), r: T.labelled[i] ? 4.5 : 3.2,
      fill: T.colour[i], class: "anx-point", "data-i": i, "data-term": T.term[i],
    });
    circles[i] = c;
    points.appendChild(c);
  });
  plot.appendChild(points);
  var labels = svg("g", { class: "anx-labels" });
  // Labels of the most distinctive terms, most distinctive first, each at the first of a few
  // offsets where it overlaps no label placed before it (left out if there is none).
  var placed = [];
  var offsets = [[6, 4], [6, -6], [6, 14], [-6, 4], [-6, -6], [-6, 14], [6, -16], [6, 24]];
  order.slice().reverse().forEach(function (i) {
    if (!T.labelled[i]) return;
    var width = 5.6 * T.term[i].length, x0 = px(T.x[i]), y0 = py(T.y[i]);
    for (var k = 0; k < offsets.length; k++) {
      var left = offsets[k][0] > 0 ? x0 + offsets[k][0] : x0 + offsets[k][0] - width;
      var box = { left: left, right: left + width, top: y0 + offsets[k][1] - 9, bottom: y0 + offsets[k][1] + 2 };
      var clash = box.left < M.left || box.right > W || placed.some(function (other) {
        return box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom;
      });
      if (clash) continue;
      placed.push(box);
      labels.appendChild(svg("text", {
        x: box.left.toFixed(1), y: (y0 + offsets[k][1]).toFixed(1),
        class: "anx-label", "data-i": i, "data-term": T.term[i], text: T.term[i],
      }));
      return;
    }
  });
  plot.appendChild(labels);
  var ring = svg("circle", { r: 8, class: "anx-ring", visibility: "hidden" });
  plot.appendChild(ring);

  function termOf(event) {
    var node = event.target;
    var i = node && node.getAttribute && node.getAttribute("data-i");
    return i === null || i === undefined ? -1 : Number(i);
  }
  plot.addEventListener("mouseover", function (event) {
    var i = termOf(event);
    if (i >= 0) showTip(event, termLines(i));
  });
  plot.addEventListener("mousemove", function (event) {
    var i = termOf(event);
    if (i >= 0) showTip(event, termLines(i));
  });
  plot.addEventListener("mouseout", hideTip);
  plot.addEventListener("click", function (event) {
    var i = termOf(event);
    if (i >= 0) selectTerm(i);
  });

  // --- Search, legend and the term's card --------------------------------------------------
  var search = el("input", {
    type: "search", class: "anx-search", placeholder: "Search a term, Enter to open it",
    "aria-label": "Search a term",
  });
  var matches = el("div", { class: "anx-matches" });
  var card = el("div", { class: "anx-card" }, [
    el("div", { class: "anx-hint", text: "Hover a point for its counts; click it, or a search result, for its sentences." }),
  ]);
  var legend = el("div", { class: "anx-legend" }, [0, 1].map(function (side) {
    return el("span", {}, [
      el("span", { class: "anx-swatch", style: "background:" + sideColours[side] }),
      "used more by " + sides[side],
    ]);
  }));
  var panel = el("div", { class: "anx-panel" }, [search, matches, legend, card]);
  termsView.appendChild(el("div", { class: "anx-row" }, [el("div", { class: "anx-plot-box" }, [plot]), panel]));
  var sentenceBox = el("div", { class: "anx-sentences" });
  termsView.appendChild(sentenceBox);

  // What the log ratio says: a multiple of the other group's rate, unless one group never
  // uses the term, where the multiple would only reflect the 0.5 added to each count.
  function ratioMeaning(i, ratio) {
    if (T.countReference[i] === 0) return " (only " + data.target + " uses it)";
    if (T.countTarget[i] === 0) return " (only " + data.reference + " uses it)";
    return " (" + data.target + " uses it " + Math.pow(2, ratio).toFixed(2) + "\u00d7 as often per term)";
  }
  function termLines(i) {
    var ratio = T.logRatio[i];
    var docs = T.documents[i].map(function (d) { return D.id[d]; });
    var lines = [
      T.term[i],
      data.scoreLabel + ": " + signed(T.score[i], 2) + " (p = " + plain(T.p[i]) +
        (T.pAdjusted ? "; Benjamini\u2013Hochberg adjusted p = " + plain(T.pAdjusted[i]) : "") + ")",
      "log ratio: " + signed(ratio, 2) + ratioMeaning(i, ratio),
      data.target + ": " + T.countTarget[i] + " uses (" + T.per1000Target[i] +
        " per 1,000 terms) in " + thousands(T.docsTarget[i]) + " of " + thousands(totals.documentsTarget) + " documents",
      data.reference + ": " + T.countReference[i] + " uses (" + T.per1000Reference[i] +
        " per 1,000 terms) in " + thousands(T.docsReference[i]) + " of " + thousands(totals.documentsReference) + " documents",
      (sampled ? "documents shown: " : "documents: ") + (docs.slice(0, 12).join(", ") + (docs.length > 12 ? ", \u2026 (" + docs.length + ")" : "") || "none"),
    ];
    if (T.looScore && T.looScore[i] !== null) {
      lines.splice(2, 0, "with one document of the favoured group left out: " + signed(T.looScore[i], 2));
    }
    return lines;
  }

  function showMatches() {
    var query = search.value.trim().toLowerCase();
    matches.textContent = "";
    plot.classList.toggle("anx-searching", query.length > 0);
    var found = [];
    T.term.forEach(function (term, i) {
      var hit = query.length > 0 && term.indexOf(query) >= 0;
      circles[i].classList.toggle("anx-hit", hit);
      if (hit) found.push(i);
    });
    // Exact match first, then terms that start with the query, then by use.
    found.sort(function (a, b) {
      var ka = T.term[a] === query ? 0 : T.term[a].indexOf(query) === 0 ? 1 : 2;
      var kb = T.term[b] === query ? 0 : T.term[b].indexOf(query) === 0 ? 1 : 2;
      if (ka !== kb) return ka - kb;
      return (T.countTarget[b] + T.countReference[b]) - (T.countTarget[a] + T.countReference[a]);
    });
    if (query && !found.length) matches.appendChild(el("span", { class: "anx-hint", text: "No term drawn contains \u201c" + query + "\u201d." }));
    found.slice(0, 40).forEach(function (i) {
      matches.appendChild(el("button", {
        type: "button", class: "anx-match", "data-i": i, "data-term": T.term[i],
        style: "border-color:" + T.colour[i], text: T.term[i],
      }));
    });
    if (found.length > 40) matches.appendChild(el("span", { class: "anx-hint", text: "\u2026 and " + (found.length - 40) + " more" }));
    return found;
  }
  search.addEventListener("input", showMatches);
  search.addEventListener("keydown", function (event) {
    event.stopPropagation();
    if (event.key === "Enter") {
      var found = showMatches();
      if (found.length) selectTerm(found[0]);
    }
  });
  matches.addEventListener("click", function (event) {
    var i = termOf(event);
    if (i >= 0) selectTerm(i);
  });

  // --- The sentences of a term -------------------------------------------------------------
  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function termPattern(term) {
    // Words of the term, any non-letters between them, an optional possessive after: the way
    // Python's terms were read from the text, for highlighting only.
    var words = term.split(" ").map(escapeRegExp).join("[^\\p{L}\\p{N}]+");
    try {
      return new RegExp("(?<![\\p{L}\\p{N}_])" + words + "(?:['\u2019]s)?(?![\\p{L}\\p{N}_])", "giu");
    } catch (error) {
      return new RegExp(words, "gi");
    }
  }
  function highlighted(text, pattern) {
    var node = el("span", { class: "anx-text" });
    var last = 0, match;
    pattern.lastIndex = 0;
    while ((match = pattern.exec(text)) !== null) {
      if (match[0].length === 0) { pattern.lastIndex++; continue; }
      node.appendChild(document.createTextNode(text.slice(last, match.index)));
      node.appendChild(el("mark", { text: match[0] }));
      last = match.index + match[0].length;
    }
    node.appendChild(document.createTextNode(text.slice(last)));
    return node;
  }
  function metaLine(d) {
    var parts = [];
    D.metaColumns.forEach(function (column, k) {
      if (D.meta[d][k] !== "") parts.push(column + ": " + D.meta[d][k]);
    });
    return parts.join(" \u00b7 ");
  }
  function sentenceItem(s, pattern) {
    var d = S.doc[s];
    var link = el("button", { type: "button", class: "anx-doclink", "data-sentence": s, title: "Read the document", text: D.id[d] });
    var badge = el("span", { class: "anx-score", style: "background:" + S.colour[s], title: "VADER compound score", text: signed(S.compound[s], 2) });
    return el("li", { class: "anx-sentence", "data-doc": D.id[d], "data-sentence": s }, [
      el("div", { class: "anx-meta" }, [link, " ", badge, " ", el("span", { text: metaLine(d) })]),
      highlighted(S.text[s], pattern),
    ]);
  }
  function sentenceColumn(side, found, pattern, i) {
    var list = el("ol", { class: "anx-list" });
    var heading = el("div", { class: "anx-column-head", style: "border-color:" + sideColours[side] }, [
      sides[side] + ": " + found.length + " sentence" + (found.length === 1 ? "" : "s") +
        (sampled ? " in the " + thousands(side === 0 ? totals.shownTarget : totals.shownReference) +
          " documents shown" : ""),
    ]);
    function fill(limit) {
      list.textContent = "";
      found.slice(0, limit).forEach(function (s) { list.appendChild(sentenceItem(s, pattern)); });
    }
    fill(SHOWN);
    var column = el("div", { class: "anx-column", "data-side": side === 0 ? "target" : "reference" }, [heading, list]);
    if (found.length > SHOWN) {
      var more = el("button", { type: "button", class: "anx-more", text: "Show all " + found.length });
      more.addEventListener("click", function () { fill(found.length); more.remove(); });
      column.appendChild(more);
    }
    if (!found.length) column.appendChild(el("div", { class: "anx-hint", text: "No sentence of " + sides[side] + " uses \u201c" + T.term[i] + "\u201d." }));
    return column;
  }
  function selectTerm(i) {
    root.setAttribute("data-selected", T.term[i]);
    ring.setAttribute("cx", circles[i].getAttribute("cx"));
    ring.setAttribute("cy", circles[i].getAttribute("cy"));
    ring.setAttribute("visibility", "visible");
    card.textContent = "";
    termLines(i).forEach(function (line, k) {
      card.appendChild(el("div", { class: k === 0 ? "anx-card-head" : "" }, [line]));
    });
    var pattern = termPattern(T.term[i]);
    var bySide = [[], []];
    T.sentences[i].forEach(function (s) { bySide[S.side[s]].push(s); });
    sentenceBox.textContent = "";
    sentenceBox.appendChild(el("div", { class: "anx-sentences-head", text: "Sentences using \u201c" + T.term[i] + "\u201d" }));
    sentenceBox.appendChild(el("div", { class: "anx-columns" }, [
      sentenceColumn(0, bySide[0], pattern, i), sentenceColumn(1, bySide[1], pattern, i),
    ]));
  }
  sentenceBox.addEventListener("click", function (event) {
    var target = event.target;
    if (target.classList && target.classList.contains("anx-doclink")) {
      openSentence(Number(target.getAttribute("data-sentence")));
    }
  });

  // --- One document, sentence by sentence ----------------------------------------------------
  var first = new Array(D.id.length).fill(-1), count = new Array(D.id.length).fill(0);
  S.doc.forEach(function (d, s) { if (first[d] < 0) first[d] = s; count[d] += 1; });
  var picker = el("select", { class: "anx-picker", "aria-label": "Document" }, D.id.map(function (id, d) {
    var meta = metaLine(d);
    return el("option", { value: d, text: id + " \u2014 " + D.label[d] + (meta ? " \u2014 " + meta.slice(0, 90) : "") });
  }));
  var scale = el("div", { class: "anx-legend" }, [
    el("span", {}, [el("span", { class: "anx-swatch", style: "background:" + data.sentenceColours[0] }), "negative"]),
    el("span", {}, [el("span", { class: "anx-swatch", style: "background:" + data.sentenceColours[1] }), "neutral"]),
    el("span", {}, [el("span", { class: "anx-swatch", style: "background:" + data.sentenceColours[2] }), "positive (VADER compound score; hover a sentence for its drivers)"]),
  ]);
  var docHead = el("div", { class: "anx-doc-head" });
  var docText = el("div", { class: "anx-doc" });
  docsView.appendChild(el("div", { class: "anx-row" }, [picker, scale]));
  docsView.appendChild(docHead);
  docsView.appendChild(docText);
  var spans = {};
  function showDocument(d) {
    picker.value = String(d);
    docHead.textContent = "";
    docHead.appendChild(el("div", { class: "anx-card-head", text: D.id[d] + " (" + data.group + ": " + D.label[d] + ")" }));
    var meta = metaLine(d);
    if (meta) docHead.appendChild(el("div", { text: meta }));
    docHead.appendChild(el("div", { text: count[d] + " sentences; mean compound score " + signed(D.mean[d], 3) + " (headings left out)" }));
    docText.textContent = "";
    spans = {};
    var paragraph = el("p");
    for (var s = first[d]; s >= 0 && s < first[d] + count[d]; s++) {
      if (S.heading[s]) {
        if (paragraph.childNodes.length) docText.appendChild(paragraph);
        paragraph = el("p");
        spans[s] = el("h4", { class: "anx-heading", "data-sentence": s, text: S.text[s] });
        docText.appendChild(spans[s]);
        continue;
      }
      spans[s] = el("span", { class: "anx-unit", "data-sentence": s, style: "background:" + S.colour[s], text: S.text[s] });
      paragraph.appendChild(spans[s]);
      paragraph.appendChild(document.createTextNode(" "));
    }
    if (paragraph.childNodes.length) docText.appendChild(paragraph);
  }
  function sentenceLines(s) {
    var lines = [
      "compound " + signed(S.compound[s], 3) + " (positive " + S.pos[s] + ", neutral " + S.neu[s] + ", negative " + S.neg[s] + ")",
    ];
    var drivers = S.drivers[s] || [];
    if (drivers.length) {
      lines.push("drivers: " + drivers.map(function (pair) { return pair[0] + " " + signed(pair[1], 2); }).join(", "));
    } else {
      lines.push(data.explained ? "drivers: no word of the lexicon" : "drivers: no sentiment explanation available");
    }
    return lines;
  }
  docText.addEventListener("mouseover", function (event) {
    var s = event.target.getAttribute && event.target.getAttribute("data-sentence");
    if (s !== null && s !== undefined && !S.heading[Number(s)]) showTip(event, sentenceLines(Number(s)));
  });
  docText.addEventListener("mouseout", hideTip);
  picker.addEventListener("change", function () { showDocument(Number(picker.value)); });
  function openSentence(s) {
    showView("documents");
    showDocument(S.doc[s]);
    var span = spans[s];
    if (span) {
      span.classList.add("anx-flash");
      if (span.scrollIntoView) span.scrollIntoView({ block: "center" });
    }
  }
  if (D.id.length) showDocument(0);
  root.setAttribute("data-ready", "1");
}
