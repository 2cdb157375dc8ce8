// Tangle review panel: an analyst's decisions on entities and relations, shown at once in the page,
// listed with undo, and saved as a curation file (the previous file's rules plus the new ones).
// Every string from the graph is document text: it reaches the DOM through textContent only.
(function () {
  "use strict";

  // ---------- adapter: the only place that knows the explorer page (page.js's window.tangle) ----------
  var t = window.tangle;
  var data = t.data;
  var network = t.network;
  var page = {
    nodes: t.nodes,                          // vis DataSets of what page.js draws now (not every entity)
    edges: t.edges,
    header: document.querySelector("header"),
    body: document.getElementById("body"),
    // {node: id} or {edge: id} each time the page selects an entity or a relation (click, search, API);
    // {} when the selection is a path or nothing
    onSelect: function (fn) {
      t.onSelect(function (s) { fn(s.kind === "node" ? { node: s.id } : s.kind === "edge" ? { edge: s.id } : {}); });
    },
    // after each change of what is drawn: items come and go from the DataSets
    onRefresh: t.onRefresh,
    citations: t.citations,                  // [{doc, title, sentence, markers, status, ...}]
  };

  var review = data.review || { rules: {}, items: [], vocabulary: [], types: [] };
  var STATUSES = ["asserted", "reported", "negated"];
  var ENTITY_SECTIONS = ["merge", "split", "rename", "retype", "ignore"];
  var ACTIONS = ["confirm", "reject", "retype", "status"];

  // ---------- helpers ----------
  var el = t.el, clear = t.clear;  // the page's DOM helpers: document text reaches the DOM as text only
  function button(text, onClick, title) {
    var b = el("button", "review-action", text);
    b.type = "button";
    if (title) b.title = title;
    b.addEventListener("click", onClick);
    return b;
  }
  function key(name) { return String(name).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim(); }
  function canonical(value) {
    if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).sort().map(function (k) { return JSON.stringify(k) + ":" + canonical(value[k]); }).join(",") + "}";
    }
    return JSON.stringify(value);
  }

  var nodeById = new Map(), edgeById = new Map(), byName = new Map();
  data.nodes.forEach(function (n) {
    nodeById.set(n.id, n);
    [n.label].concat(n.aliases).forEach(function (name) {
      var k = key(name);
      if (!byName.has(k) || name === n.label) byName.set(k, n);
    });
  });
  data.edges.forEach(function (e) { edgeById.set(e.id, e); });

  // The name an entity rule uses: the label, or the name a rename replaced (rules match found names).
  function ruleName(n) {
    var found = (n.curation || []).filter(function (d) { return d.action === "rename" && d.to === n.label; });
    return found.length && found[0].names.length ? found[0].names[0] : n.label;
  }
  function triple(e) { return [nodeById.get(e.from).label, e.type, nodeById.get(e.to).label]; }
  function findEdge(names) {
    var a = byName.get(key(names[0])), b = byName.get(key(names[2]));
    if (!a || !b) return null;
    return data.edges.filter(function (e) {
      return e.type === names[1] && ((e.from === a.id && e.to === b.id) || (!e.directed && e.from === b.id && e.to === a.id));
    })[0] || null;
  }
  function vocabulary(type) { return review.vocabulary.filter(function (t) { return t.name === type; })[0]; }

  // ---------- decisions: rules as the curation file writes them ----------
  var saved = [];   // the previous file's rules, already applied to this graph
  Object.keys(review.rules || {}).forEach(function (section) {
    var value = review.rules[section];
    if (section === "relations") value.forEach(function (r) { saved.push(r); });
    else if (section === "rename" || section === "retype") {
      Object.keys(value).forEach(function (k) { var r = {}; r[section] = {}; r[section][k] = value[k]; saved.push(r); });
    } else value.forEach(function (v) { var r = {}; r[section] = v; saved.push(r); });
  });
  var decisions = [];  // new this session: {rule, label}
  var seen = function () { return new Set(saved.concat(decisions.map(function (d) { return d.rule; })).map(canonical)); };

  function decide(rule, label) {
    if (seen().has(canonical(rule))) return;
    decisions.push({ rule: rule, label: label });
    paintDecisions();
    render();
  }
  function undo(index) { decisions.splice(index, 1); paintDecisions(); render(); }

  // ---------- showing decisions in the graph ----------
  // The page draws only part of the graph: a decision paints the items drawn now, and again whatever a
  // refresh draws later. `original` holds a drawn item as the page drew it, taken before its first paint
  // and forgotten when the page stops drawing it (it comes back fresh).
  var original = { nodes: new Map(), edges: new Map() };
  var CURATED_NODE = { borderWidth: 4, shapeProperties: { borderDashes: [4, 3] } };

  function effects() {
    var nodes = new Map(), edges = new Map();
    function node(id) { if (!nodes.has(id)) nodes.set(id, {}); return nodes.get(id); }
    function edge(id) { if (!edges.has(id)) edges.set(id, {}); return edges.get(id); }
    data.nodes.forEach(function (n) { if (n.curated) Object.assign(node(n.id), CURATED_NODE); });
    data.edges.forEach(function (e) { if (e.curated) edge(e.id).shadow = { enabled: true, color: "#222", size: 6 }; });
    decisions.forEach(function (d) {
      var r = d.rule;
      if (r.merge) {
        var into = byName.get(key(r.merge[0]));
        r.merge.slice(1).forEach(function (name) {
          var gone = byName.get(key(name));
          if (!into || !gone || gone === into) return;
          node(gone.id).hidden = true;
          data.edges.forEach(function (e) {
            if (e.from === gone.id) edge(e.id).from = into.id;
            if (e.to === gone.id) edge(e.id).to = into.id;
          });
        });
        if (into) Object.assign(node(into.id), CURATED_NODE);
      } else if (r.ignore !== undefined) {
        var hidden = byName.get(key(r.ignore));
        if (hidden) {
          node(hidden.id).hidden = true;
          data.edges.forEach(function (e) { if (e.from === hidden.id || e.to === hidden.id) edge(e.id).hidden = true; });
        }
      } else if (r.rename || (r.retype && !Array.isArray(r.retype))) {
        var section = r.rename ? "rename" : "retype";
        var name = Object.keys(r[section])[0], target = byName.get(key(name));
        if (target) {
          Object.assign(node(target.id), CURATED_NODE);
          if (section === "rename") node(target.id).label = r.rename[name];
          else {
            var c = (data.styles.types[r.retype[name]]) || "#999999";
            node(target.id).color = { background: c, border: "#222222" };
          }
        }
      } else if (r.split !== undefined) {
        var whole = byName.get(key(r.split));
        if (whole) Object.assign(node(whole.id), CURATED_NODE);
      } else {
        var action = ACTIONS.filter(function (a) { return r[a]; })[0];
        var e = findEdge(r[action]);
        if (!e) return;
        var view = edge(e.id);
        view.shadow = { enabled: true, color: "#222", size: 6 };
        if (action === "reject") view.hidden = true;
        if (action === "status") view.dashes = r.to === "negated" ? true : r.to === "reported" ? [2, 6] : false;
        if (action === "retype") {
          var t = vocabulary(r.to) || {};
          view.color = { color: t.colour || "#555555" };
          view.arrows = t.directed ? "to" : "";
          view.title = (t.label || r.to) + " (set by you)";
        }
      }
    });
    return { nodes: nodes, edges: edges };
  }

  // Only the items a decision touches now, or touched before, are updated: the page's own filters and
  // highlights keep the rest.
  var touched = { nodes: new Set(), edges: new Set() };
  function drawnNow(set, kind) {
    var ids = Array.from(set).filter(function (id) {
      if (page[kind].get(id)) return true;
      original[kind].delete(id);
      return false;
    });
    ids.forEach(function (id) { if (!original[kind].has(id)) original[kind].set(id, Object.assign({}, page[kind].get(id))); });
    return ids;
  }
  function paintDecisions() {
    var changes = effects();
    var nodeUpdates = [], edgeUpdates = [];
    drawnNow(new Set(Array.from(touched.nodes).concat(Array.from(changes.nodes.keys()))), "nodes").forEach(function (id) {
      nodeUpdates.push(Object.assign({ borderWidth: 1, shapeProperties: { borderDashes: false }, hidden: false },
                                     original.nodes.get(id), changes.nodes.get(id) || {}));
    });
    drawnNow(new Set(Array.from(touched.edges).concat(Array.from(changes.edges.keys()))), "edges").forEach(function (id) {
      edgeUpdates.push(Object.assign({ shadow: { enabled: false }, hidden: false },
                                     original.edges.get(id), changes.edges.get(id) || {}));
    });
    touched = { nodes: new Set(changes.nodes.keys()), edges: new Set(changes.edges.keys()) };
    if (nodeUpdates.length) page.nodes.update(nodeUpdates);
    if (edgeUpdates.length) page.edges.update(edgeUpdates);
    document.body.setAttribute("data-decisions", String(decisions.length));
  }

  // ---------- the curation file ----------
  // Double-quoted YAML scalars: JSON's escapes, plus the characters YAML reads as line breaks or refuses.
  function q(text) {
    return JSON.stringify(String(text)).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }
  function curationYaml() {
    var rules = saved.concat(decisions.map(function (d) { return d.rule; }));
    var out = ["# Tangle curation file, saved from the review panel of the explorer page.",
               "# Rebuild with: tangle build DOCS --curation THIS-FILE"];
    ENTITY_SECTIONS.forEach(function (section) {
      var items = rules.filter(function (r) {
        return r[section] !== undefined && !(section === "retype" && Array.isArray(r.retype));
      });
      if (!items.length) return;
      out.push(section + ":");
      items.forEach(function (r) {
        var v = r[section];
        if (section === "merge") out.push("  - [" + v.map(q).join(", ") + "]");
        else if (section === "rename" || section === "retype") {
          Object.keys(v).forEach(function (k) { out.push("  " + q(k) + ": " + q(v[k])); });
        } else out.push("  - " + q(v));
      });
    });
    var relations = rules.filter(function (r) {
      return ACTIONS.some(function (a) { return Array.isArray(r[a]); });
    });
    if (relations.length) {
      out.push("relations:");
      relations.forEach(function (r) {
        var action = ACTIONS.filter(function (a) { return Array.isArray(r[a]); })[0];
        out.push("  - " + action + ": [" + r[action].map(q).join(", ") + "]");
        ["to", "doc", "sentence"].forEach(function (k) { if (r[k] !== undefined) out.push("    " + k + ": " + q(r[k])); });
      });
    }
    return out.join("\n") + "\n";
  }
  function save() {
    var link = document.createElement("a");
    link.href = "data:text/yaml;charset=utf-8," + encodeURIComponent(curationYaml());
    link.download = "curation.yml";
    document.body.appendChild(link);
    link.click();
    link.remove();
  }
  window.tangleReview = { decide: decide, undo: undo, yaml: curationYaml, decisions: function () { return decisions.slice(); } };

  // ---------- the panel ----------
  var style = el("style", null, [
    "#review { width: 380px; overflow: auto; padding: 8px 12px; border-left: 1px solid #ddd; font-size: 13px; }",
    "#review h2 { font-size: 17px; margin: 4px 0; } #review h3 { font-size: 12px; text-transform: uppercase; color: #555; margin: 12px 0 4px; overflow-wrap: anywhere; }",
    ".review-row { display: flex; align-items: center; gap: 6px; margin: 4px 0; } .review-label { width: 90px; color: #555; }",
    ".review-row input, .review-row select { flex: 1; min-width: 0; font: inherit; }",
    ".review-item { margin: 8px 0; padding-top: 6px; border-top: 1px solid #eee; } .review-item .head { font-weight: 600; overflow-wrap: anywhere; }",
    ".review-item blockquote, .review-evidence blockquote { margin: 4px 0; padding: 2px 8px; border-left: 3px solid #ccc; color: #444; overflow-wrap: anywhere; }",
    ".review-item button { margin: 2px 4px 2px 0; font-size: 12px; } .review-decisions li { overflow-wrap: anywhere; margin: 3px 0; }",
    ".review-decisions li.saved { color: #666; } #review-save { margin-top: 6px; font-weight: 600; }",
    "#review-toggle[aria-pressed=\"true\"] { background: #4e79a7; color: #fff; border-color: #4e79a7; }",
  ].join("\n"));
  document.head.appendChild(style);
  var panel = el("aside", null);
  panel.id = "review";
  panel.hidden = true;
  page.body.appendChild(panel);
  var toggle = button("Review", function () {
    panel.hidden = !panel.hidden;
    toggle.setAttribute("aria-pressed", String(!panel.hidden));
    network.redraw();
  }, "Review the graph: correct entities and relations, save the corrections");
  toggle.id = "review-toggle";
  toggle.setAttribute("aria-pressed", "false");
  page.header.insertBefore(toggle, document.getElementById("stats"));

  var selection = null;
  var picking = null;  // the entity waiting for a click on the one to merge into it
  page.onSelect(function (picked) {
    if (picking && picked.node && picked.node !== picking.id) {
      var into = picking, other = nodeById.get(picked.node);
      picking = null;
      decide({ merge: [ruleName(into), ruleName(other)] }, "merge " + other.label + " into " + into.label);
    }
    selection = picked;
    render();
  });

  function select(options, chosen) {
    var s = el("select");
    options.forEach(function (o) {
      var opt = el("option", null, o.label);
      opt.value = o.value;
      if (o.value === chosen) opt.selected = true;
      s.appendChild(opt);
    });
    return s;
  }
  function row(parent, label, control, act) {
    var line = el("div", "review-row");
    line.appendChild(el("span", "review-label", label));
    if (control) line.appendChild(control);
    if (act) line.appendChild(act);
    parent.appendChild(line);
    return line;
  }

  function entityActions(n, box) {
    var name = ruleName(n);
    box.appendChild(el("h3", null, "Entity: " + n.label + " (" + n.type + ")"));
    var search = el("input");
    search.type = "search";
    search.placeholder = "Merge with… (name)";
    search.setAttribute("list", "review-names");
    search.className = "review-merge";
    row(box, "Merge", search, button("Merge into this", function () {
      var other = byName.get(key(search.value));
      if (other && other !== n) decide({ merge: [name, ruleName(other)] }, "merge " + other.label + " into " + n.label);
    }));
    var pick = button(picking === n ? "Click the other entity…" : "Pick on the graph", function () {
      picking = picking === n ? null : n;
      render();
    }, "Then click the entity to merge into this one");
    pick.className += " review-pick";
    row(box, "", null, pick);
    var newLabel = el("input");
    newLabel.placeholder = "New label";
    newLabel.className = "review-rename";
    row(box, "Rename", newLabel, button("Rename", function () {
      if (newLabel.value.trim()) {
        var r = { rename: {} };
        r.rename[name] = newLabel.value.trim();
        decide(r, "rename " + n.label + " to " + newLabel.value.trim());
      }
    }));
    var types = select(review.types.map(function (t) { return { value: t, label: t }; }), n.type);
    types.className = "review-type";
    row(box, "Type", types, button("Retype", function () {
      if (types.value !== n.type) { var r = { retype: {} }; r.retype[name] = types.value; decide(r, "retype " + n.label + " as " + types.value); }
    }));
    if (n.aliases.length) {
      var aliases = select(n.aliases.map(function (a) { return { value: a, label: a }; }));
      aliases.className = "review-alias";
      row(box, "Split", aliases, button("Split off", function () {
        decide({ split: aliases.value }, "split " + aliases.value + " off " + n.label);
      }, "Never link this name to a longer one: it becomes its own entity on the next build"));
    }
    row(box, "Hide", null, button("Hide entity", function () { decide({ ignore: name }, "hide " + n.label); }));
  }

  function relationActions(e, box) {
    var names = triple(e);
    box.appendChild(el("h3", null, "Relation: " + names[0] + " — " + e.label + " — " + names[2]));
    box.appendChild(el("p", "meta", e.status + ", " + e.weight + " citation" + (e.weight === 1 ? "" : "s")));
    var evidence = el("ul", "evidence review-evidence");
    page.citations(e).slice(0, 5).forEach(function (c) {
      var li = el("li");
      li.appendChild(el("blockquote", null, c.sentence));
      li.appendChild(el("div", "cite", (data.documents[c.doc] || { title: c.doc }).title + " · " + c.status));
      evidence.appendChild(li);
    });
    box.appendChild(evidence);
    var typed = e.type !== review.untyped;
    if (typed) {
      row(box, "", null, button("Confirm", function () { decide({ confirm: names }, "confirm " + names.join(" ")); }));
    }
    row(box, "", null, button(typed ? "Reject" : "Not related", function () {
      decide({ reject: names }, "reject " + names.join(" "));
    }));
    var kinds = select(review.vocabulary.filter(function (t) { return t.name !== e.type; })
      .map(function (t) { return { value: t.name, label: t.label }; }));
    kinds.className = "review-relation-type";
    row(box, typed ? "Type" : "Give it a type", kinds, button(typed ? "Retype" : "Type this pair", function () {
      decide({ retype: names, to: kinds.value }, (typed ? "retype " : "type ") + names.join(" ") + " as " + kinds.value);
    }));
    if (typed) {
      var statuses = select(STATUSES.filter(function (s) { return s !== e.status; }).map(function (s) { return { value: s, label: s }; }));
      statuses.className = "review-status";
      row(box, "Claim", statuses, button("Set status", function () {
        decide({ status: names, to: statuses.value }, "status of " + names.join(" ") + ": " + statuses.value);
      }));
    }
  }

  function ruleText(rule) {
    var action = Object.keys(rule).filter(function (k) { return ["to", "doc", "sentence"].indexOf(k) < 0; })[0];
    var v = rule[action];
    var text = action + " " + (Array.isArray(v) ? v.join(" · ") : typeof v === "object" ? Object.keys(v).map(function (k) { return k + " → " + v[k]; }).join(", ") : v);
    if (rule.to !== undefined) text += " → " + rule.to;
    if (rule.doc !== undefined) text += " (in " + rule.doc + ")";
    return text;
  }

  function render() {
    clear(panel);
    panel.appendChild(el("h2", null, "Review"));
    var selected = el("section", "review-selected");
    if (selection && selection.node && nodeById.has(selection.node)) entityActions(nodeById.get(selection.node), selected);
    else if (selection && selection.edge && edgeById.has(selection.edge)) relationActions(edgeById.get(selection.edge), selected);
    else selected.appendChild(el("p", "hint", "Click an entity or a relation to correct it."));
    panel.appendChild(selected);

    var list = el("section", "review-decisions");
    list.appendChild(el("h3", null, "Decisions (" + (saved.length + decisions.length) + ")"));
    var ul = el("ul");
    saved.forEach(function (rule) {
      var li = el("li", "saved", ruleText(rule));
      li.title = "In the curation file this page was built with";
      ul.appendChild(li);
    });
    decisions.forEach(function (d, i) {
      var li = el("li", "new", ruleText(d.rule) + " ");
      li.appendChild(button("Undo", function () { undo(i); }));
      ul.appendChild(li);
    });
    list.appendChild(ul);
    var saveButton = button("Save corrections", save, "Download curation.yml: the previous rules and your decisions");
    saveButton.id = "review-save";
    list.appendChild(saveButton);
    panel.appendChild(list);

    var queue = el("section", "review-queue");
    queue.appendChild(el("h3", null, "To review (" + review.items.length + ")"));
    var done = seen();
    review.items.forEach(function (item) {
      if (item.actions.some(function (a) { return done.has(canonical(a.rule)); })) return;
      var box = el("div", "review-item");
      box.appendChild(el("div", "head", "[" + item.kind + "] " + item.title));
      item.evidence.slice(0, 1).forEach(function (c) { box.appendChild(el("blockquote", null, c.sentence)); });
      item.actions.forEach(function (a) {
        box.appendChild(button(a.label, function () { decide(a.rule, a.label); }));
      });
      queue.appendChild(box);
    });
    panel.appendChild(queue);
  }

  var names = el("datalist");
  names.id = "review-names";
  data.nodes.forEach(function (n) { var o = el("option"); o.value = n.label; names.appendChild(o); });
  document.body.appendChild(names);
  paintDecisions();
  page.onRefresh(paintDecisions);  // entities and relations the page draws later show the decisions too
  render();
})();
