// Tangle explorer page. Every string from the graph is document text: it reaches the DOM
// through textContent only, and vis-network tooltips get plain strings (rendered as text).
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("tangle-data").textContent);
  var STATUSES = ["asserted", "reported", "negated"];
  var DIM_NODE = { background: "#e6e6e6", border: "#d0d0d0" };
  var DIM_EDGE = "rgba(190,190,190,0.25)";
  // Big graphs: no physics, no hover, reported edges lighter but not dotted (dashes cost most of a frame),
  // and highlights drawn as an overlay instead of restyling every item.
  var big = !data.config.physics || data.edges.length > 2000;

  // ---------- indexes ----------
  var nodeById = new Map(), edgeById = new Map(), incident = new Map();
  data.nodes.forEach(function (n) { n._hidden = false; nodeById.set(n.id, n); incident.set(n.id, []); });
  data.edges.forEach(function (e) {
    e._hidden = false;
    edgeById.set(e.id, e);
    incident.get(e.from).push(e);
    if (e.to !== e.from) incident.get(e.to).push(e);
  });

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
  function plural(n, word, many) { return n + " " + (n === 1 ? word : many || word + "s"); }

  // ---------- vis styles ----------
  function nodeColour(n) {
    var c = data.styles.types[n.type] || "#999999";
    return { background: c, border: c, highlight: { background: c, border: "#222222" }, hover: { background: c, border: "#222222" } };
  }
  function edgeColour(e) {
    if (e.status === "negated") return { color: "#9e9e9e", highlight: "#616161", hover: "#616161", opacity: 0.9 };
    var c = data.styles.relations[e.type] || "#888888";
    return { color: c, highlight: c, hover: c, opacity: e.status === "reported" ? 0.5 : 1.0 };
  }
  function edgeDashes(e) {
    // A canvas dash costs per dash: long ones keep big graphs fast while still reading as dashed.
    if (e.status === "negated") return big ? [60, 40] : true;
    if (e.status === "reported") return big ? false : [2, 6];
    return false;
  }
  function edgeWidth(e) { return Math.min(1 + 1.5 * Math.log2(Math.max(e.weight, 1)), 8); }
  function nodeView(n) {
    return {
      id: n.id, label: n.label, x: n.x, y: n.y, size: n.size, shape: "dot",
      color: nodeColour(n), font: { color: "#222222" },
      title: n.label + " (" + n.type + ")\n" + plural(n.mentions, "mention") + ", " + plural(n.degree, "relation"),
    };
  }
  // Several relations between the same two entities are drawn as separate arcs.
  var pairCount = new Map();
  function edgeView(e) {
    var pair = e.from < e.to ? e.from + "\u0000" + e.to : e.to + "\u0000" + e.from;
    var i = pairCount.get(pair) || 0;
    pairCount.set(pair, i + 1);
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
  var nodes = new vis.DataSet(data.nodes.map(nodeView));
  var edges = new vis.DataSet(data.edges.map(edgeView));
  var container = $("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 1 },
    physics: {
      enabled: data.config.physics,
      solver: "forceAtlas2Based",
      stabilization: { enabled: data.config.physics, iterations: 150, fit: true },
    },
    interaction: { hover: !big, tooltipDelay: 250, hideEdgesOnDrag: big, hideEdgesOnZoom: big, keyboard: false },
    nodes: { shape: "dot", borderWidth: 1, font: { size: 14, face: "system-ui, sans-serif" },
             scaling: { label: { drawThreshold: 6 } } },
    edges: { smooth: false, selectionWidth: 1.5, hoverWidth: 0.5, arrows: { to: { scaleFactor: 0.5 } } },
  });
  window.network = network;
  // Markers for scripts and tests: first frame drawn, and layout settled (at once without physics).
  network.once("afterDrawing", function () {
    window.tangleDrawnAt = performance.now();
    document.body.setAttribute("data-drawn", "true");
    if (!data.config.physics) document.body.setAttribute("data-stable", "true");
  });
  network.once("stabilizationIterationsDone", function () { document.body.setAttribute("data-stable", "true"); });

  // ---------- filters ----------
  var hiddenTypes = new Set(), shownRelations = new Set(), shownStatuses = new Set(STATUSES), minWeight = 1;
  data.edges.forEach(function (e) { shownRelations.add(e.type); });

  // Filters other scripts register (the timeline's period): {test(edge) -> bool, active() -> bool}.
  // While one is active, an entity left without a visible relation is hidden too.
  var edgeFilters = [];
  function nodeVisible(n) { return !hiddenTypes.has(n.type); }
  function edgeVisible(e) {
    return shownRelations.has(e.type) && shownStatuses.has(e.status) && e.weight >= minWeight &&
      nodeVisible(nodeById.get(e.from)) && nodeVisible(nodeById.get(e.to)) &&
      edgeFilters.every(function (f) { return f.test(e); });
  }
  function applyFilters() {
    var nodeUpdates = [], edgeUpdates = [], linked = new Set();
    var orphansHidden = edgeFilters.some(function (f) { return f.active(); });
    data.edges.forEach(function (e) {
      var hidden = !edgeVisible(e);
      if (!hidden) { linked.add(e.from); linked.add(e.to); }
      if (e._hidden !== hidden) { e._hidden = hidden; edgeUpdates.push({ id: e.id, hidden: hidden }); }
    });
    data.nodes.forEach(function (n) {
      var hidden = !nodeVisible(n) || (orphansHidden && !linked.has(n.id));
      if (n._hidden !== hidden) { n._hidden = hidden; nodeUpdates.push({ id: n.id, hidden: hidden }); }
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    if (shownNode !== null && nodeById.get(shownNode) && !nodeById.get(shownNode)._hidden) showNode(shownNode);
  }

  function countBy(items, key) {
    var counts = new Map();
    items.forEach(function (item) { counts.set(item[key], (counts.get(item[key]) || 0) + 1); });
    return counts;
  }

  function buildLegend() {
    var counts = countBy(data.nodes, "type"), legend = $("legend");
    Object.keys(data.styles.types).forEach(function (type) {
      var button = el("button");
      button.type = "button";
      button.setAttribute("data-type", type);
      button.setAttribute("aria-pressed", "true");
      var swatch = el("span", "swatch");
      swatch.style.background = data.styles.types[type];
      button.append(swatch, el("span", null, type), el("span", "count", counts.get(type) || 0));
      button.addEventListener("click", function () {
        var hide = !hiddenTypes.has(type);
        if (hide) hiddenTypes.add(type); else hiddenTypes.delete(type);
        button.classList.toggle("off", hide);
        button.setAttribute("aria-pressed", String(!hide));
        applyFilters();
      });
      var li = el("li");
      li.appendChild(button);
      legend.appendChild(li);
    });
  }

  function checkboxRow(list, name, text, count, marker, onChange) {
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.name = name;
    box.value = text;
    box.addEventListener("change", function () { onChange(box.checked); applyFilters(); });
    label.append(box, marker, el("span", null, text));
    li.append(label, el("span", "count", count));
    list.appendChild(li);
  }

  function buildFilters() {
    var relationCounts = countBy(data.edges, "type"), statusCounts = countBy(data.edges, "status");
    Object.keys(data.styles.relations).forEach(function (type) {
      var line = el("span", "line");
      line.style.borderTopColor = data.styles.relations[type];
      checkboxRow($("relation-filter"), "relation", type, relationCounts.get(type) || 0, line, function (on) {
        if (on) shownRelations.add(type); else shownRelations.delete(type);
      });
    });
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
      applyFilters();
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
    var nodeUpdates = [], edgeUpdates = [];
    data.nodes.forEach(function (n) {
      var dim = keepNodes !== null && !keepNodes.has(n.id);
      if (dim === dimmed.nodes.has(n.id)) return;
      if (dim) dimmed.nodes.add(n.id); else dimmed.nodes.delete(n.id);
      nodeUpdates.push({ id: n.id, color: dim ? DIM_NODE : nodeColour(n), font: { color: dim ? "#bbbbbb" : "#222222" } });
    });
    data.edges.forEach(function (e) {
      var dim = keepEdges !== null && !keepEdges.has(e.id);
      if (dim === dimmed.edges.has(e.id)) return;
      if (dim) dimmed.edges.add(e.id); else dimmed.edges.delete(e.id);
      edgeUpdates.push({ id: e.id, color: dim ? { color: DIM_EDGE, highlight: DIM_EDGE, hover: DIM_EDGE, opacity: 1 } : edgeColour(e) });
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
  }
  function highlightNeighbourhood(id) {
    var keepNodes = new Set([id]), keepEdges = new Set();
    incident.get(id).forEach(function (e) {
      if (e._hidden) return;
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
    var pos = network.getPositions(Array.from(overlay.nodes)), scale = network.getScale();
    overlay.edges.forEach(function (id) {
      var e = edgeById.get(id), a = pos[e.from], b = pos[e.to];
      if (!a || !b) return;
      ctx.beginPath();
      ctx.setLineDash(e.status === "negated" ? [6 / scale, 4 / scale] : []);
      ctx.strokeStyle = edgeColour(e).color;
      ctx.globalAlpha = e.status === "reported" ? 0.6 : 1;
      ctx.lineWidth = Math.max(edgeWidth(e), 1.5 / scale);
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      ctx.stroke();
    });
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
    ctx.font = 13 / scale + "px system-ui, sans-serif";
    ctx.textAlign = "center";
    overlay.nodes.forEach(function (id) {
      var n = nodeById.get(id), p = pos[id];
      if (!p) return;
      ctx.beginPath();
      ctx.fillStyle = nodeColour(n).background;
      ctx.arc(p.x, p.y, Math.max(n.size, 4 / scale), 0, 2 * Math.PI);
      ctx.fill();
      ctx.fillStyle = "#222222";
      ctx.fillText(n.label, p.x, p.y + Math.max(n.size, 4 / scale) + 15 / scale);
    });
  });

  // Shortest path over visible, non-negated relations, ignoring direction.
  function shortestPath(source, target) {
    var previous = new Map([[source, null]]), queue = [source];
    for (var head = 0; head < queue.length && !previous.has(target); head++) {
      var here = queue[head];
      incident.get(here).forEach(function (e) {
        if (e._hidden || e.status === "negated") return;
        var there = e.from === here ? e.to : e.from;
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
    var n = nodeById.get(id), button = el("button", "link", n ? n.label : id);
    button.type = "button";
    button.addEventListener("click", function () { selectEntity(id, { focus: true }); });
    return button;
  }
  function statusTag(status) { return el("span", "status " + status, status); }
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
    edge.citations.forEach(function (c) {
      var li = el("li");
      if (c.date) li.appendChild(el("div", "date", dateLabel(c.date)));
      var cite = [docTitle(c.doc)];
      if (c.page !== undefined) cite.push("p. " + c.page);
      if (c.markers.length) cite.push(c.markers.map(function (m) { return "[" + m + "]"; }).join(" "));
      var meta = el("div", "cite", "— " + cite.join(" · ") + " ");
      meta.appendChild(statusTag(c.status));
      li.append(el("blockquote", null, c.sentence), meta);
      list.appendChild(li);
    });
    return list;
  }
  function relationBlock(edge, fromId) {
    var block = el("div", "relation"), head = el("div", "head");
    var other = edge.from === fromId ? edge.to : edge.from;
    var arrow = !edge.directed ? " — " : edge.from === fromId ? " → " : " ← ";
    var span = edge.first ? " · " + dateLabel({ start: edge.first, end: edge.last || edge.first, precision: "day" }) : "";
    head.append(el("span", null, edge.label + arrow), entityLink(other), statusTag(edge.status),
      el("span", "meta", " " + plural(edge.weight, "citation") + span));
    block.append(head, evidenceList(edge));
    return block;
  }
  function showHint(text) { shownNode = null; clear(panel).appendChild(el("p", "hint", text)); }
  var shownNode = null, relationOrder = "citations";
  var ORDERS = {
    citations: function (a, b) { return b.weight - a.weight || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0); },
    date: function (a, b) {  // dated first, earliest first; undated after, by citations
      if (!a.first !== !b.first) return a.first ? -1 : 1;
      if (a.first && a.first !== b.first) return a.first < b.first ? -1 : 1;
      return ORDERS.citations(a, b);
    },
  };
  function showNode(id) {
    var n = nodeById.get(id);
    shownNode = id;
    clear(panel);
    panel.append(el("h2", null, n.label), el("div", "meta", n.type + " · " + plural(n.mentions, "mention")));
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
    var rels = incident.get(id).filter(function (e) { return !e._hidden; });
    rels.sort(ORDERS[relationOrder]);
    var heading = el("h3", null, "Relations (" + rels.length + ") ");
    var order = el("select", "order");
    order.id = "relation-order";
    order.setAttribute("aria-label", "Order of the relations");
    [["citations", "by citations"], ["date", "by date"]].forEach(function (o) {
      var option = el("option", null, o[1]);
      option.value = o[0];
      option.selected = o[0] === relationOrder;
      order.appendChild(option);
    });
    order.addEventListener("change", function () { relationOrder = order.value; showNode(id); });
    heading.appendChild(order);
    panel.appendChild(heading);
    var shown = rels.slice(0, 200);
    shown.forEach(function (e) { panel.appendChild(relationBlock(e, id)); });
    if (rels.length > shown.length) panel.appendChild(el("p", "hint", (rels.length - shown.length) + " more not shown"));
  }
  function showEdge(id) {
    var e = edgeById.get(id);
    shownNode = null;
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
    shownNode = null;
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
  function selectEntity(id, options) {
    var n = nodeById.get(id);
    if (!n) return false;
    if (hiddenTypes.has(n.type)) {
      var button = document.querySelector('#legend button[data-type="' + CSS.escape(n.type) + '"]');
      if (button) button.click();
    }
    network.selectNodes([id]);
    highlightNeighbourhood(id);
    showNode(id);
    selected({ node: id });
    if (options && options.focus) network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 300 } });
    return true;
  }
  function selectEdge(id) {
    var e = edgeById.get(id);
    network.selectEdges([id]);
    paint(new Set([e.from, e.to]), new Set([id]));
    showEdge(id);
    selected({ edge: id });
  }
  // Other scripts of the page (the review panel) follow the selection through this event.
  function selected(detail) { document.dispatchEvent(new CustomEvent("tangle:select", { detail: detail })); }
  function resetSelection() {
    network.unselectAll();
    paint(null, null);
    showHint("Click an entity or a relation to see its evidence. Search finds entities by name or alias.");
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
    return path ? path.nodes : null;
  }
  function setPathMode(on) {
    pathMode = { on: on, source: null };
    $("path-mode").setAttribute("aria-pressed", String(on));
    if (on) { network.unselectAll(); paint(null, null); showHint("Path: click the first entity."); } else resetSelection();
  }

  network.on("click", function (params) {
    if (pathMode.on && params.nodes.length) {
      var id = params.nodes[0];
      if (pathMode.source === null || pathMode.source === id) {
        pathMode.source = id;
        network.selectNodes([id]);
        showHint("Path from " + nodeById.get(id).label + ": click the second entity.");
      } else {
        findPath(pathMode.source, id);
        pathMode.source = null;
      }
    } else if (params.nodes.length) {
      selectEntity(params.nodes[0]);
    } else if (params.edges.length) {
      selectEdge(params.edges[0]);
    } else {
      resetSelection();
    }
  });

  // ---------- search ----------
  var searchIndex = [];
  data.nodes.forEach(function (n) {
    searchIndex.push({ key: n.label.toLowerCase(), id: n.id, alias: null });
    n.aliases.forEach(function (a) { if (a !== n.label) searchIndex.push({ key: a.toLowerCase(), id: n.id, alias: a }); });
  });
  var search = $("search"), suggestions = $("suggestions"), matches = [], active = 0;

  function findMatches(query) {
    var q = query.trim().toLowerCase(), prefix = [], inner = [], seen = new Set();
    if (!q) return [];
    searchIndex.forEach(function (entry) {
      var at = entry.key.indexOf(q);
      if (at === 0) prefix.push(entry); else if (at > 0) inner.push(entry);
    });
    var byLength = function (a, b) { return a.key.length - b.key.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0); };
    return prefix.sort(byLength).concat(inner.sort(byLength)).filter(function (entry) {
      if (seen.has(entry.id)) return false;
      seen.add(entry.id);
      return true;
    }).slice(0, 12);
  }
  function renderSuggestions() {
    clear(suggestions);
    matches.forEach(function (entry, i) {
      var n = nodeById.get(entry.id), li = el("li", null, n.label);
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", String(i === active));
      if (entry.alias) li.appendChild(el("span", "alias", "also " + entry.alias));
      li.appendChild(el("span", "kind", n.type));
      li.addEventListener("mousedown", function (event) { event.preventDefault(); pick(i); });
      suggestions.appendChild(li);
    });
    suggestions.hidden = matches.length === 0;
  }
  function pick(i) {
    var entry = matches[i];
    if (!entry) return;
    search.value = nodeById.get(entry.id).label;
    matches = [];
    renderSuggestions();
    if (pathMode.on) setPathMode(false);
    selectEntity(entry.id, { focus: true });
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
  var physics = $("physics");
  physics.checked = data.config.physics;
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

  buildLegend();
  buildFilters();
  resetSelection();

  // For notebooks, tests and the curious: the same actions the controls perform.
  window.tangle = {
    data: data,
    network: network,
    refresh: applyFilters,
    dateLabel: dateLabel,
    // test(edge) -> whether the edge passes; active() -> whether the filter is on (orphans then hide).
    addEdgeFilter: function (test, active) { edgeFilters.push({ test: test, active: active }); },
    select: selectEntity,
    selectEdge: selectEdge,
    path: findPath,
    setPathMode: setPathMode,
    search: function (query) { search.value = query; matches = findMatches(query); active = 0; pick(0); },
  };
})();
