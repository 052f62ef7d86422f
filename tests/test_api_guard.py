"""api.guard and the endpoint's refusals: SERVICE and LOAD, nesting, GET updates, worker safety.

The obfuscation table is checked twice: Oxigraph itself must treat each row as a real
SERVICE call (it sends a request to a local listener), and the endpoint must refuse the
same text with 403 without any request reaching the listener.
"""
from __future__ import annotations

import http.server
import re
import subprocess
import sys
import threading

import pyoxigraph as ox
import pytest

from api import guard
from api_fixtures import *  # noqa: F401,F403 (fixtures)
from api_fixtures import TOKEN, _app, dataset
from kg.sparql_text import mentions

AUTH = {"Authorization": f"Bearer {TOKEN}"}


class Listener:
    """A local HTTP server that records every request made to it (the SSRF target)."""

    def __init__(self):
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def _record(self):
                hits.append(self.path)
                self.send_response(500)
                self.end_headers()

            do_GET = do_POST = _record

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/sparql"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def listener():
    server = Listener()
    yield server
    server.close()


# {url} is the listener. Each row hides SERVICE from a naive text check in another way.
OBFUSCATED_SERVICE = {
    "escaped # in a prefixed name": "PREFIX ex: <http://x/> SELECT * WHERE { BIND(ex:a\\# AS ?x) "
                                    "SERVICE <{url}> { ?s ?p ?o } }",
    "escaped # then newline": "PREFIX ex: <http://x/> SELECT * WHERE { BIND(ex:a\\#b AS ?x)\n"
                              "SERVICE <{url}> { ?s ?p ?o } }",
    "lower case": "select * where { service <{url}> { ?s ?p ?o } }",
    "mixed case, SILENT": "SELECT * WHERE { SeRvIcE SILENT <{url}> { ?s ?p ?o } }",
    "no spaces": "SELECT*{SERVICE<{url}>{?s?p?o}}",
    "after a comment line": "# a comment { \"\nSELECT * WHERE { # SERVICE?\nSERVICE <{url}> { ?s ?p ?o } }",
    "after an IRI holding #": "SELECT * WHERE { BIND(<http://x/#a> AS ?x) SERVICE <{url}> { ?s ?p ?o } }",
    "after a string holding #": "SELECT * WHERE { BIND(\"# \\\" '\" AS ?x) SERVICE <{url}> { ?s ?p ?o } }",
    "after a long string": "SELECT * WHERE { BIND('''a\n# b''' AS ?x) SERVICE <{url}> { ?s ?p ?o } }",
    "after an escaped quote in a name": "PREFIX ex: <http://x/> SELECT * WHERE { BIND(ex:it\\'s AS ?x) "
                                        "SERVICE <{url}> { ?s ?p ?o } }",
    "in a UNION branch": "SELECT * WHERE { { BIND(1 AS ?x) } UNION { SERVICE <{url}> { ?s ?p ?o } } }",
    "in a subquery": "SELECT * WHERE { { SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } } } }",
    "inside OPTIONAL": "ASK { BIND(1 AS ?one) OPTIONAL { SERVICE <{url}> { ?s ?p ?o } } }",
}

HARMLESS = {
    "a string": 'SELECT * WHERE { ?s ?p "SERVICE <http://x/> { }" } LIMIT 1',
    "a variable": "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
    "a prefixed name": "PREFIX ex: <http://x/> SELECT * WHERE { ?s ex:SERVICE ?o . ?s ex:load ?x } LIMIT 1",
    "a comment": "# SERVICE <http://x/> { }\nSELECT * WHERE { ?s ?p ?o } LIMIT 1",
    "an IRI": "SELECT * WHERE { ?s <http://x/SERVICE#LOAD> ?o } LIMIT 1",
    "a language tag": 'SELECT * WHERE { BIND("x"@service AS ?x) }',
}


@pytest.mark.parametrize("name", list(OBFUSCATED_SERVICE))
def test_guard_obfuscated_service_is_real_for_oxigraph(name, listener):
    before = len(listener.hits)
    try:  # the listener answers 500, an error unless SILENT
        result = ox.Store().query(OBFUSCATED_SERVICE[name].replace("{url}", listener.url))
        bool(result) if isinstance(result, ox.QueryBoolean) else list(result)
    except OSError:
        pass
    assert len(listener.hits) > before


