// Tangle timeline strip: a histogram of dated citations under the graph, and a brush that keeps the
// relations with a claim dated in the chosen period (and hides the entities they leave alone).
// It talks to the page only through window.tangle (data, citations, addFilter, refresh, dateLabel).
(function () {
  "use strict";

  var t = window.tangle;
  if (!t || !t.addFilter) return;
  var data = t.data;

  // ---------- bins: months, or years when the dates span more than 30 years ----------
  // The axis runs from the 5th to the 99th percentile of the dates; the few outside (birth years and
  // history in a biography, a book called "1984") fall in the first or last bin, which then reach
  // to the start or end of time.
  var dated = [];
  data.edges.forEach(function (e) {
    t.citations(e).forEach(function (c) { if (c.date && c.date.start && c.date.end) dated.push(c.date); });
  });
  if (!dated.length) return;

  function monthIndex(iso) { return Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1; }
  var starts = dated.map(function (d) { return monthIndex(d.start); }).sort(function (a, b) { return a - b; });
  var low = starts[Math.floor(starts.length * 0.05)];
  var high = starts[starts.length - 1 - Math.floor(starts.length * 0.01)];
  var byYear = high - low > 360, step = byYear ? 12 : 1;
  if (byYear) { low -= low % 12; high += 11 - (high % 12); }
  var count = Math.floor((high - low) / step) + 1, bins = new Array(count).fill(0);
  function binOf(month) { return Math.min(count - 1, Math.max(0, Math.floor((month - low) / step))); }
  dated.forEach(function (d) { bins[binOf(monthIndex(d.start))] += 1; });
  var clipped = { before: starts[0] < low, after: starts[starts.length - 1] > high };
  var most = Math.max.apply(null, bins);

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function binStart(i) {
    var m = low + i * step;
    return Math.floor(m / 12) + "-" + pad((m % 12) + 1) + "-01";
  }
  function binEnd(i) {
    var m = low + i * step + step - 1, year = Math.floor(m / 12), month = (m % 12) + 1;
    var days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return year + "-" + pad(month) + "-" + pad(days);
  }
  function binLabel(i) { return byYear ? binStart(i).slice(0, 4) : binStart(i).slice(0, 7); }

  // ---------- the strip ----------
  function el(tag, id, text) {
    var node = document.createElement(tag);
    if (id) node.id = id;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  var strip = el("section", "timeline");
  strip.setAttribute("aria-label", "Timeline of dated claims");
  strip.style.cssText = "flex: none; height: 110px; border-top: 1px solid #ddd; padding: 4px 10px 2px; " +
    "display: flex; flex-direction: column; background: #fafafa; font-size: 12px;";
  var bar = el("div");
  bar.style.cssText = "display: flex; gap: 10px; align-items: center; color: #555;";
  var title = el("strong", null, "Timeline");
  var range = el("span", "timeline-range", "");
  var reset = el("button", "timeline-clear", "All dates");
  reset.type = "button";
  reset.style.cssText = "font-size: 11px; padding: 0 8px;";
  bar.append(title, el("span", null, dated.length + " dated citations, by " + (byYear ? "year" : "month") +
    "; drag to keep a period"), range, reset);
  var canvas = el("canvas", "timeline-chart");
  canvas.style.cssText = "flex: 1; width: 100%; min-height: 0; cursor: crosshair;";
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", "Dated citations over time");
  strip.append(bar, canvas);
  (document.getElementById("under") || document.body).appendChild(strip);  // under the graph

  // ---------- drawing ----------
  var chosen = null, dragging = null;  // chosen: [first bin, last bin]
  var AXIS = 14;
  function binAt(clientX) {
    var rect = canvas.getBoundingClientRect();
    var x = Math.min(Math.max(clientX - rect.left, 0), rect.width - 1);
    return Math.min(count - 1, Math.floor(x / rect.width * count));
  }
  function draw() {
    var rect = canvas.getBoundingClientRect(), ratio = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(rect.width * ratio));
    canvas.height = Math.max(1, Math.round(rect.height * ratio));
    var ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, rect.width, rect.height);
    var width = rect.width / count, height = rect.height - AXIS;
    var span = dragging || chosen;
    if (span) {
      var a = Math.min(span[0], span[1]), b = Math.max(span[0], span[1]);
      ctx.fillStyle = "rgba(78,121,167,0.15)";
      ctx.fillRect(a * width, 0, (b - a + 1) * width, height);
    }
    bins.forEach(function (n, i) {
      if (!n) return;
      var h = Math.max(1, height * n / most);
      var inside = !span || (i >= Math.min(span[0], span[1]) && i <= Math.max(span[0], span[1]));
      ctx.fillStyle = inside ? "#4e79a7" : "#c4cdd6";
      ctx.fillRect(i * width + (width > 3 ? 0.5 : 0), height - h, Math.max(width - 1, 1), h);
    });
    ctx.fillStyle = "#666";
    ctx.font = "10px system-ui, sans-serif";
    ctx.textBaseline = "top";
    var every = Math.max(1, Math.ceil(60 / width)), lastEnd = -Infinity;
    for (var i = 0; i < count; i++) {
      var label = binLabel(i);
      var yearStart = byYear || label.slice(5, 7) === "01" || i === 0;
      if (i % every !== 0 && !yearStart) continue;
      var text = byYear || width * 12 < 60 ? label.slice(0, 4) : label, x = i * width;
      if (!yearStart && width * every < 60) continue;
      if (x < lastEnd + 6) continue;
      ctx.fillText(text, x, height + 2);
      lastEnd = x + ctx.measureText(text).width;
    }
  }

  // ---------- the period and the filter ----------
  function bounds(first, last) {  // the end bins reach as far as the dates clamped into them
    return [first === 0 && clipped.before ? "0000-01-01" : binStart(first),
            last === count - 1 && clipped.after ? "9999-12-31" : binEnd(last)];
  }
  function inPeriod(e) {
    if (!chosen) return true;
    var span = bounds(chosen[0], chosen[1]), lo = span[0], hi = span[1];
    return t.citations(e).some(function (c) { return c.date && c.date.end >= lo && c.date.start <= hi; });
  }
  // The page hides the entities a filter leaves without a drawn relation (unless "keep isolated" is ticked).
  t.addFilter("timeline", { edge: inPeriod });

  function choose(first, last) {
    chosen = first === null ? null : [Math.min(first, last), Math.max(first, last)];
    range.textContent = chosen ? t.dateLabel({ start: binStart(chosen[0]), end: binEnd(chosen[1]),
                                               precision: byYear ? "year" : "month" }) : "";
    strip.setAttribute("data-range", chosen ? bounds(chosen[0], chosen[1]).join("/") : "");
    draw();
    t.refresh();
  }

  canvas.addEventListener("mousedown", function (event) {
    var i = binAt(event.clientX);
    dragging = [i, i];
    draw();
    event.preventDefault();
  });
  window.addEventListener("mousemove", function (event) {
    if (!dragging) return;
    dragging[1] = binAt(event.clientX);
    draw();
  });
  window.addEventListener("mouseup", function () {
    if (!dragging) return;
    var span = dragging;
    dragging = null;
    choose(span[0], span[1]);
  });
  reset.addEventListener("click", function () { choose(null, null); });
  window.addEventListener("resize", draw);
  if (window.network) window.network.redraw();
  draw();

  // For tests and notebooks: the period as ISO dates, and a way to set it (dates snap to whole bins).
  t.timeline = {
    bins: function () {
      return bins.map(function (n, i) { var span = bounds(i, i); return { start: span[0], end: span[1], count: n }; });
    },
    range: function () { return chosen ? bounds(chosen[0], chosen[1]) : null; },
    setRange: function (start, end) {
      if (start === null) { choose(null, null); return; }
      choose(binOf(monthIndex(start)), binOf(monthIndex(end)));
    },
  };
})();
