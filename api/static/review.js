// The review page of one article: the machine's positions beside the text, and per position
// confirm / reject / correct, plus positions added for a chosen sentence. Everything goes
// through the JSON API (GET /articles/{id}/review, POST and DELETE /articles/{id}/decisions)
// with the coder's token, which stays in sessionStorage (this tab only). After every write
// the page reads the review again, so what it shows is what the store holds.
// No library, no build step.
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("review-data").textContent);
  var W = JSON.parse(document.getElementById("words").textContent);
  DATA.actors = DATA.actors.map(function (row) { return {name: row[0], type: row[1], iri: row[2]}; });
  var KEY = "standpunkt-review-token";
  var KIND_STATUS = {confirm: "st_confirmed", reject: "st_rejected", correct: "st_corrected", add: "st_added"};
  var base = "/articles/" + encodeURIComponent(DATA.article);
  var list = document.getElementById("positions");
  var textBox = document.getElementById("review-text");
  var statusLine = document.getElementById("review-status");
  var sentences = Array.prototype.slice.call(textBox.querySelectorAll(".sentence"));
  var token = sessionStorage.getItem(KEY) || "";
  var review = null, items = [], current = 0, picked = null, form = null;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  // the server's messages are English: marked so, as the error pages mark them
  function say(message, bad, server) {
    statusLine.textContent = message || "";
    statusLine.classList.toggle("error", !!bad);
    if (server) statusLine.setAttribute("lang", "en"); else statusLine.removeAttribute("lang");
  }

  function refused(answer) { say(answer.status + ": " + (answer.body.error || W.error), true, !!answer.body.error); }

  function user() { return token ? token.split(".")[0] : null; }

  function api(method, path, body) {
    var headers = {Accept: "application/json"};
    if (token) headers.Authorization = "Bearer " + token;
    if (body) headers["Content-Type"] = "application/json";
    return fetch(path, {method: method, headers: headers, body: body ? JSON.stringify(body) : undefined})
      .then(function (r) {
        if (r.status === 204) return {ok: true, status: 204, body: null};
        return r.json().then(function (b) { return {ok: r.ok, status: r.status, body: b}; },
                             function () { return {ok: r.ok, status: r.status, body: {error: r.statusText}}; });
      });
  }

  // ---- the sign-in form ----------------------------------------------------------------
  function showAuth() {
    document.getElementById("auth-state").textContent = token ? W.signed_in_as + " " + user() : W.not_signed_in;
    document.getElementById("token").parentNode.hidden = !!token;
    document.getElementById("sign-in").hidden = !!token;
    document.getElementById("sign-out").hidden = !token;
  }
  document.getElementById("review-auth").addEventListener("submit", function (e) {
    e.preventDefault();
    token = document.getElementById("token").value.trim();
    if (token) sessionStorage.setItem(KEY, token);
    document.getElementById("token").value = "";
    showAuth();
  });
  document.getElementById("sign-out").addEventListener("click", function () {
    token = "";
    sessionStorage.removeItem(KEY);
    showAuth();
  });

  // ---- what is shown: one item per machine position, plus coded positions without one ---
  function latest(decisions) {
    return decisions.slice().sort(function (a, b) {
      return a.time === b.time ? (a.iri < b.iri ? -1 : 1) : (a.time < b.time ? -1 : 1);
    }).pop() || null;
  }

  function buildItems() {
    var byId = {}, conflicts = {}, out = [];
    review.decisions.forEach(function (d) { byId[d.id] = d; });
    review.conflicts.forEach(function (c) { conflicts[c.decision] = c; });
    review.positions.forEach(function (p) {
      var decisions = (p.decisions || []).map(function (id) { return byId[id]; }).filter(Boolean);
      var win = latest(decisions);
      out.push({key: p.iri, machine: p, decisions: decisions, win: win, status: p.status,
                shown: win && win.result && (p.status === "corrected" || p.status === "added") ? win.result : p,
                conflict: decisions.map(function (d) { return conflicts[d.id]; }).filter(Boolean)[0] || null});
    });
    review.decisions.forEach(function (d) {  // coded positions that name no machine position
      if (d.result && !(d.targets || []).length)
        out.push({key: d.id, machine: null, decisions: [d], win: d, shown: d.result,
                  status: d.kind === "add" ? "added" : "corrected", conflict: conflicts[d.id] || null});
    });
    out.sort(function (a, b) { return a.shown.start - b.shown.start || (a.key < b.key ? -1 : 1); });
    return out;
  }

  function label(node) { return node ? node.label || node.iri || "" : ""; }

  function renderItem(item, index) {
    var p = item.shown, li = el("li", {className: "review-item status-" + item.status + (index === current ? " current" : ""),
                                        "data-index": index, "data-status": item.status, tabindex: "-1"});
    var head = el("div", {className: "item-head"}, [
      el("span", {className: "badge status", text: W["st_" + item.status] || item.status}),
      item.conflict ? el("span", {className: "badge conflict", text: W.conflict, title: item.conflict.message}) : null,
      item.win ? el("span", {className: "meta", text: W.by + " " + item.win.reviewer}) : null]);
    var body = el("div", {className: "item-body"}, [
      el("strong", {className: "actor", text: label(p.actor)}), " ",
      el("span", {className: "side " + (p.side || ""), text: p.side ? DATA.sides[p.side] || p.side : ""}), " · ",
      el("span", {className: "act", text: DATA.acts[p.act] || p.act || ""}),
      el("div", {className: "claim", text: p.claim ? "„" + p.claim + "“" : ""}),
      el("div", {className: "meta", text: [W.proposition + ": " + (label(p.proposition) || W.none),
                                            W.topic + ": " + (label(p.topic) || W.none),
                                            W.date + ": " + (p.date || W.none)].join(" · ")})]);
    if (item.machine && item.shown !== item.machine) {
      var m = item.machine;
      body.appendChild(el("div", {className: "meta was", text: W.machine_said + ": " + [label(m.actor), DATA.sides[m.side] || "",
        DATA.acts[m.act] || m.act, m.claim].join(" · ")}));
    }
    if (item.conflict) body.appendChild(el("div", {className: "conflict-text", text: conflictText(item.conflict)}));
    var actions = el("div", {className: "item-actions"}, [
      item.machine ? button("confirm", W.confirm + " (c)") : null, item.machine ? button("reject", W.reject + " (r)") : null,
      item.machine || ownAdd(item) ? button("edit", W.edit + " (e)") : null,
      own(item) ? button("undo", W.undo + " (u)") : null]);
    li.appendChild(head);
    li.appendChild(body);
    li.appendChild(actions);
    if (form && form.index === index) li.appendChild(form.node);
    return li;
  }

  function button(action, text) { return el("button", {type: "button", className: "secondary", "data-action": action, text: text}); }

  // a position this coder added, without a machine position: editing it is adding it anew
  function ownAdd(item) { return !item.machine && item.win && item.win.kind === "add" && item.win.reviewer === user(); }

  // the new addition first, then the old one undone: a refused addition leaves the old in place
  function replaceAdded(item, fields) {
    if (!token) { say(W.need_token, true); return; }
    api("POST", base + "/decisions", {kind: "add", sentence: {start: item.shown.start, end: item.shown.end},
                                      fields: fields}).then(function (answer) {
      if (!answer.ok) { refused(answer); return; }
      send("DELETE", base + "/decisions/" + encodeURIComponent(item.win.id), null, null);
    });
  }

  function own(item) { return item.decisions.some(function (d) { return d.reviewer === user(); }); }

  function actorName(iri) {
    var known = DATA.actors.filter(function (a) { return a.iri === iri; })[0];
    return known ? known.name : String(iri || "").split("/").pop();
  }

  function conflictText(c) { return (W["conflict_" + c.reason] || c.reason) + (c.message ? " — " + c.message : ""); }

  function render() {
    items = buildItems();
    current = Math.min(current, Math.max(items.length - 1, 0));
    list.innerHTML = "";
    items.forEach(function (item, i) { list.appendChild(renderItem(item, i)); });
    if (!items.length) list.appendChild(el("li", {className: "meta", text: W.review_none}));
    if (form && form.index === -1) list.appendChild(el("li", {className: "review-item adding"}, [form.node]));
    var box = document.getElementById("conflicts"), ul = box.querySelector("ul");
    ul.innerHTML = "";
    review.conflicts.forEach(function (c) {
      var d = review.decisions.filter(function (x) { return x.id === c.decision; })[0] || {};
      ul.appendChild(el("li", {"data-decision": c.decision}, [
        [W[KIND_STATUS[d.kind]] || d.kind, actorName(d.result ? d.result.actor.iri : d.actor), W.by + " " + d.reviewer, conflictText(c)].join(" · "),
        d.sentence ? el("div", {className: "meta", text: "„" + textOf(d.sentence) + "“"}) : null,
        d.reviewer === user() ? el("button", {type: "button", className: "secondary", "data-decision": d.id, text: W.undo}) : null]));
    });
    box.hidden = !review.conflicts.length;
    mark();
  }

  function mark() {
    sentences.forEach(function (s) {
      var start = +s.dataset.start, end = +s.dataset.end, hits = [];
      items.forEach(function (item, i) { if (item.shown.start < end && item.shown.end > start) hits.push(i); });
      s.className = "sentence" + (hits.length ? " evidence" : "") + (hits.indexOf(current) >= 0 ? " current" : "")
        + (picked && start >= picked.start && end <= picked.end ? " picked" : "");
      s.dataset.items = hits.join(" ");
    });
  }

  function load(keep) {
    return api("GET", base + "/review").then(function (answer) {
      if (!answer.ok) { refused(answer); return; }
      review = answer.body;
      if (keep) {
        var found = buildItems().map(function (x) { return x.key; }).indexOf(keep);
        if (found >= 0) current = found;
      }
      render();
    });
  }

  // ---- decisions -------------------------------------------------------------------------
  function send(method, path, body, item) {
    if (!token) { say(W.need_token, true); return Promise.resolve(); }
    return api(method, path, body).then(function (answer) {
      if (!answer.ok) { refused(answer); return; }
      form = null;
      say(W.saved);
      return load(item ? item.key : null);
    });
  }

  function decide(kind) {
    var item = items[current];
    if (!item || !item.machine) return;
    send("POST", base + "/decisions", {kind: kind, position: item.machine.iri}, item);
  }

  function undo() {
    var item = items[current];
    var mine = item ? item.decisions.filter(function (d) { return d.reviewer === user(); }) : [];
    if (!mine.length) return;
    send("DELETE", base + "/decisions/" + encodeURIComponent(latest(mine).id), null, item);
  }

  // ---- the edit and add form -------------------------------------------------------------
  function field(name, control) { return el("label", {className: "field"}, [W[name] + " ", control]); }

  function select(name, options, value) {
    var s = el("select", {name: name});
    options.forEach(function (o) {
      var opt = el("option", {value: o[0], text: o[1]});
      if (o[0] === (value || "")) opt.selected = true;
      s.appendChild(opt);
    });
    return s;
  }

  function openForm(mode) {
    var item = mode === "edit" ? items[current] : null;
    if (mode === "edit" && (!item || !(item.machine || ownAdd(item)))) return;
    if (mode === "add" && !picked) { say(W.pick_sentence, true); return; }
    var p = item ? item.shown : {};
    var sides = [["", W.none], ["support", DATA.sides.support], ["oppose", DATA.sides.oppose]];
    var actor = label(p.actor), known = DATA.actors.filter(function (a) { return a.name === actor; })[0];
    var node = el("form", {className: "review-form", autocomplete: "off"}, [
      mode === "add" ? el("p", {className: "meta", text: W.sentence + ": " + textOf(picked)}) : null,
      field("actor", el("input", {name: "actor", list: "actor-names", value: actor, required: "required"})),
      field("actor_type", select("actor_type", [["person", W.person], ["organization", W.organization]],
                                 known ? known.type : "person")),
      field("side", select("side", sides, p.side)), field("stance", select("stance", sides, p.stance)),
      field("act", select("act", [["", W.none]].concat(Object.keys(DATA.acts).map(function (k) { return [k, DATA.acts[k]]; })), p.act)),
      field("claim", el("input", {name: "claim", value: p.claim || "", size: "40"})),
      field("proposition", el("input", {name: "proposition", list: "issue-names", value: label(p.proposition), size: "30"})),
      field("topic", select("topic", [["", W.none]].concat(DATA.topics.map(function (t) { return [t.iri, t.label]; })),
                            p.topic ? p.topic.iri : "")),
      field("date", el("input", {name: "date", value: p.date || (mode === "add" ? DATA.date || "" : ""), size: "10",
                                 placeholder: W.date_help, title: W.date_help})),
      el("div", {className: "item-actions"}, [el("button", {type: "submit", text: W.save}),
                                              el("button", {type: "button", className: "secondary", "data-action": "cancel", text: W.cancel})])]);
    node.addEventListener("submit", function (e) {
      e.preventDefault();
      var fields = collect(node, item ? item.machine : null);
      if (mode === "edit" && item.machine)
        send("POST", base + "/decisions", {kind: "correct", position: item.machine.iri, fields: fields}, item);
      else if (mode === "edit") replaceAdded(item, fields);
      else send("POST", base + "/decisions", {kind: "add", sentence: {start: picked.start, end: picked.end}, fields: fields});
    });
    form = {index: mode === "edit" ? current : -1, node: node};
    render();
    node.querySelector("input").focus();
  }

  function textOf(span) { return sentences.filter(function (s) { return +s.dataset.start >= span.start && +s.dataset.end <= span.end; })
    .map(function (s) { return s.textContent; }).join(" "); }

  // the form's values as API fields; for a correction only those that differ from the machine's
  function collect(node, machine) {
    var v = function (name) { return node.elements[name].value.trim(); };
    var out = {}, name = v("actor"), known = DATA.actors.filter(function (a) { return a.name === name; })[0];
    var issue = DATA.issues.filter(function (c) { return c.label === v("proposition"); })[0];
    var was = machine || {};
    if (name && name !== label(was.actor)) out.actor = known && known.iri ? known.iri : {name: name, type: v("actor_type")};
    ["side", "stance", "act", "claim"].forEach(function (k) { if (v(k) && v(k) !== (was[k] || "")) out[k] = v(k); });
    if (v("proposition") && v("proposition") !== label(was.proposition)) {
      if (issue) out.issue = issue.iri;
      else { out.proposition = slug(v("proposition")); out.proposition_label = v("proposition"); }
    }
    if (v("topic") !== (was.topic ? was.topic.iri : "") && v("topic")) out.topic = v("topic");
    if (v("date") !== (was.date || "") && (machine || v("date"))) out.date = v("date") || null;
    return out;
  }

  function slug(text) {
    return "free-" + text.toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").split("-").slice(0, 3).join("-");
  }

  // ---- choosing: items by click and j/k, sentences by click or selection ------------------
  function move(to) {
    if (!items.length) return;
    current = Math.max(0, Math.min(items.length - 1, to));
    render();
    var li = list.querySelector("li.current");
    if (li) { li.focus({preventScroll: true}); li.scrollIntoView({block: "nearest"}); }
  }

  list.addEventListener("click", function (e) {
    var li = e.target.closest("li.review-item");
    if (li && li.dataset.index !== undefined && e.target.closest("form") === null) current = +li.dataset.index;
    var action = e.target.dataset ? e.target.dataset.action : null;
    if (action === "cancel") { form = null; render(); return; }
    if (action) { act(action); return; }
    if (li && !e.target.closest("form")) render();
  });

  function act(action) {
    if (action === "confirm" || action === "reject") decide(action);
    else if (action === "edit") openForm("edit");
    else if (action === "undo") undo();
    else if (action === "add") openForm("add");
  }

  textBox.addEventListener("mouseup", function () {
    var selection = window.getSelection(), chosen = [];
    sentences.forEach(function (s) { if (selection && !selection.isCollapsed && selection.containsNode(s, true)) chosen.push(s); });
    if (!chosen.length) {
      var one = selection && selection.anchorNode && selection.anchorNode.parentNode.closest(".sentence");
      if (one) chosen = [one];
    }
    if (!chosen.length) return;
    picked = {start: +chosen[0].dataset.start, end: +chosen[chosen.length - 1].dataset.end};
    var hits = (chosen[0].dataset.items || "").split(" ").filter(Boolean);
    if (hits.length) current = +hits[0];
    render();
  });

  // s / S: the next or previous sentence becomes the chosen one (from the current position's)
  function step(by) {
    var starts = sentences.map(function (s) { return +s.dataset.start; });
    var from = picked ? picked.start : (items[current] ? items[current].shown.start : -1);
    var at = starts.indexOf(from);
    var next = sentences[at < 0 ? (by > 0 ? 0 : sentences.length - 1) : Math.max(0, Math.min(sentences.length - 1, at + by))];
    if (!next) return;
    picked = {start: +next.dataset.start, end: +next.dataset.end};
    render();
    next.scrollIntoView({block: "nearest"});
  }

  document.getElementById("conflicts").addEventListener("click", function (e) {
    var id = e.target.dataset ? e.target.dataset.decision : null;
    if (id && e.target.tagName === "BUTTON") send("DELETE", base + "/decisions/" + encodeURIComponent(id), null, null);
  });

  document.getElementById("add").addEventListener("click", function () { openForm("add"); });

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && form) { form = null; render(); return; }
    if (e.target.closest("input, select, textarea") || e.ctrlKey || e.metaKey || e.altKey) return;
    var keys = {j: function () { move(current + 1); }, k: function () { move(current - 1); },
                c: function () { act("confirm"); }, r: function () { act("reject"); }, e: function () { act("edit"); },
                u: function () { act("undo"); }, a: function () { act("add"); },
                s: function () { step(1); }, S: function () { step(-1); }};
    if (keys[e.key]) { e.preventDefault(); keys[e.key](); }
  });

  function fillList(id, names) {
    var list = document.getElementById(id);
    names.forEach(function (name) { list.appendChild(el("option", {value: name})); });
  }

  fillList("actor-names", DATA.actors.map(function (a) { return a.name; }));
  fillList("issue-names", DATA.issues.map(function (c) { return c.label; }));
  showAuth();
  say(W.loading);
  load().then(function () { if (statusLine.textContent === W.loading) say(""); });
})();