@pytest.mark.parametrize("name", list(OBFUSCATED_SERVICE))
@pytest.mark.parametrize("method", ["GET", "POST-body"])
def test_guard_obfuscated_service_is_refused(name, method, client, listener):
    query = OBFUSCATED_SERVICE[name].replace("{url}", listener.url)
    before = len(listener.hits)
    if method == "GET":
        response = client.get("/sparql", query_string={"query": query})
    else:
        response = client.post("/sparql", data=query.encode(), content_type="application/sparql-query")
    assert response.status_code == 403, response.data[:200]
    assert "--allow-service" in response.get_json()["error"]
    assert len(listener.hits) == before


@pytest.mark.parametrize("name", list(HARMLESS))
def test_guard_words_in_strings_names_and_comments_are_not_service(name, client):
    assert guard.calls_out(HARMLESS[name]) is False
    assert client.get("/sparql", query_string={"query": HARMLESS[name]}).status_code == 200


def test_guard_codepoint_escapes_are_expanded_before_looking():
    assert guard.calls_out("SELECT * WHERE { \\u0053ERVICE <http://x/> { } }")
    assert guard.calls_out("LO\\U00000041D <http://x/>")


def test_guard_parse_tree_second_opinion():
    assert guard.parse_tree_calls_out("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }")
    assert guard.parse_tree_calls_out("LOAD <http://x/> INTO GRAPH <http://y/>")
    assert not guard.parse_tree_calls_out('SELECT * WHERE { ?s ?p "SERVICE" }')
    assert not guard.parse_tree_calls_out("not SPARQL at all { SERVICE")  # no opinion; tokens decide


def test_guard_unparsable_for_rdflib_decided_by_tokens():
    """rdflib cannot parse `ex:a\\#`; Oxigraph can. The tokens refuse only a real keyword."""
    hidden = "PREFIX ex: <http://x/> SELECT * WHERE { BIND(ex:a\\# AS ?x) SERVICE <http://y/> { } }"
    harmless = "PREFIX ex: <http://x/> SELECT * WHERE { BIND(ex:a\\# AS ?x) ?s ex:service 'load' }"
    assert not guard.parse_tree_calls_out(hidden) and guard.calls_out(hidden)
    assert not guard.parse_tree_calls_out(harmless) and not guard.calls_out(harmless)


@pytest.mark.parametrize("update", [
    "LOAD <{url}>",
    "load silent <{url}> into graph <http://x/g>",
    "INSERT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "PREFIX ex: <http://x/> INSERT { ?s ?p ?o } WHERE { BIND(ex:a\\# AS ?x) SERVICE <{url}> { ?s ?p ?o } }",
    "DELETE WHERE { ?s ?p ?o } ; LOAD <{url}>",
])
def test_guard_updates_may_not_fetch(update, writable_app, writable_store, listener):
    before, hits = dataset(writable_store), len(listener.hits)
    response = writable_app.test_client().post("/sparql/update", data={"update": update.replace("{url}", listener.url)},
                                               headers=AUTH)
    assert response.status_code == 403, response.data[:200]
    assert len(listener.hits) == hits
    assert len(dataset(writable_store)) == len(before) and set(dataset(writable_store)) == set(before)


@pytest.mark.embedded_only
def test_guard_allow_service_lets_the_engine_call_out(api_store, listener):
    app = _app(api_store, ALLOW_SERVICE=True)
    try:
        before = len(listener.hits)
        response = app.test_client().get("/sparql", query_string={
            "query": OBFUSCATED_SERVICE["lower case"].replace("{url}", listener.url)})
        assert response.status_code == 400 and len(listener.hits) > before  # called; the listener fails
    finally:
        app.extensions["standpunkt"].close()


@pytest.mark.parametrize("text, expected", [
    ("SELECT * { SERVICE <http://x/> {} }", True), ("select * { service <http://x/> {} }", True),
    ("LOAD <http://x/>", True), ("SERV\u0130CE", True), ("\u017fervice", True), ("serv\u0131ce", True),
    ("SERVIC <http://x/>", False), ("SELECT * { ?s ?p ?o }", False), ("l\u00f6ad", False),
])
def test_guard_mentions_folds_case_as_a_case_insensitive_regex_does(text, expected):
    """The cheap first test for SERVICE and LOAD misses nothing that re.IGNORECASE would find."""
    assert mentions(text, ("SERVICE", "LOAD")) is expected
    assert bool(re.search("service|load", text, re.IGNORECASE)) is expected


# ---- nesting ---------------------------------------------------------------------------------

