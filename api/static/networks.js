// The network page: fetches /networks?format=json for the form's slice, lays the chosen
// window's network out with a small force-directed layout (Fruchterman–Reingold: springs
// along edges, repulsion between all nodes, a cooling step) and draws it as SVG.
// No library, no build step; the layout starts from a circle, so the same data gives the
// same picture. Labels are measured and kept inside the picture (placeLabel).
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var words = JSON.parse(document.getElementById("words").textContent);  // the page's language (api.i18n)
  var form = document.getElementById("network-form");
  var svg = document.getElementById("network");
  var slider = document.getElementById("window-slider");
  var status = document.getElementById("network-status");
  var networks = [];
  var PALETTE = ["#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f",
                 "#393b79", "#637939", "#8c6d31", "#843c39"];
  var EDGE = {congruence: "#2ca02c", conflict: "#d62728", "for": "#2ca02c", against: "#d62728", both: "#ff9900"};

  function params() {
    var out = new URLSearchParams();
    new FormData(form).forEach(function (value, key) { if (value !== "") out.set(key, value); });
    return out;
  }

  function fillNormalizations() {
    var select = form.elements.normalization;
    var type = form.elements.type.value;
    var two = type === "affiliation" || type === "actor-issue";
    var wanted = new URLSearchParams(location.search).get("normalization") || select.value;
    select.innerHTML = "";
    select.dataset[two ? "two" : "one"].split(",").forEach(function (n) {
      var option = document.createElement("option");
      option.value = n;
      option.textContent = words["norm_" + n] || n;
      option.selected = n === wanted;
      select.appendChild(option);
    });
  }

  function load() {
    var query = params();
    query.set("format", "json");
    status.textContent = words.loading;
    fetch(form.getAttribute("action") + "?" + query.toString(), {headers: {Accept: "application/json"}})
      .then(function (r) { return r.json().then(function (body) { return {ok: r.ok, body: body}; }); })
      .then(function (answer) {
        if (!answer.ok) { status.textContent = answer.body.error || words.error; return; }
        networks = answer.body.networks;
        slider.max = String(Math.max(networks.length - 1, 0));
        slider.value = "0";
        slider.disabled = networks.length < 2;
        status.textContent = networks.length ? "" : words.no_statements;
        show(0);
      });
  }

  function colour(node) {
    if (node.mode !== "actor") return "#ffffff";
    var key = node.party || node.kind || "";
    var h = 0;
    for (var i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
    return key ? PALETTE[h % PALETTE.length] : "#999999";
  }

  function layout(nodes, edges, width, height) {
    var n = nodes.length, pos = {}, k = Math.sqrt((width * height) / Math.max(n, 1)) * 0.6;
    nodes.forEach(function (node, i) {
      var a = (2 * Math.PI * i) / Math.max(n, 1);
      pos[node.id] = {x: width / 2 + (width / 3) * Math.cos(a), y: height / 2 + (height / 3) * Math.sin(a)};
    });
    var peak = Math.max.apply(null, edges.map(function (e) { return Math.abs(e.weight); }).concat([1e-9]));
    var t = width / 10;
    for (var step = 0; step < 250; step++) {
      var move = {};
      nodes.forEach(function (a) { move[a.id] = {x: 0, y: 0}; });
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var p = pos[nodes[i].id], q = pos[nodes[j].id];
          var dx = p.x - q.x, dy = p.y - q.y, d = Math.sqrt(dx * dx + dy * dy) || 0.01, f = (k * k) / d;
          move[nodes[i].id].x += (dx / d) * f; move[nodes[i].id].y += (dy / d) * f;
          move[nodes[j].id].x -= (dx / d) * f; move[nodes[j].id].y -= (dy / d) * f;
        }
      }
      edges.forEach(function (e) {
        var p = pos[e.source], q = pos[e.target];
        var dx = p.x - q.x, dy = p.y - q.y, d = Math.sqrt(dx * dx + dy * dy) || 0.01;
        var f = ((d * d) / k) * (0.2 + Math.abs(e.weight) / peak);  // stronger ties pull closer
        move[e.source].x -= (dx / d) * f; move[e.source].y -= (dy / d) * f;
        move[e.target].x += (dx / d) * f; move[e.target].y += (dy / d) * f;
      });
      nodes.forEach(function (a) {
        var m = move[a.id], len = Math.sqrt(m.x * m.x + m.y * m.y) || 1, p = pos[a.id];
        p.x = Math.min(width - 30, Math.max(30, p.x + (m.x / len) * Math.min(len, t)));
        p.y = Math.min(height - 20, Math.max(20, p.y + (m.y / len) * Math.min(len, t)));
      });
      t *= 0.97;
    }
    return pos;
  }

  function element(name, attrs, parent) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (key) { e.setAttribute(key, attrs[key]); });
    parent.appendChild(e);
    return e;
  }

  function show(index) {
    var net = networks[index];
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var label = document.getElementById("window-label");
    label.textContent = net && net.start ? net.start + " – " + net.end + " (" + (index + 1) + "/" + networks.length + ")" : "";
    if (!net) { ties(null); return; }
    var pos = layout(net.nodes, net.edges, 860, 560);
    var peak = Math.max.apply(null, net.edges.map(function (e) { return Math.abs(e.weight); }).concat([1e-9]));
    var edgeLayer = element("g", {"class": "edges"}, svg), nodeLayer = element("g", {"class": "nodes"}, svg);
    net.edges.forEach(function (e) {
      var kind = e.type || e.side;
      var line = element("line", {x1: pos[e.source].x, y1: pos[e.source].y, x2: pos[e.target].x, y2: pos[e.target].y,
        stroke: EDGE[kind] || "#999", "stroke-width": (1 + (5 * Math.abs(e.weight)) / peak).toFixed(2),
        "stroke-opacity": 0.7, "class": "edge " + kind, "data-weight": e.weight}, edgeLayer);
      element("title", {}, line).textContent = kindName(kind) + ": " + (+e.weight.toFixed(3));
    });
    net.nodes.forEach(function (node) {
      var g = element("g", {"class": "node " + node.mode, transform: "translate(" + pos[node.id].x.toFixed(1) + "," + pos[node.id].y.toFixed(1) + ")",
        "data-id": node.id}, nodeLayer);
      var r = 4 + Math.min(12, Math.sqrt(node.statements || 1) * 2);
      if (node.mode === "actor") element("circle", {r: r, fill: colour(node), stroke: "#333"}, g);
      else element("rect", {x: -r, y: -r, width: 2 * r, height: 2 * r, fill: colour(node), stroke: "#333"}, g);
      placeLabel(element("text", {x: r + 3, y: 4, "font-size": 11}, g), node.label, pos[node.id].x, r, 860);
      element("title", {}, g).textContent = node.label + (node.party ? " (" + node.party + ")" : node.kind ? " (" + node.kind + ")" : "");
    });
    ties(net);
  }

  // A label goes right of its node, or left (anchored at its end) when the right edge of the
  // picture is too near; a label wider than either side is cut to fit with "…" (the node's
  // <title> still says it whole). Measured in the browser, so any font and language fit.
  function placeLabel(text, label, x, r, width) {
    var gap = r + 3, margin = 2, right = width - margin - x - gap, left = x - gap - margin;
    text.textContent = label;
    var wide = text.getComputedTextLength();
    if (wide <= right) return;
    var room = Math.max(right, left);
    if (left >= right) { text.setAttribute("x", -gap); text.setAttribute("text-anchor", "end"); }
    if (wide <= room) return;
    for (var n = label.length - 1; n > 0 && text.getComputedTextLength() > room; n--)
      text.textContent = label.slice(0, n) + "…";
  }

  // an edge's kind (congruence, conflict; an affiliation's side) in the page's language
  function kindName(kind) {
    var names = {congruence: words.net_type_congruence, conflict: words.net_type_conflict,
                 "for": words.support, against: words.oppose, both: words.both};
    return names[kind] || kind;
  }

  function ties(net) {
    var body = document.querySelector("#ties tbody");
    body.innerHTML = "";
    if (!net) return;
    var labels = {};
    net.nodes.forEach(function (n) { labels[n.id] = n.label; });
    net.edges.slice().sort(function (a, b) { return Math.abs(b.weight) - Math.abs(a.weight); }).slice(0, 15)
      .forEach(function (e) {
        var row = body.insertRow();
        [labels[e.source], labels[e.target], +e.weight.toFixed(3), kindName(e.type || e.side)].forEach(function (v) {
          row.insertCell().textContent = v;
        });
      });
  }

  document.querySelectorAll("a[data-format]").forEach(function (a) {
    a.addEventListener("click", function () {
      var query = params();
      query.set("format", a.dataset.format);
      a.href = form.getAttribute("action") + "?" + query.toString();
    });
  });
  form.elements.type.addEventListener("change", fillNormalizations);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    history.replaceState(null, "", "?" + params().toString());
    load();
  });
  slider.addEventListener("input", function () { show(+slider.value); });
  fillNormalizations();
  load();
})();
