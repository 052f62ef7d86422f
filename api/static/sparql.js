// The SPARQL page: run the query with fetch(), show solutions as a table or a graph as text.
(function () {
  "use strict";
  const form = document.getElementById("query-form");
  const query = document.getElementById("query");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const examples = JSON.parse(document.getElementById("example-data").textContent);
  const endpoint = form.getAttribute("action");
  // the vocabulary's labels and where this server answers the project's IRIs (api.ui.result_terms)
  const terms = JSON.parse(document.getElementById("term-data").textContent);
  // the page's words in its language (api.i18n): the script writes none of its own
  const words = JSON.parse(document.getElementById("words").textContent);

  document.getElementById("examples").addEventListener("change", (e) => {
    const found = examples.find((x) => x.name === e.target.value);
    if (found) { query.value = found.query; updateDownloads(); }
  });

  function isGraphQuery(text) {
    const body = text.replace(/#[^\n]*/g, "").replace(/(PREFIX\s+\S*:\s*<[^>]*>|BASE\s*<[^>]*>)/gi, "");
    return /^\s*(CONSTRUCT|DESCRIBE)/i.test(body);
  }

  function updateDownloads() {
    for (const a of document.querySelectorAll("#downloads a")) {
      a.href = endpoint + "?" + new URLSearchParams({ query: query.value, format: a.dataset.format, download: "1" });
    }
  }
  query.addEventListener("input", updateDownloads);
  updateDownloads();

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    const label = term.type === "uri" ? terms.labels[term.value] : undefined;
    const local = term.type === "uri" ? terms.links.find(([prefix]) => term.value.startsWith(prefix)) : undefined;
    if (local) {  // a resource of this graph: its page here, named by its local id
      const a = document.createElement("a");
      a.href = local[1] + term.value.slice(local[0].length);
      a.textContent = label || decodeURIComponent(term.value.slice(local[0].length)); a.title = term.value;
      td.appendChild(a);
    } else if (label) {  // a term of the vocabulary (sp:Oppose): its label, the IRI as tooltip
      td.textContent = label; td.title = term.value;
    } else if (term.type === "uri" && /^https?:\/\//i.test(term.value)) {  // javascript:, data: … stay text
      const a = document.createElement("a");
      a.href = term.value; a.textContent = term.value; td.appendChild(a);
    } else {
      td.textContent = term.value;
      if (term["xml:lang"]) td.title = "@" + term["xml:lang"];
      else if (term.datatype) td.title = term.datatype;
    }
    return td;
  }

  function table(json) {
    const t = document.createElement("table");
    t.className = "results";
    const head = t.createTHead().insertRow();
    for (const v of json.head.vars) {
      // a variable of the query: code, in no language of the page
      const th = document.createElement("th"); const code = document.createElement("code");
      code.textContent = v; th.appendChild(code); head.appendChild(th);
    }
    const body = t.createTBody();
    for (const b of json.results.bindings) {
      const tr = body.insertRow();
      for (const v of json.head.vars) tr.appendChild(cell(b[v]));
    }
    return t;
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const graph = isGraphQuery(query.value);
    status.textContent = words.running;
    results.replaceChildren();
    const started = performance.now();
    try {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/sparql-query",
                   "Accept": graph ? "text/turtle" : "application/sparql-results+json" },
        body: query.value,
      });
      const ms = Math.round(performance.now() - started);
      if (!response.ok) {
        const problem = await response.json().catch(() => ({ error: response.statusText }));
        status.textContent = words.error + " " + response.status;
        const pre = document.createElement("pre"); pre.className = "error";
        pre.textContent = [problem.error].concat(problem.errors || []).join("\n");
        results.appendChild(pre);
        return;
      }
      if (graph) {
        const pre = document.createElement("pre"); pre.textContent = await response.text();
        results.appendChild(pre);
        status.textContent = ms + " ms";
        return;
      }
      const json = await response.json();
      if ("boolean" in json) {
        results.textContent = json.boolean ? words.yes_true : words.no_false;
      } else {
        results.appendChild(table(json));
      }
      status.textContent = (json.results ? json.results.bindings.length + " " + words.rows + " · " : "") + ms + " ms";
    } catch (err) {
      status.textContent = words.network_error + ": " + err;
    }
  });
})();