DEEP = {
    "groups": "ASK " + "{" * 5000 + "}" * 5000,
    "parentheses": "ASK { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
    "blank nodes": "ASK { ?s <http://x/p> " + "[ <http://x/p> " * 300 + "1" + " ]" * 300 + " }",
    "chained operators": "ASK { FILTER(" + "+".join(["1"] * 10_000) + " > 0) }",
    "chained unions": "ASK { " + " UNION ".join(["{ ?s ?p ?o }"] * 10_000) + " }",
    "chained patterns": "ASK { " + " . ".join(["?s ?p ?o"] * 10_000) + " }",
    "chained keywords": "ASK { ?s ?p ?o" + " BIND" * 1100 + " }",  # few brackets: only the words count
}


@pytest.mark.parametrize("name", list(DEEP))
def test_guard_deep_query_is_400_before_parsing(name, client):
    response = client.get("/sparql", query_string={"query": DEEP[name]})
    assert response.status_code == 400, response.data[:200]
    assert str(guard.MAX_NESTING) in response.get_json()["error"] or str(guard.MAX_TERMS) in response.get_json()["error"]
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200


def test_guard_deep_update_is_400_and_the_server_lives(writable_app, writable_store):
    before = dataset(writable_store)
    update = "DELETE { ?s ?p ?o } WHERE " + "{" * 5000 + "?s ?p ?o" + "}" * 5000
    response = writable_app.test_client().post("/sparql/update", data=update, headers=AUTH,
                                               content_type="application/sparql-update")
    assert response.status_code == 400
    assert set(dataset(writable_store)) == set(before)


def test_guard_limits_leave_the_engine_room():
    """The deepest shapes the guard lets through run in Oxigraph (in a thread, as the server
    would) without overflowing its stack."""
    inner = "+".join(["1"] * (guard.MAX_TERMS - guard.MAX_NESTING - 10))
    deep_group = "ASK " + "{ ?s ?p ?o " * (guard.MAX_NESTING - 2) + "{ FILTER(" + inner + " > 0) }" \
        + "}" * (guard.MAX_NESTING - 2)
    deep_update = "DELETE { ?s ?p ?o } WHERE " + deep_group[4:]
    parens = "ASK { FILTER(" + "(" * (guard.MAX_NESTING - 3) + "1" + ")" * (guard.MAX_NESTING - 3) + ") }"
    for text in (deep_group, deep_update, parens):
        guard.check_nesting(text)
    script = ("import sys, threading, pyoxigraph as ox\n"
              "texts = sys.stdin.read().split('\\0')\n"
              "def run():\n"
              "    s = ox.Store(); s.query(texts[0]); s.update(texts[1]); s.query(texts[2]); print('ok')\n"
              "t = threading.Thread(target=run); t.start(); t.join()\n")
    done = subprocess.run([sys.executable, "-c", script], input="\0".join([deep_group, deep_update, parens]),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-500:]


@pytest.mark.embedded_only
def test_guard_update_crash_costs_a_worker_not_the_server(writable_app, writable_store, monkeypatch):
    """With the limits lifted, a stack-overflowing update dies in the dry run's worker:
    the answer is 503, this process (the server) lives, the store is unchanged."""
    monkeypatch.setattr(guard, "MAX_NESTING", 10**6)
    monkeypatch.setattr(guard, "MAX_TERMS", 10**6)
    before = dataset(writable_store)
    client = writable_app.test_client()
    update = "DELETE { ?s ?p ?o } WHERE " + "{" * 5000 + "?s ?p ?o" + "}" * 5000
    response = client.post("/sparql/update", data={"update": update}, headers=AUTH)
    assert response.status_code == 503 and "worker" in response.get_json()["error"]
    assert set(dataset(writable_store)) == set(before)
    assert client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"}).get_json()["boolean"] is True
    good = client.post("/sparql/update", data={"update": "INSERT DATA { <http://x/a> <http://x/b> 1 }"}, headers=AUTH)
    assert good.status_code == 204


@pytest.mark.embedded_only
def test_guard_update_syntax_error_is_400_from_the_dry_run(writable_app, writable_store):
    before = dataset(writable_store)
    response = writable_app.test_client().post("/sparql/update", data={"update": "INSERT DATA { <a> }"},
                                               headers=AUTH)
    assert response.status_code == 400
    assert set(dataset(writable_store)) == set(before)


