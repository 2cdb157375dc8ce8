// Tangle explorer page. Every string from the graph is document text: it reaches the DOM
// through textContent only, and vis-network tooltips get plain strings (rendered as text).
//
// window.tangle is the page's API for extension scripts (every other .js file in graph/templates/ is
// inlined after this one), notebooks and tests:
//   data                     the page data: nodes (most important first), edges (id "e" + index), sentences
//                            (each stored once), documents, styles, config
//   network, nodes, edges    the vis.Network and the vis.DataSets of what is drawn now
//   node(id), edge(id)       a record of data.nodes / data.edges, or undefined
//   incident(id)             every edge at an entity, drawn or not
//   citations(edge)          [{doc, title, sentence, markers, page, status, date}]: the edge's evidence
//                            (date: {start, end, precision, words} when the claim is dated)
//   dateLabel(date)          a date as the page writes it: 2016-06-09, 2016-06, 2016, 1990s, 2016-06 – 2016-07
//   isVisible(id)            whether an entity is drawn now; visibleNodes(), visibleEdges(): the ids drawn now
//   labels()                 the labels the last frame drew: [{id, text, x, y, width, height, size}] in CSS
//                            pixels of the canvas (a label is drawn only where it overlaps no other)
//   refresh()                recompute what is drawn (after a filter of your own changed its mind)
//   addFilter(name, {node: n => bool, edge: e => bool})   draw only what passes (either part may be left
//                            out); replaces a filter of the same name; removeFilter(name). Entities left
//                            without a drawn relation go too, unless "keep isolated" is ticked.
//   onSelect(fn)             fn({kind: "node" | "edge" | "path" | "none", id, nodes, edges}) after each selection
//   onRefresh(fn)            fn() after each refresh
//   addPanel(title, where)   a new section in the left column (where = "controls", the default) or under the
//                            graph ("under"); returns the element to fill
//   select(id), selectEdge(id), path(a, b), search(query), show(ids), expand(id, n), showMore(), showAll()
//   findMatches(query)       ids of the entities search would offer; selection(): the current selection
//   setCoMentions(on), setCoMentionMinimum(n)      the co-mention button and slider
//   table.show(on), table.kind("entities" | "relations"), table.rows(), table.csv()   the table view
//   el(tag, className, text), clear(node)   DOM helpers that put document text in as text only
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("tangle-data").textContent);
  var STATUSES = ["asserted", "reported", "negated"];
  var CO = data.config.coMentioned || "co_mentioned";
  var DIM_NODE = { background: "#e6e6e6", border: "#d0d0d0" };
  var DIM_EDGE = "rgba(190,190,190,0.25)";
  var EXPAND = 12;  // neighbours one click on "expand" adds
  var config = data.config;
  // Big views: no hover, reported edges lighter but not dotted (dashes cost most of a frame), and
  // highlights drawn as an overlay instead of restyling every item. Decided again at each refresh.
  var big = false;

  // ---------- indexes ----------
  var nodeById = new Map(), edgeById = new Map(), incident = new Map(), order = new Map(), pairs = new Map();
  data.nodes.forEach(function (n, i) { nodeById.set(n.id, n); incident.set(n.id, []); order.set(n.id, i); });
  data.edges.forEach(function (e, i) {
    e.id = "e" + i;
    // Several relations between the same two entities are drawn as separate arcs: e._arc numbers them.
    var pair = e.from < e.to ? e.from + "\u0000" + e.to : e.to + "\u0000" + e.from;
    e._arc = pairs.get(pair) || 0;
    pairs.set(pair, e._arc + 1);
    edgeById.set(e.id, e);
    incident.get(e.from).push(e);
    if (e.to !== e.from) incident.get(e.to).push(e);
  });
  function other(e, id) { return e.from === id ? e.to : e.from; }

  // ---------- small DOM helpers (text only) ----------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function $(id) { return document.getElementById(id); }
  function docTitle(id) { var d = data.documents[id]; return d ? d.title : id; }
  function number(n) { return Number(n).toLocaleString("en"); }
  function plural(n, word, many) { return number(n) + " " + (n === 1 ? word : many || word + "s"); }
  function button(text, onClick, className) {
    var b = el("button", className || null, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  function citations(e) {
    return e.citations.map(function (c) {
      var s = data.sentences[c[0]];
      var out = { doc: s.doc, title: docTitle(s.doc), sentence: s.text, markers: s.markers, status: c[1] };
      if (s.page !== undefined) out.page = s.page;
      if (s.date !== undefined) out.date = s.date;
      out.sentenceIndex = c[0];
      return out;
    });
  }

  // ---------- vis styles ----------
  var colourBy = "type";
  function nodeFill(n) {
    if (colourBy === "community" && data.styles.communities && n.community !== undefined) {
      return data.styles.communities[n.community % data.styles.communities.length];
    }
    return data.styles.types[n.type] || "#999999";
  }
  function nodeColour(n) {
    var c = nodeFill(n);
    return { background: c, border: c, highlight: { background: c, border: "#222222" }, hover: { background: c, border: "#222222" } };
  }
  function edgeColour(e) {
    if (e.status === "negated") return { color: "#9e9e9e", highlight: "#616161", hover: "#616161", opacity: 0.9 };
    var c = data.styles.relations[e.type] || "#888888";
    var opacity = e.type === CO ? 0.45 : e.status === "reported" ? 0.55 : 1.0;
    return { color: c, highlight: c, hover: c, opacity: opacity };
  }
  function edgeDashes(e) {
    // A canvas dash costs per dash: long ones keep big graphs fast while still reading as dashed.
    if (e.status === "negated") return big ? [60, 40] : true;
    if (e.status === "reported" && e.type !== CO) return big ? false : [2, 6];
    return false;
  }
  function edgeWidth(e) {
    var w = Math.min(1 + 1.5 * Math.log2(Math.max(e.weight, 1)), 8);
    return e.type === CO ? Math.max(w / 2, 0.5) : w + 0.5;
  }
  function nodeView(n) {
    return {
      id: n.id, label: n.label, x: n.x, y: n.y, size: n.size, shape: "dot",
      color: nodeColour(n),
      title: n.label + " (" + n.type + ")\n" + plural(n.mentions, "mention") + ", " + plural(n.degree, "relation"),
    };
  }
  function edgeView(e) {
    var i = e._arc;
    var smooth = i === 0 ? false
      : { enabled: true, type: i % 2 ? "curvedCW" : "curvedCCW", roundness: 0.2 * Math.ceil(i / 2) };
    return {
      id: e.id, from: e.from, to: e.to,
      width: edgeWidth(e),
      color: edgeColour(e), dashes: edgeDashes(e), smooth: smooth,
      arrows: e.directed ? "to" : "",
      title: e.label + " (" + e.status + ", " + plural(e.weight, "citation") + ")",
    };
  }

  // ---------- network ----------
  var nodes = new vis.DataSet([]);
  var edges = new vis.DataSet([]);
  var container = $("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 1 },
    physics: {
      enabled: config.physics,
      solver: "forceAtlas2Based",
      stabilization: { enabled: config.physics, iterations: 150, fit: true },
    },
    interaction: { hover: true, tooltipDelay: 250, keyboard: false },
    // vis-network never draws a label (see "labels" below): the page draws them without overlaps
    nodes: { shape: "dot", borderWidth: 1, scaling: { label: { drawThreshold: 1e9 } } },
    edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 0.5, arrows: { to: { scaleFactor: 0.5 } } },
  });
  window.network = network;
  // Entities are added after the network is made, so vis-network runs no stabilization of its own: the
  // physics simulation's end ("stabilized") is the marker then.
  function stable() { document.body.setAttribute("data-stable", "true"); }
  network.once("stabilizationIterationsDone", stable);
  network.once("stabilized", stable);

  // ---------- what is drawn: the view, the filters, and no orphans ----------
  // `shown` holds the entities of the view (the most important ones first, then whatever search, expand and
  // "show more" add); `pinned` those the user asked for by name, drawn even without a visible relation.
  var shown = new Set(), pinned = new Set();
  var viewSize = config.view === undefined ? data.nodes.length : Math.min(config.view, data.nodes.length);
  data.nodes.slice(0, viewSize).forEach(function (n) { shown.add(n.id); });
  var hiddenTypes = new Set(), shownRelations = new Set(), shownStatuses = new Set(STATUSES), minWeight = 1;
  var keepIsolated = false, extraFilters = new Map(), coMinWeight = config.coMentionMinimum || 1;
  data.edges.forEach(function (e) { shownRelations.add(e.type); });
  var drawnNodes = new Set(), drawnEdges = new Set();
  var refreshListeners = [], selectListeners = [];

  function nodePasses(n) {
    if (hiddenTypes.has(n.type)) return false;
    for (var f of extraFilters.values()) if (f.node && !f.node(n)) return false;
    return true;
  }
  function edgePasses(e) {
    if (!shownRelations.has(e.type) || !shownStatuses.has(e.status) || e.weight < minWeight) return false;
    if (e.type === CO && e.weight < coMinWeight) return false;
    for (var f of extraFilters.values()) if (f.edge && !f.edge(e)) return false;
    return true;
  }

  // Entities brought in without a stored position go around their strongest drawn neighbour (a sunflower, so
  // many around one hub do not overlap), or on a ring outside the drawing when none is drawn.
  var around = new Map(), outside = 0, extent = null;
  function place(n) {
    if (typeof n.x === "number" && typeof n.y === "number") return;
    var anchor = null, best = -1;
    incident.get(n.id).forEach(function (e) {
      var o = nodeById.get(other(e, n.id));
      if (o === n || typeof o.x !== "number" || !drawnNodes.has(o.id)) return;
      var strength = e.weight + (e.type === CO ? 0 : 1000);
      if (strength > best) { best = strength; anchor = o; }
    });
    if (anchor) {
      var k = (around.get(anchor.id) || 0) + 1;
      around.set(anchor.id, k);
      var r = anchor.size + 40 + 22 * Math.sqrt(k);
      n.x = Math.round(anchor.x + r * Math.cos(k * 2.39996));
      n.y = Math.round(anchor.y + r * Math.sin(k * 2.39996));
      return;
    }
    if (extent === null) {
      extent = 0;
      drawnNodes.forEach(function (id) { var m = nodeById.get(id); extent = Math.max(extent, Math.hypot(m.x, m.y)); });
    }
    outside += 1;
    var radius = extent + 120 + 30 * Math.sqrt(outside);
    n.x = Math.round(radius * Math.cos(outside * 2.39996));
    n.y = Math.round(radius * Math.sin(outside * 2.39996));
  }

  function refresh() {
    var candidates = new Set();
    shown.forEach(function (id) { if (nodePasses(nodeById.get(id))) candidates.add(id); });
    var keepEdges = new Set(), linked = new Set();
    candidates.forEach(function (id) {
      incident.get(id).forEach(function (e) {
        if (keepEdges.has(e.id) || !candidates.has(e.from) || !candidates.has(e.to) || !edgePasses(e)) return;
        keepEdges.add(e.id);
        if (e.from !== e.to) { linked.add(e.from); linked.add(e.to); }
      });
    });
    var keepNodes = new Set();
    candidates.forEach(function (id) { if (keepIsolated || pinned.has(id) || linked.has(id)) keepNodes.add(id); });
    big = !config.physics || keepEdges.size > 2000;

    var goneNodes = [], goneEdges = [], newNodes = [], newEdges = [];
    drawnEdges.forEach(function (id) { if (!keepEdges.has(id)) goneEdges.push(id); });
    drawnNodes.forEach(function (id) { if (!keepNodes.has(id)) goneNodes.push(id); });
    if (goneEdges.length) edges.remove(goneEdges);
    if (goneNodes.length) nodes.remove(goneNodes);
    goneEdges.forEach(function (id) { drawnEdges.delete(id); });
    goneNodes.forEach(function (id) { drawnNodes.delete(id); });
    extent = null;
    // In order of importance, so an entity is placed next to the more important ones already placed.
    var adding = [];
    keepNodes.forEach(function (id) { if (!drawnNodes.has(id)) adding.push(nodeById.get(id)); });
    adding.sort(function (a, b) { return order.get(a.id) - order.get(b.id); });
    adding.forEach(function (n) { place(n); drawnNodes.add(n.id); newNodes.push(nodeView(n)); });
    keepEdges.forEach(function (id) { if (!drawnEdges.has(id)) newEdges.push(edgeById.get(id)); });
    if (newNodes.length) nodes.add(newNodes);
    if (newEdges.length) addEdges(newEdges);
    network.setOptions({ interaction: { hover: !big, hideEdgesOnDrag: big, hideEdgesOnZoom: big } });
    updateViewStatus();
    refreshListeners.forEach(function (fn) { fn(); });
  }
  // vis-network draws edges in the order they were added: co-mentions go first so that typed relations are
  // drawn above them; typed edges already drawn are added again after new co-mentions.
  function addEdges(list) {
    var co = list.filter(function (e) { return e.type === CO; });
    var typed = list.filter(function (e) { return e.type !== CO; });
    if (co.length) {
      var again = [];
      drawnEdges.forEach(function (id) { if (edgeById.get(id).type !== CO) again.push(edgeById.get(id)); });
      if (again.length) edges.remove(again.map(function (e) { return e.id; }));
      typed = again.concat(typed);
    }
    co.forEach(function (e) { drawnEdges.add(e.id); });
    typed.forEach(function (e) { drawnEdges.add(e.id); });
    if (co.length) edges.add(co.map(edgeView));
    if (typed.length) edges.add(typed.map(edgeView));
  }

  // ---------- the view: show more, show all, expand ----------
  function show(ids, options) {
    ids.forEach(function (id) {
      if (!nodeById.has(id)) return;
      shown.add(id);
      if (options && options.pin) pinned.add(id);
    });
    refresh();
  }
  function showMore() {
    var step = Math.max(viewSize, 50), added = [];
    for (var i = 0; i < data.nodes.length && added.length < step; i++) {
      if (!shown.has(data.nodes[i].id)) added.push(data.nodes[i].id);
    }
    show(added);
    return added.length;
  }
  function showAll() { show(data.nodes.map(function (n) { return n.id; })); }
  // The neighbours of an entity not yet in the view, through relations the filters let through, strongest
  // first: typed relations before co-mentions, then citations, then importance.
  function hiddenNeighbours(id) {
    var best = new Map();
    incident.get(id).forEach(function (e) {
      var o = other(e, id);
      if (o === id || drawnNodes.has(o) || !edgePasses(e) || !nodePasses(nodeById.get(o))) return;
      var strength = (e.type === CO ? 0 : 1e6) + e.weight;
      best.set(o, Math.max(best.get(o) || 0, strength));
    });
    return Array.from(best.keys()).sort(function (a, b) {
      return best.get(b) - best.get(a) || order.get(a) - order.get(b);
    });
  }
  function expand(id, n) {
    if (!nodeById.has(id)) return [];
    var added = hiddenNeighbours(id).slice(0, n || EXPAND);
    shown.add(id);
    pinned.add(id);
    show(added);
    return added;
  }
  function updateViewStatus() {
    var status = $("view-status");
    if (!status) return;
    clear(status);
    status.appendChild(el("span", null, "showing " + number(drawnNodes.size) + " of " +
      plural(data.nodes.length, "entity", "entities")));
    var complete = shown.size >= data.nodes.length;
    $("show-more").hidden = complete;
    $("show-all").hidden = complete;
  }

  // ---------- filters ----------
  function countBy(items, key) {
    var counts = new Map();
    items.forEach(function (item) { counts.set(item[key], (counts.get(item[key]) || 0) + 1); });
    return counts;
  }

  function buildLegend() {
    var counts = countBy(data.nodes, "type"), legend = $("legend");
    Object.keys(data.styles.types).forEach(function (type) {
      var toggle = el("button");
      toggle.type = "button";
      toggle.setAttribute("data-type", type);
      toggle.setAttribute("aria-pressed", "true");
      var swatch = el("span", "swatch");
      swatch.style.background = data.styles.types[type];
      toggle.append(swatch, el("span", null, type), el("span", "count", number(counts.get(type) || 0)));
      toggle.addEventListener("click", function () {
        var hide = !hiddenTypes.has(type);
        if (hide) hiddenTypes.add(type); else hiddenTypes.delete(type);
        toggle.classList.toggle("off", hide);
        toggle.setAttribute("aria-pressed", String(!hide));
        refresh();
      });
      var li = el("li");
      li.appendChild(toggle);
      legend.appendChild(li);
    });
  }

  function checkboxRow(list, name, text, count, marker, onChange) {
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.name = name;
    box.value = text;
    box.addEventListener("change", function () { onChange(box.checked); refresh(); });
    label.append(box, marker, el("span", null, text));
    li.append(label, el("span", "count", number(count)));
    list.appendChild(li);
    return box;
  }

  function setCoMentions(on) {
    if (on) shownRelations.add(CO); else shownRelations.delete(CO);
    var box = document.querySelector('#relation-filter input[value="' + CO + '"]');
    if (box) box.checked = on;
    $("co-mentions").setAttribute("aria-pressed", String(on));
    refresh();
  }

  function buildFilters() {
    var relationCounts = countBy(data.edges, "type"), statusCounts = countBy(data.edges, "status");
    Object.keys(data.styles.relations).forEach(function (type) {
      var line = el("span", "line");
      line.style.borderTopColor = data.styles.relations[type];
      checkboxRow($("relation-filter"), "relation", type, relationCounts.get(type) || 0, line, function (on) {
        if (on) shownRelations.add(type); else shownRelations.delete(type);
        if (type === CO) $("co-mentions").setAttribute("aria-pressed", String(on));
      });
    });
    var coButton = $("co-mentions");
    coButton.hidden = !relationCounts.has(CO);
    coButton.setAttribute("aria-pressed", "true");
    coButton.addEventListener("click", function () { setCoMentions(!shownRelations.has(CO)); });
    STATUSES.forEach(function (status) {
      var line = el("span", "line");
      line.style.borderTopStyle = status === "asserted" ? "solid" : status === "reported" ? "dotted" : "dashed";
      line.style.borderTopColor = status === "negated" ? "#9e9e9e" : "#555555";
      checkboxRow($("status-filter"), "status", status, statusCounts.get(status) || 0, line, function (on) {
        if (on) shownStatuses.add(status); else shownStatuses.delete(status);
      });
    });
    var slider = $("min-weight"), maxWeight = 1;
    data.edges.forEach(function (e) { maxWeight = Math.max(maxWeight, e.weight); });
    slider.max = String(maxWeight);
    slider.addEventListener("input", function () {
      minWeight = Number(slider.value);
      $("min-weight-value").textContent = String(minWeight);
      refresh();
    });
    var coSlider = $("co-min-weight"), coMax = 1;
    data.edges.forEach(function (e) { if (e.type === CO) coMax = Math.max(coMax, e.weight); });
    coSlider.max = String(coMax);
    coSlider.value = String(coMinWeight);
    $("co-min-weight-value").textContent = String(coMinWeight);
    $("co-min-weight-row").hidden = !relationCounts.has(CO);
    coSlider.addEventListener("input", function () {
      coMinWeight = Number(coSlider.value);
      $("co-min-weight-value").textContent = String(coMinWeight);
      refresh();
    });
    var isolated = $("keep-isolated");
    isolated.checked = false;
    isolated.addEventListener("change", function () { keepIsolated = isolated.checked; refresh(); });
    var colour = $("colour-by");
    $("colour-by-row").hidden = !data.styles.communities;
    colour.addEventListener("change", function () {
      colourBy = colour.value;
      var updates = [];
      drawnNodes.forEach(function (id) { updates.push({ id: id, color: nodeColour(nodeById.get(id)) }); });
      nodes.update(updates);
      dimmed.nodes.clear();
    });
  }

  // ---------- highlight (neighbourhood or path) ----------
  var dimmed = { nodes: new Set(), edges: new Set() }, overlay = null;
  function paint(keepNodes, keepEdges) {
    if (big) {
      overlay = keepNodes === null ? null : { nodes: keepNodes, edges: keepEdges };
      network.redraw();
      return;
    }
    overlay = null;
    var nodeUpdates = [], edgeUpdates = [];
    drawnNodes.forEach(function (id) {
      var n = nodeById.get(id), dim = keepNodes !== null && !keepNodes.has(id);
      if (dim === dimmed.nodes.has(id)) return;
      if (dim) dimmed.nodes.add(id); else dimmed.nodes.delete(id);
      nodeUpdates.push({ id: id, color: dim ? DIM_NODE : nodeColour(n) });
    });
    drawnEdges.forEach(function (id) {
      var e = edgeById.get(id), dim = keepEdges !== null && !keepEdges.has(id);
      if (dim === dimmed.edges.has(id)) return;
      if (dim) dimmed.edges.add(id); else dimmed.edges.delete(id);
      edgeUpdates.push({ id: id, color: dim ? { color: DIM_EDGE, highlight: DIM_EDGE, hover: DIM_EDGE, opacity: 1 } : edgeColour(e) });
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
  }
  // Items removed and drawn again come back undimmed: forget them.
  onRefresh(function () {
    dimmed.nodes.forEach(function (id) { if (!drawnNodes.has(id)) dimmed.nodes.delete(id); });
    dimmed.edges.forEach(function (id) { if (!drawnEdges.has(id)) dimmed.edges.delete(id); });
  });
  function highlightNeighbourhood(id) {
    var keepNodes = new Set([id]), keepEdges = new Set();
    incident.get(id).forEach(function (e) {
      if (!drawnEdges.has(e.id)) return;
      keepEdges.add(e.id);
      keepNodes.add(e.from);
      keepNodes.add(e.to);
    });
    paint(keepNodes, keepEdges);
  }

  // The overlay: fade the whole drawing, then draw the kept edges and nodes again on top.
  network.on("afterDrawing", function (ctx) {
    if (!overlay) return;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "rgba(255,255,255,0.8)";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    var ids = Array.from(overlay.nodes).filter(function (id) { return drawnNodes.has(id); });
    var pos = network.getPositions(ids), scale = network.getScale();
    overlay.edges.forEach(function (id) {
      var e = edgeById.get(id), a = pos[e.from], b = pos[e.to];
      if (!a || !b) return;
      ctx.beginPath();
      ctx.setLineDash(e.status === "negated" ? [6 / scale, 4 / scale] : []);
      ctx.strokeStyle = edgeColour(e).color;
      ctx.globalAlpha = e.status === "reported" || e.type === CO ? 0.6 : 1;
      ctx.lineWidth = Math.max(edgeWidth(e), 1.5 / scale);
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      ctx.stroke();
    });
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
    ids.forEach(function (id) {
      var n = nodeById.get(id), p = pos[id];
      if (!p) return;
      ctx.beginPath();
      ctx.fillStyle = nodeFill(n);
      ctx.arc(p.x, p.y, Math.max(n.size, 4 / scale), 0, 2 * Math.PI);
      ctx.fill();
    });
  });

  // ---------- labels: the most important first, none over another label or another entity's dot ----------
  // vis-network would draw every label, and around a hub they pile up; the page draws them itself after
  // each frame. The selection comes first, then what is highlighted, then the drawn entities in order of
  // importance; each goes under its dot or, when that place is taken, above, right or left of it, and a
  // label that fits nowhere waits until zooming in makes room. A label covers no other label and no dot,
  // except that the hubs (the first √n of n in that order) may cover the dots of entities after them. A
  // label's size follows the zoom between a legible floor (bigger for bigger entities) and 1.5 times that.
  var LABEL_FACE = "px system-ui, sans-serif", LABEL_CELL = 40;
  var labelText = new Map(), labelWidths = new Map(), labelOrder = null, drawnLabels = [];
  // The label and visibility vis-network draws an entity with (the review panel renames and hides some).
  function noteLabels(event, properties) {
    properties.items.forEach(function (id) {
      var item = nodes.get(id);
      if (item) labelText.set(id, item.hidden ? "" : String(item.label || "")); else labelText.delete(id);
    });
    labelOrder = null;
  }
  nodes.on("add", noteLabels);
  nodes.on("update", noteLabels);
  nodes.on("remove", noteLabels);
  function labelPixels(n, scale) {
    var floor = 11 + 4 * Math.max(0, Math.min(1, (n.size - 8) / 22));
    return Math.min(Math.max((12 + n.size / 5) * scale, floor), 1.5 * floor);
  }
  function textWidth(ctx, text) {  // at 100 px; a label's width is proportional to its size
    var width = labelWidths.get(text);
    if (width === undefined) {
      ctx.font = "100" + LABEL_FACE;
      width = ctx.measureText(text).width;
      labelWidths.set(text, width);
    }
    return width;
  }
  // Boxes already taken in this frame, bucketed by cells of the canvas.
  function Occupied(width, height) {
    this.columns = Math.ceil(width / LABEL_CELL) + 1;
    this.rows = Math.ceil(height / LABEL_CELL) + 1;
    this.cells = new Map();
  }
  Occupied.prototype.each = function (box, fn) {
    var c0 = Math.max(0, Math.floor(box.x0 / LABEL_CELL)), c1 = Math.min(this.columns - 1, Math.floor(box.x1 / LABEL_CELL));
    var r0 = Math.max(0, Math.floor(box.y0 / LABEL_CELL)), r1 = Math.min(this.rows - 1, Math.floor(box.y1 / LABEL_CELL));
    for (var r = r0; r <= r1; r++) for (var c = c0; c <= c1; c++) if (fn(r * this.columns + c) === false) return false;
    return true;
  };
  Occupied.prototype.add = function (box) {
    var cells = this.cells;
    this.each(box, function (key) { (cells.get(key) || cells.set(key, []).get(key)).push(box); });
  };
  // Whether box overlaps nothing taken, leaving aside the dots ranked after `over` (a hub's label covers them).
  Occupied.prototype.free = function (box, over) {
    var cells = this.cells;
    return this.each(box, function (key) {
      var taken = cells.get(key);
      if (!taken) return true;
      for (var i = 0; i < taken.length; i++) {
        var t = taken[i];
        if (t.id === box.id || (t.dot && t.rank > over)) continue;
        if (t.x0 < box.x1 && box.x0 < t.x1 && t.y0 < box.y1 && box.y0 < t.y1) return false;
      }
      return true;
    });
  };
  // The entities whose labels are tried, in that order, and whether each is drawn dimmed.
  function labelQueue() {
    if (labelOrder === null) {
      labelOrder = Array.from(drawnNodes).sort(function (a, b) { return order.get(a) - order.get(b); });
    }
    var keep = overlay ? overlay.nodes : dimmed.nodes.size ? null : undefined;
    var chosen = selection && selection.kind === "node" && drawnNodes.has(selection.id) ? selection.id : null;
    if (keep === undefined && chosen === null) return { ids: labelOrder, dim: null };
    var first = [], rest = [];
    if (chosen !== null) first.push(chosen);
    labelOrder.forEach(function (id) {
      if (id === chosen) return;
      var kept = keep === undefined || (keep === null ? !dimmed.nodes.has(id) : keep.has(id));
      if (kept) first.push(id); else if (!overlay) rest.push(id);
    });
    return { ids: first.concat(rest), dim: rest.length ? new Set(rest) : null };
  }
  network.on("afterDrawing", function (ctx) {
    var canvas = ctx.canvas, ratio = canvas.width / (canvas.clientWidth || canvas.width);
    var width = canvas.width / ratio, height = canvas.height / ratio;
    var m = ctx.getTransform(), scale = network.getScale();
    var queue = labelQueue(), pos = network.getPositions(queue.ids), taken = new Occupied(width, height);
    var spots = [];
    queue.ids.forEach(function (id) {  // every entity's dot is taken before any label
      var p = pos[id], n = nodeById.get(id);
      if (!p || labelText.get(id) === "") return;
      var x = (m.a * p.x + m.c * p.y + m.e) / ratio, y = (m.b * p.x + m.d * p.y + m.f) / ratio, r = n.size * scale;
      if (x + r < 0 || y + r < 0 || x - r > width || y - r > height) return;
      taken.add({ id: id, x0: x - r, y0: y - r, x1: x + r, y1: y + r, rank: spots.length, dot: true });
      spots.push({ id: id, n: n, x: x, y: y, r: r });
    });
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(255,255,255,0.85)";
    drawnLabels = [];
    var hubs = Math.ceil(Math.sqrt(spots.length));
    spots.forEach(function (s, rank) {
      var text = labelText.get(s.id) || s.n.label, size = labelPixels(s.n, scale);
      var w = textWidth(ctx, text) * size / 100, h = Math.ceil(size * 1.25);
      var d = s.r * 0.7 + 2, places = [[s.x - w / 2, s.y + s.r + 2], [s.x - w / 2, s.y - s.r - 2 - h],
        [s.x + s.r + 4, s.y - h / 2], [s.x - s.r - 4 - w, s.y - h / 2],
        [s.x + d, s.y + d], [s.x - d - w, s.y + d], [s.x + d, s.y - d - h], [s.x - d - w, s.y - d - h]];
      if (rank < hubs) {  // a main actor's label stands further out, tied to its dot by a line, rather than not at all
        for (var ring = 1; ring <= 6; ring++) {
          var out = ring * (h + 4);
          places.push([s.x - w / 2, s.y + s.r + 2 + out], [s.x - w / 2, s.y - s.r - 2 - h - out],
            [s.x + s.r + 4 + out, s.y - h / 2], [s.x - s.r - 4 - w - out, s.y - h / 2],
            [s.x + d + out, s.y + d + out], [s.x - d - w - out, s.y + d + out],
            [s.x + d + out, s.y - d - h - out], [s.x - d - w - out, s.y - d - h - out]);
        }
      }
      for (var i = 0; i < places.length; i++) {
        var box = { id: s.id, x0: places[i][0], y0: places[i][1], x1: places[i][0] + w, y1: places[i][1] + h };
        if (box.x0 < 0 || box.y0 < 0 || box.x1 > width || box.y1 > height) continue;
        var padded = { id: s.id, x0: box.x0 - 3, y0: box.y0, x1: box.x1 + 3, y1: box.y1 };  // words stay apart
        if (!taken.free(padded, rank < hubs ? rank : Infinity)) continue;
        taken.add(box);
        if (i >= 8) {  // a leader line from the dot's edge to the label's nearest side
          var tx = Math.max(box.x0, Math.min(s.x, box.x1)), ty = Math.max(box.y0, Math.min(s.y, box.y1));
          var len = Math.hypot(tx - s.x, ty - s.y) || 1;
          ctx.beginPath();
          ctx.lineWidth = 1;
          ctx.strokeStyle = "rgba(80,80,80,0.6)";
          ctx.moveTo(s.x + (tx - s.x) * s.r / len, s.y + (ty - s.y) * s.r / len);
          ctx.lineTo(tx, ty);
          ctx.stroke();
          ctx.lineWidth = 3;
          ctx.strokeStyle = "rgba(255,255,255,0.85)";
        }
        ctx.font = size + LABEL_FACE;
        ctx.fillStyle = queue.dim && queue.dim.has(s.id) ? "#bbbbbb" : "#222222";
        ctx.strokeText(text, box.x0, box.y0 + size * 0.1);
        ctx.fillText(text, box.x0, box.y0 + size * 0.1);
        drawnLabels.push({ id: s.id, text: text, x: box.x0, y: box.y0, width: w, height: h, size: size });
        break;
      }
    });
    ctx.restore();
  });
  // Markers for scripts and tests: first frame drawn, labels included, and layout settled (at once without
  // physics).
  network.once("afterDrawing", function () {
    window.tangleDrawnAt = performance.now();
    setTimeout(buildSearchIndex, 0);  // built while the user looks, so the first search is as quick as the next
    document.body.setAttribute("data-drawn", "true");
    if (!config.physics) document.body.setAttribute("data-stable", "true");
  });
  // The entity whose label is at a point of the canvas (CSS pixels), or null.
  function labelAt(point) {
    for (var i = drawnLabels.length - 1; i >= 0; i--) {
      var l = drawnLabels[i];
      if (point.x >= l.x && point.x <= l.x + l.width && point.y >= l.y && point.y <= l.y + l.height) return l.id;
    }
    return null;
  }

  // Shortest path over drawn, non-negated relations, ignoring direction.
  function shortestPath(source, target) {
    var previous = new Map([[source, null]]), queue = [source];
    for (var head = 0; head < queue.length && !previous.has(target); head++) {
      var here = queue[head];
      incident.get(here).forEach(function (e) {
        if (!drawnEdges.has(e.id) || e.status === "negated") return;
        var there = other(e, here);
        if (!previous.has(there)) { previous.set(there, { node: here, edge: e }); queue.push(there); }
      });
    }
    if (!previous.has(target)) return null;
    var path = { nodes: [target], edges: [] };
    for (var step = previous.get(target); step; step = previous.get(step.node)) {
      path.nodes.unshift(step.node);
      path.edges.unshift(step.edge);
    }
    return path;
  }

  // ---------- side panel ----------
  var panel = $("panel");
  function entityLink(id) {
    var n = nodeById.get(id), link = button(n ? n.label : id, function () { selectEntity(id, { focus: true }); }, "link");
    return link;
  }
  function statusTag(status) { return el("span", "status " + status, status); }
  function citeLine(c) {
    var cite = [c.title];
    if (c.page !== undefined) cite.push("p. " + c.page);
    if (c.markers.length) cite.push(c.markers.map(function (m) { return "[" + m + "]"; }).join(" "));
    return "— " + cite.join(" · ") + " ";
  }
  // A citation's date as a reader writes it: 2016-06-09, 2016-06, 2016, 1990s, 2016-06 – 2016-07.
  function dateLabel(d) {
    if (d.precision === "decade") return d.start.slice(0, 3) === d.end.slice(0, 3) ? d.start.slice(0, 3) + "0s"
      : d.start.slice(0, 4) + " – " + d.end.slice(0, 4);
    if (d.precision === "week") return "week of " + d.start;
    var size = d.precision === "day" ? 10 : d.precision === "month" ? 7 : 4;
    var first = d.start.slice(0, size), last = d.end.slice(0, size);
    return first === last ? first : first + " – " + last;
  }
  function evidenceList(edge) {
    var list = el("ul", "evidence");
    citations(edge).forEach(function (c) {
      var li = el("li");
      if (c.date) li.appendChild(el("div", "date", dateLabel(c.date)));
      var meta = el("div", "cite", citeLine(c));
      meta.appendChild(statusTag(c.status));
      li.append(el("blockquote", null, c.sentence), meta);
      list.appendChild(li);
    });
    return list;
  }
  function relationBlock(edge, fromId) {
    var block = el("div", "relation"), head = el("div", "head");
    var there = other(edge, fromId);
    var arrow = !edge.directed ? " — " : edge.from === fromId ? " → " : " ← ";
    var span = edge.first ? " · " + dateLabel({ start: edge.first, end: edge.last || edge.first, precision: "day" }) : "";
    head.append(el("span", null, edge.label + arrow), entityLink(there), statusTag(edge.status),
      el("span", "meta", " " + plural(edge.weight, "citation") + span));
    block.append(head, evidenceList(edge));
    return block;
  }
  function showHint(text) { clear(panel).appendChild(el("p", "hint", text)); }
  function expandControls(id) {
    var box = el("div", "expand"), waiting = hiddenNeighbours(id).length;
    if (!waiting) {
      var filtered = new Set();
      incident.get(id).forEach(function (e) { var o = other(e, id); if (o !== id && !drawnNodes.has(o)) filtered.add(o); });
      if (filtered.size) box.appendChild(el("span", "meta", plural(filtered.size, "neighbour") +
        " not shown, through relations the filters hide"));
      return box;
    }
    box.appendChild(button("Expand: " + plural(Math.min(waiting, EXPAND), "neighbour") + " more", function () {
      expand(id);
      selectEntity(id);
    }));
    box.appendChild(el("span", "meta", " " + number(waiting) + " not shown"));
    return box;
  }
  var relationOrder = "citations";
  var ORDERS = {
    citations: function (a, b) { return b.weight - a.weight || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0); },
    date: function (a, b) {  // dated first, earliest first; undated after, by citations
      if (!a.first !== !b.first) return a.first ? -1 : 1;
      if (a.first && a.first !== b.first) return a.first < b.first ? -1 : 1;
      return ORDERS.citations(a, b);
    },
  };
  function orderSelect(id) {
    var select = el("select", "order");
    select.id = "relation-order";
    select.setAttribute("aria-label", "Order of the relations");
    [["citations", "by citations"], ["date", "by date"]].forEach(function (o) {
      var option = el("option", null, o[1]);
      option.value = o[0];
      option.selected = o[0] === relationOrder;
      select.appendChild(option);
    });
    select.addEventListener("change", function () { relationOrder = select.value; showNode(id); });
    return select;
  }
  function showNode(id) {
    var n = nodeById.get(id);
    clear(panel);
    panel.append(el("h2", null, n.label), el("div", "meta", n.type + " · " + plural(n.mentions, "mention")),
      expandControls(id));
    if (n.aliases.length) {
      panel.appendChild(el("h3", null, "Aliases"));
      var aliases = el("ul");
      n.aliases.forEach(function (a) { aliases.appendChild(el("li", null, a)); });
      panel.appendChild(aliases);
    }
    if (n.docs.length) {
      panel.appendChild(el("h3", null, "Documents"));
      var docs = el("ul");
      n.docs.forEach(function (d) { docs.appendChild(el("li", null, docTitle(d))); });
      panel.appendChild(docs);
    }
    // Every relation the filters let through, drawn or not (a partner outside the view is one click away):
    // typed relations first, each with its evidence; then the co-mentions, collapsed and grouped by
    // sentence, so a sentence naming six entities is shown once with the five others it names.
    var rels = incident.get(id).filter(function (e) { return edgePasses(e) && nodePasses(nodeById.get(other(e, id))); });
    var typed = rels.filter(function (e) { return e.type !== CO; });
    typed.sort(function (a, b) { return ORDERS[relationOrder](a, b) || order.get(other(a, id)) - order.get(other(b, id)); });
    var heading = el("h3", null, "Relations (" + number(typed.length) + ") ");
    heading.appendChild(orderSelect(id));
    panel.appendChild(heading);
    var some = typed.slice(0, 100);
    some.forEach(function (e) { panel.appendChild(relationBlock(e, id)); });
    if (typed.length > some.length) panel.appendChild(el("p", "hint", number(typed.length - some.length) + " more not shown"));
    var co = rels.filter(function (e) { return e.type === CO; });
    if (co.length) panel.appendChild(coMentionBlock(id, co));
  }
  function coMentionBlock(id, co) {
    var bySentence = new Map();
    co.forEach(function (e) {
      citations(e).forEach(function (c) {
        var group = bySentence.get(c.sentenceIndex);
        if (!group) { group = { citation: c, partners: [] }; bySentence.set(c.sentenceIndex, group); }
        group.partners.push(other(e, id));
      });
    });
    var groups = Array.from(bySentence.values());
    groups.sort(function (a, b) { return b.partners.length - a.partners.length || a.citation.sentenceIndex - b.citation.sentenceIndex; });
    var details = el("details", "co-mentions");
    details.appendChild(el("summary", null, "Co-mentioned with " + plural(co.length, "entity", "entities") + " in " +
      plural(groups.length, "sentence")));
    var list = el("ul", "evidence");
    groups.slice(0, 100).forEach(function (group) {
      var li = el("li"), names = el("div", "partners");
      names.appendChild(el("span", "meta", "with "));
      group.partners.sort(function (a, b) { return order.get(a) - order.get(b); });
      group.partners.forEach(function (partner, i) {
        if (i) names.appendChild(el("span", null, ", "));
        names.appendChild(entityLink(partner));
      });
      var meta = el("div", "cite", citeLine(group.citation));
      meta.appendChild(statusTag(group.citation.status));
      li.append(names, el("blockquote", null, group.citation.sentence), meta);
      list.appendChild(li);
    });
    details.appendChild(list);
    if (groups.length > 100) details.appendChild(el("p", "hint", number(groups.length - 100) + " more sentences not shown"));
    return details;
  }
  function showEdge(id) {
    var e = edgeById.get(id);
    clear(panel);
    var head = el("h2");
    head.append(entityLink(e.from), el("span", null, (e.directed ? " → " : " — ") + e.label + (e.directed ? " → " : " — ")),
      entityLink(e.to));
    panel.append(head, el("div", "meta", plural(e.weight, "citation") + " "));
    panel.lastChild.appendChild(statusTag(e.status));
    panel.appendChild(el("h3", null, "Citations"));
    panel.appendChild(evidenceList(e));
  }
  function showPath(path, source, target) {
    clear(panel);
    panel.appendChild(el("h2", null, "Path"));
    if (!path) {
      panel.appendChild(el("p", "hint", "No path between " + nodeById.get(source).label + " and " +
        nodeById.get(target).label + " through the relations shown."));
      return;
    }
    panel.appendChild(el("div", "meta", plural(path.edges.length, "step")));
    path.edges.forEach(function (e, i) { panel.appendChild(relationBlock(e, path.nodes[i])); });
  }

  // ---------- selection ----------
  var selection = { kind: "none", id: null, nodes: [], edges: [] };
  function selected(kind, id, nodeIds, edgeIds) {
    selection = { kind: kind, id: id, nodes: nodeIds, edges: edgeIds };
    selectListeners.forEach(function (fn) { fn(selection); });
  }
  function selectEntity(id, options) {
    var n = nodeById.get(id);
    if (!n) return false;
    if (hiddenTypes.has(n.type)) {
      var toggle = document.querySelector('#legend button[data-type="' + CSS.escape(n.type) + '"]');
      if (toggle) toggle.click();
    }
    if (!drawnNodes.has(id)) show([id], { pin: true });
    if (!drawnNodes.has(id)) return false;  // an extension's filter keeps it out
    network.selectNodes([id]);
    highlightNeighbourhood(id);
    showNode(id);
    if (options && options.focus) network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 300 } });
    selected("node", id, [id], []);
    return true;
  }
  function selectEdge(id) {
    var e = edgeById.get(id);
    if (!e || !drawnEdges.has(id)) return false;
    network.selectEdges([id]);
    paint(new Set([e.from, e.to]), new Set([id]));
    showEdge(id);
    selected("edge", id, [e.from, e.to], [id]);
    return true;
  }
  function resetSelection() {
    network.unselectAll();
    paint(null, null);
    showHint("Click an entity or a relation to see its evidence. Search finds entities by name or alias, " +
      "also those not drawn yet.");
    selected("none", null, [], []);
  }

  var pathMode = { on: false, source: null };
  function findPath(source, target) {
    var path = shortestPath(source, target);
    if (path) {
      var keepEdges = new Set(path.edges.map(function (e) { return e.id; }));
      paint(new Set(path.nodes), keepEdges);
      network.setSelection({ nodes: path.nodes, edges: Array.from(keepEdges) }, { unselectAll: true, highlightEdges: false });
    }
    showPath(path, source, target);
    selected("path", null, path ? path.nodes : [], path ? path.edges.map(function (e) { return e.id; }) : []);
    return path ? path.nodes : null;
  }
  function setPathMode(on) {
    pathMode = { on: on, source: null };
    $("path-mode").setAttribute("aria-pressed", String(on));
    if (on) { network.unselectAll(); paint(null, null); showHint("Path: click the first entity."); } else resetSelection();
  }

  // A click on a label is a click on its entity.
  function clickedNode(params) { return params.nodes.length ? params.nodes[0] : labelAt(params.pointer.DOM); }
  network.on("click", function (params) {
    var clicked = clickedNode(params);
    if (pathMode.on && clicked !== null) {
      var id = clicked;
      if (pathMode.source === null || pathMode.source === id) {
        pathMode.source = id;
        network.selectNodes([id]);
        showHint("Path from " + nodeById.get(id).label + ": click the second entity.");
      } else {
        findPath(pathMode.source, id);
        pathMode.source = null;
      }
    } else if (clicked !== null) {
      selectEntity(clicked);
    } else if (params.edges.length) {
      selectEdge(params.edges[0]);
    } else {
      resetSelection();
    }
  });
  network.on("doubleClick", function (params) {
    var clicked = clickedNode(params);
    if (clicked !== null && !pathMode.on) { expand(clicked); selectEntity(clicked); }
  });

  // ---------- search (every entity, drawn or not) ----------
  // One entry per name and alias, sorted once by length then text, so a query walks the list once and
  // stops as soon as it has enough names that start with it.
  var searchIndex = null;
  function buildSearchIndex() {
    if (searchIndex) return searchIndex;
    searchIndex = [];
    data.nodes.forEach(function (n) {
      searchIndex.push({ key: n.label.toLowerCase(), id: n.id, alias: null });
      n.aliases.forEach(function (a) { if (a !== n.label) searchIndex.push({ key: a.toLowerCase(), id: n.id, alias: a }); });
    });
    searchIndex.sort(function (a, b) { return a.key.length - b.key.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0); });
    return searchIndex;
  }
  var search = $("search"), suggestions = $("suggestions"), matches = [], active = 0;
  var LIMIT = 12;

  function findMatches(query) {
    var q = query.trim().toLowerCase(), prefix = [], inner = [], seen = new Set(), index = buildSearchIndex();
    if (!q) return [];
    for (var i = 0; i < index.length; i++) {
      var entry = index[i], at = entry.key.indexOf(q);
      if (at < 0 || seen.has(entry.id)) continue;
      if (at === 0) { prefix.push(entry); seen.add(entry.id); if (prefix.length >= LIMIT) break; }
      else if (inner.length < LIMIT) inner.push(entry);
    }
    return prefix.concat(inner.filter(function (entry) {
      if (seen.has(entry.id)) return false;
      seen.add(entry.id);
      return true;
    })).slice(0, LIMIT);
  }
  function renderSuggestions() {
    clear(suggestions);
    matches.forEach(function (entry, i) {
      var n = nodeById.get(entry.id), li = el("li", null, n.label);
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", String(i === active));
      if (entry.alias) li.appendChild(el("span", "alias", "also " + entry.alias));
      li.appendChild(el("span", "kind", n.type + (drawnNodes.has(n.id) ? "" : " · not drawn")));
      li.addEventListener("mousedown", function (event) { event.preventDefault(); pick(i); });
      suggestions.appendChild(li);
    });
    suggestions.hidden = matches.length === 0;
  }
  // A name found outside the view comes in with its strongest neighbours, so it is not drawn alone.
  function bringIn(id) {
    if (!drawnNodes.has(id)) expand(id, Math.ceil(EXPAND / 2));
    pinned.add(id);
    return selectEntity(id, { focus: true });
  }
  function pick(i) {
    var entry = matches[i];
    if (!entry) return false;
    search.value = nodeById.get(entry.id).label;
    matches = [];
    renderSuggestions();
    if (pathMode.on) setPathMode(false);
    return bringIn(entry.id);
  }
  search.addEventListener("input", function () { matches = findMatches(search.value); active = 0; renderSuggestions(); });
  search.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!matches.length) return;
      active = (active + (event.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length;
      renderSuggestions();
      event.preventDefault();
    } else if (event.key === "Enter") {
      if (!matches.length) matches = findMatches(search.value);
      pick(active);
      event.preventDefault();
    } else if (event.key === "Escape") {
      matches = [];
      renderSuggestions();
    }
  });
  search.addEventListener("blur", function () { matches = []; renderSuggestions(); });

  // ---------- toolbar ----------
  $("path-mode").addEventListener("click", function () { setPathMode(!pathMode.on); });
  $("fit").addEventListener("click", function () { network.fit(); });
  $("show-more").addEventListener("click", function () { showMore(); });
  $("show-all").addEventListener("click", function () { showAll(); });
  var physics = $("physics");
  physics.checked = config.physics;
  physics.addEventListener("change", function () { network.setOptions({ physics: { enabled: physics.checked } }); });
  $("png").addEventListener("click", function () {
    var source = container.querySelector("canvas"), canvas = document.createElement("canvas");
    canvas.width = source.width;
    canvas.height = source.height;
    var context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(source, 0, 0);
    var link = document.createElement("a");
    link.href = canvas.toDataURL("image/png");
    link.download = "tangle.png";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  var model = data.model && data.model.name ? " · " + data.model.name + " " + (data.model.version || "") : "";
  $("stats").textContent = plural(data.nodes.length, "entity", "entities") + " · " +
    plural(data.edges.length, "relation") + " · " + plural(Object.keys(data.documents).length, "document") + model;

  // ---------- the table: what is drawn (or the selection), sortable, filterable, exported as CSV ----------
  var table = { kind: "entities", sort: { entities: ["degree", -1], relations: ["citations", -1] }, rows: [] };
  var TABLE_ROWS = 500;  // rows rendered at once; the CSV holds them all
  var COLUMNS = {
    entities: [["name", "Name"], ["type", "Type"], ["mentions", "Mentions", true], ["documents", "Documents", true],
               ["degree", "Relations", true]],
    relations: [["from", "From"], ["relation", "Relation"], ["to", "To"], ["status", "Status"],
                ["citations", "Citations", true]],
  };
  function tableVisible() { return !$("table-view").hidden; }
  // The entities and relations the table lists: those of the selection and its drawn neighbourhood when
  // something is selected, else everything drawn.
  function tableScope() {
    var nodeIds = new Set(), edgeIds = new Set();
    if (selection.kind === "node") {
      nodeIds.add(selection.id);
      incident.get(selection.id).forEach(function (e) {
        if (!drawnEdges.has(e.id)) return;
        edgeIds.add(e.id);
        nodeIds.add(e.from);
        nodeIds.add(e.to);
      });
    } else if (selection.kind === "edge" || selection.kind === "path") {
      selection.nodes.forEach(function (id) { nodeIds.add(id); });
      selection.edges.forEach(function (id) { edgeIds.add(id); });
    } else {
      nodeIds = drawnNodes;
      edgeIds = drawnEdges;
    }
    return { nodes: nodeIds, edges: edgeIds };
  }
  function tableRows() {
    var scope = tableScope(), rows = [];
    if (table.kind === "entities") {
      scope.nodes.forEach(function (id) {
        var n = nodeById.get(id);
        rows.push({ id: id, name: n.label, type: n.type, mentions: n.mentions, documents: n.docs.length, degree: n.degree });
      });
    } else {
      scope.edges.forEach(function (id) {
        var e = edgeById.get(id);
        rows.push({ id: id, from: nodeById.get(e.from).label, relation: e.label, to: nodeById.get(e.to).label,
                    status: e.status, citations: e.weight });
      });
    }
    var q = $("table-filter").value.trim().toLowerCase();
    if (q) {
      rows = rows.filter(function (row) {
        return COLUMNS[table.kind].some(function (c) { return String(row[c[0]]).toLowerCase().indexOf(q) >= 0; });
      });
    }
    var key = table.sort[table.kind][0], sign = table.sort[table.kind][1];
    rows.sort(function (a, b) {
      var x = a[key], y = b[key];
      var c = typeof x === "number" ? x - y : String(x).localeCompare(String(y));
      return sign * c || String(a.id).localeCompare(String(b.id));
    });
    return rows;
  }
  function renderTable() {
    if (!tableVisible()) return;
    var head = clear(document.querySelector("#table thead")), body = clear(document.querySelector("#table tbody"));
    var columns = COLUMNS[table.kind], tr = el("tr");
    columns.forEach(function (c) {
      var th = el("th", null, c[1]);
      th.setAttribute("data-column", c[0]);
      if (table.sort[table.kind][0] === c[0]) th.setAttribute("aria-sort", table.sort[table.kind][1] > 0 ? "ascending" : "descending");
      th.addEventListener("click", function () {
        var now = table.sort[table.kind];
        table.sort[table.kind] = [c[0], now[0] === c[0] ? -now[1] : (c[2] ? -1 : 1)];
        renderTable();
      });
      tr.appendChild(th);
    });
    head.appendChild(tr);
    table.rows = tableRows();
    var chosen = new Set(selection.kind === "node" ? [selection.id] : selection.kind === "edge" ? [selection.id] : []);
    table.rows.slice(0, TABLE_ROWS).forEach(function (row) {
      var line = el("tr");
      line.setAttribute("data-id", row.id);
      line.setAttribute("aria-selected", String(chosen.has(row.id)));
      columns.forEach(function (c) { line.appendChild(el("td", c[2] ? "number" : null, c[2] ? number(row[c[0]]) : row[c[0]])); });
      line.addEventListener("click", function () {
        if (table.kind === "entities") selectEntity(row.id, { focus: true }); else selectEdge(row.id);
      });
      body.appendChild(line);
    });
    var scoped = selection.kind === "none" ? "" : " (selection)";
    $("table-count").textContent = plural(table.rows.length, "row") + scoped +
      (table.rows.length > TABLE_ROWS ? ", first " + number(TABLE_ROWS) + " shown" : "");
  }
  // A cell a spreadsheet would read as a formula (= + - @, also full-width, after spaces) is prefixed with '.
  function csvCell(value) {
    var text = String(value);
    if (typeof value !== "number" && /^[\s]*[=+\-@\uff1d\uff0b\uff0d\uff20]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function tableCsv() {
    var columns = COLUMNS[table.kind], lines = [columns.map(function (c) { return csvCell(c[1]); }).join(",")];
    tableRows().forEach(function (row) { lines.push(columns.map(function (c) { return csvCell(row[c[0]]); }).join(",")); });
    return lines.join("\r\n") + "\r\n";
  }
  function setTableKind(kind) {
    table.kind = kind;
    $("tab-entities").setAttribute("aria-selected", String(kind === "entities"));
    $("tab-relations").setAttribute("aria-selected", String(kind === "relations"));
    renderTable();
  }
  function toggleTable(on) {
    var show = on === undefined ? !tableVisible() : on;
    $("table-view").hidden = !show;
    $("table-toggle").setAttribute("aria-pressed", String(show));
    renderTable();
    network.redraw();
  }
  $("table-toggle").addEventListener("click", function () { toggleTable(); });
  $("tab-entities").addEventListener("click", function () { setTableKind("entities"); });
  $("tab-relations").addEventListener("click", function () { setTableKind("relations"); });
  $("table-filter").addEventListener("input", renderTable);
  $("table-csv").addEventListener("click", function () {
    var link = document.createElement("a");
    link.href = "data:text/csv;charset=utf-8," + encodeURIComponent("\ufeff" + tableCsv());
    link.download = "tangle-" + table.kind + ".csv";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  selectListeners.push(renderTable);
  onRefresh(renderTable);
  // The shown entity's relation list follows the filters (a filter of an extension, such as the timeline's).
  onRefresh(function () { if (selection.kind === "node" && drawnNodes.has(selection.id)) showNode(selection.id); });

  // ---------- the API ----------
  function onRefresh(fn) { refreshListeners.push(fn); }
  function addPanel(title, where) {
    var section = el("section", "extension");
    if (title) section.appendChild(el("h2", null, title));
    var body = el("div");
    section.appendChild(body);
    $(where === "under" ? "under" : "controls").appendChild(section);
    return body;
  }

  buildLegend();
  buildFilters();
  refresh();
  if (!config.physics) network.fit({ animation: false });
  resetSelection();

  window.tangle = {
    data: data,
    network: network,
    nodes: nodes,
    edges: edges,
    node: function (id) { return nodeById.get(id); },
    edge: function (id) { return edgeById.get(id); },
    incident: function (id) { return (incident.get(id) || []).slice(); },
    citations: citations,
    dateLabel: dateLabel,
    isVisible: function (id) { return drawnNodes.has(id); },
    labels: function () { return drawnLabels.map(function (l) { return Object.assign({}, l); }); },
    el: el,
    clear: clear,
    visibleNodes: function () { return Array.from(drawnNodes); },
    visibleEdges: function () { return Array.from(drawnEdges); },
    refresh: refresh,
    addFilter: function (name, filter) { extraFilters.set(name, filter || {}); refresh(); },
    removeFilter: function (name) { if (extraFilters.delete(name)) refresh(); },
    onSelect: function (fn) { selectListeners.push(fn); },
    onRefresh: onRefresh,
    addPanel: addPanel,
    selection: function () { return selection; },
    select: selectEntity,
    selectEdge: selectEdge,
    path: findPath,
    setPathMode: setPathMode,
    search: function (query) { search.value = query; matches = findMatches(query); active = 0; return pick(0); },
    findMatches: function (query) { return findMatches(query).map(function (entry) { return entry.id; }); },
    show: function (ids) { show(ids, { pin: true }); },
    expand: expand,
    showMore: showMore,
    showAll: showAll,
    setCoMentionMinimum: function (n) {
      coMinWeight = n;
      $("co-min-weight").value = String(n);
      $("co-min-weight-value").textContent = String(n);
      refresh();
    },
    setCoMentions: setCoMentions,
    table: { show: toggleTable, kind: setTableKind, rows: function () { return table.rows.slice(); }, csv: tableCsv },
  };
})();