@pytest.mark.embedded_only
def test_guard_graph_management_passes_the_dry_run(writable_app, writable_store):
    """The dry run's store is empty: DROP GRAPH of a graph that exists only in the real store
    must still pass, and a missing graph is the real run's 400."""
    client = writable_app.test_client()
    graph = writable_store.graph_names()[0]
    assert client.post("/sparql/update", data={"update": f"DROP GRAPH <{graph}>"}, headers=AUTH).status_code == 204
    assert graph not in writable_store.graph_names()
    missing = client.post("/sparql/update", data={"update": "CLEAR GRAPH <urn:none>"}, headers=AUTH)
    assert missing.status_code == 400 and "does not exist" in missing.get_json()["error"]


# ---- protocol -----------------------------------------------------------------------------------

def test_guard_get_must_not_update(writable_app, writable_store):
    before = dataset(writable_store)
    response = writable_app.test_client().get("/sparql", query_string={"update": "DELETE WHERE { ?s ?p ?o }"},
                                              headers=AUTH)
    assert response.status_code == 405 and response.headers["Allow"] == "POST"
    assert set(dataset(writable_store)) == set(before) and len(before) > 0


@pytest.mark.embedded_only
@pytest.mark.parametrize("param", ["default-graph-uri", "named-graph-uri"])
def test_guard_bad_graph_iri_is_400_and_no_worker_dies(param, app, client):
    executor = app.extensions["standpunkt"].executor
    pids = {w.process.pid for w in executor._all}
    response = client.get("/sparql", query_string={"query": "ASK {}", param: "null"})
    assert response.status_code == 400
    assert {w.process.pid for w in executor._all} == pids and all(w.alive() for w in executor._all)


# ---- the lexer (kg.sparql_text) as the guard reads it -------------------------------------------

# text -> whether it calls out; each decision as the guard's own tokenizer took it before it
# read kg.sparql_text's lexemes (the decisions must not change with the lexer)
TRICKY_CALLS_OUT = {
    "# SERVICE <http://x/> { }\nASK {}": False,
    "# a comment to CR\rSERVICE <http://x/> { }": True,
    'ASK { ?s ?p "SERVICE" . ?s ?p """LOAD\n<http://x/>""" }': False,
    "ASK { ?s ?p 'it\\'s' SERVICE <http://x/> { } }": True,
    "ASK { ?s <http://x/SERVICE> <http://x/#LOAD> }": False,
    "PREFIX ex: <http://x/> ASK { ?s ex:SERVICE ex:LOAD . ?s :service _:load }": False,
    "PREFIX ex: <http://x/> ASK { ex:a\\#SERVICE ?p ?o }": False,
    "ASK { ?s ?p 'x'@service . ?s ?p 'y'@en-load }": False,
    "ASK { ?s ?p 'x'@en SERVICE <http://x/> { } }": True,
    "ASK { ?service ?p $load }": False,
    "ASK{{{SERVICE<http://x/>{}}}}": True,
    "ASK { FILTER(1-SERVICE) }": True,
    "ASK { FILTER(a-SERVICE) }": True,
}

# text -> None if the nesting check passes, else the limit it names
TRICKY_NESTING = {
    "ASK { " + "{" * 60 + "}" * 60 + " }": None,
    "ASK { " + "{" * 70 + "}" * 70 + " }": "64",
    "ASK { ?s ?p '" + "{" * 100 + "' }": None,
    "ASK { ?s ?p <http://x/" + "(" * 70 + "> }": None,
    "# " + "[" * 100 + "\nASK {}": None,
    "ASK { " + "<< " * 70 + "?s ?p ?o" + " >>" * 70 + " }": "64",
    "INSERT DATA { " + " . ".join(["<http://x/a> <http://x/b> 1"] * 1200) + " }": None,
    "ASK { " + " || ".join(["?s ?p ?o"] * 1200) + " }": "1000",
    "ASK { FILTER(" + "<=".join(["1"] * 1200) + ") }": "1000",
    "ASK { FILTER(" + "<=".join(["1"] * 700) + " || " + "&&".join(["1"] * 200) + ") }": None,  # one term each
}


@pytest.mark.parametrize("text", list(TRICKY_CALLS_OUT))
def test_guard_keywords_only_outside_comments_strings_iris_and_names(text):
    assert guard.calls_out(text) is TRICKY_CALLS_OUT[text]


@pytest.mark.parametrize("text", list(TRICKY_NESTING))
def test_guard_nesting_counts_only_brackets_and_operators_outside_terms(text):
    limit = TRICKY_NESTING[text]
    if limit is None:
        guard.check_nesting(text)
    else:
        with pytest.raises(guard.BadRequest, match=limit):
            guard.check_nesting(text)
