"""Real triple-store servers for the integration tests, started on 127.0.0.1.

Each server gets free ports and its own data folder under pytest's temporary
directory, is started once per test session and stopped at the end. A server
whose binary is missing makes the tests fail with a message saying how to
install it: `.ci/run` installs both, so a silent skip would hide a broken CI.

Use from a test module: ``from servers import oxigraph_server, virtuoso_server``
(or the `remote_server` fixture, parametrised over both).
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import rdflib
import requests
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import XSD

VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {dir}/virtuoso-temp.db
TransactionFile    = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort           = 127.0.0.1:{sql_port}
DisableUnixSocket    = 1
MaxClientConnections = 10
CheckpointInterval   = 60
CaseMode             = 2
DirsAllowed          = ., {dir}
NumberOfBuffers      = 10000
MaxDirtyBuffers      = 6000

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {dir}
MaxClientConnections = 10
ServerThreads        = 10
Charset              = UTF-8
EnabledGzipContent   = 0

[SPARQL]
ResultSetMaxRows           = {max_rows}
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime      = 60
"""


@dataclass
class Server:
    """A running server: its endpoints, credentials and process."""

    name: str
    query: str
    update: str
    gsp: str
    process: subprocess.Popen
    log: Path
    user: str | None = None
    password: str | None = None
    auth: str | None = None
    extra: dict = field(default_factory=dict)

    def store(self, **kwargs):
        """A kg RemoteStore on this server."""
        from kg.remote import RemoteStore, make_auth

        auth = make_auth(self.user, self.password, kind=self.auth)
        return RemoteStore(self.query, self.update, self.gsp, auth=auth, **kwargs)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def require_binary(name: str, install: str) -> str:
    path = shutil.which(name) or (str(Path(sys.executable).parent / name)
                                  if (Path(sys.executable).parent / name).exists() else None)
    if path is None:
        pytest.fail(f"{name} is not installed; install it with `{install}` "
                    "(.ci/run and `make test` do this)", pytrace=False)
    return path


def wait_until_ready(server: Server, seconds: float = 90) -> Server:
    """Poll an ASK query until the server answers; fail with its log if it dies or stalls."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        try:
            r = requests.get(server.query, params={"query": "ASK {}"}, timeout=2,
                             headers={"Accept": "application/sparql-results+json"})
            if r.status_code == 200:
                return server
        except requests.RequestException:
            pass
        time.sleep(0.3)
    server.stop()
    tail = server.log.read_text(errors="replace")[-2000:] if server.log.exists() else ""
    pytest.fail(f"{server.name} did not start within {seconds:.0f} s:\n{tail}", pytrace=False)


def start_oxigraph(workdir: Path, union_default_graph: bool = True) -> Server:
    binary = require_binary("oxigraph", "pip install oxigraph")
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = workdir / "oxigraph.log"
    process = subprocess.Popen(
        [binary, "serve", "--location", str(workdir / "data"), "--bind", f"127.0.0.1:{port}"]
        + (["--union-default-graph"] if union_default_graph else []),
        stdout=log.open("wb"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    return wait_until_ready(Server("oxigraph", f"{base}/query", f"{base}/update", f"{base}/store",
                                   process, log))


def start_virtuoso(workdir: Path, max_rows: int = 1_000_000) -> Server:
    """Virtuoso with its own ini, database files and ports (dba/dba, Digest auth)."""
    binary = require_binary("virtuoso-t", "apt-get install virtuoso-opensource")
    workdir.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = workdir / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=workdir, sql_port=sql_port, http_port=http_port,
                                       max_rows=max_rows))
    log = workdir / "virtuoso.out"
    process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=workdir,
                               stdout=log.open("wb"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    return wait_until_ready(Server(
        "virtuoso", f"{base}/sparql", f"{base}/sparql-auth", f"{base}/sparql-graph-crud-auth",
        process, log, user="dba", password="dba", auth="digest",
        extra={"max_rows": max_rows, "sql_port": sql_port}))


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


@pytest.fixture(scope="session", params=["oxigraph", "virtuoso"])
def remote_server(request):
    """Each real server in turn."""
    return request.getfixturevalue(f"{request.param}_server")


def build_dataset(path: Path):
    """An embedded store holding the seed articles, as `kg ingest seeds/` builds it.

    Until the extractor (kg.extract) lands, hand-made positions of tests/rdf_samples.py
    stand in for extracted ones; the graphs take the same path (build, validate, write).
    """
    from kg.ingest import write_article, write_reference_graphs
    from kg.store import OxigraphStore

    store = OxigraphStore(path)
    try:
        import kg.extract  # noqa: F401
    except ModuleNotFoundError:
        from rdf_samples import sample

        write_reference_graphs(store)
        for article_id, date in (("t01", "2025-11-28"), ("t02", "2024-03"), ("t03", "2023-01-15")):
            write_article(store, *sample(date=date, article_id=article_id))
    else:
        from kg.articles import read_paths
        from kg.ingest import ingest_articles

        root = Path(__file__).resolve().parent.parent
        summary = ingest_articles(store, read_paths([str(root / "seeds")]), report=lambda line: None)
        assert summary.articles >= 1, summary.line()
    return store


@pytest.fixture(scope="session")
def dataset(tmp_path_factory):
    """The embedded source store every push and remote test compares against."""
    from kg.store import OxigraphStore

    path = tmp_path_factory.mktemp("dataset") / "store"
    build_dataset(path).close()
    store = OxigraphStore(path, read_only=True)  # read-only: CLI commands under test open it too
    assert len(store.graph_names()) >= 4
    return store


def clear(store) -> None:
    """Drop every Standpunkt graph of a remote store, so each test starts from nothing."""
    for iri in store.graph_names():
        store.drop_graph(iri)


# -- comparing a remote store with the embedded one ---------------------------------------

SP = "PREFIX sp: <https://w3id.org/standpunkt/ontology#>\n"
QUERIES = [
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'https://w3id.org/standpunkt/')) }",
    SP + "SELECT ?position ?holder ?stance WHERE { ?position a sp:Position ; sp:holder ?holder ; sp:stance ?stance }",
    SP + "SELECT ?stance (COUNT(?p) AS ?n) WHERE { ?p a sp:Position ; sp:stance ?stance } GROUP BY ?stance",
    SP + "SELECT ?claim ?date WHERE { ?p sp:claim ?claim . OPTIONAL { ?p <http://purl.org/dc/terms/date> ?date } }",
    "SELECT ?label WHERE { GRAPH <https://w3id.org/standpunkt/graph/actors> { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?label } }",
    SP + "ASK { ?p a sp:Position ; sp:stance sp:Oppose }",
    SP + "ASK { ?p a sp:Position ; sp:stance sp:Nonsense }",
]


def comparable_rows(result):
    """A SELECT/ASK answer in a comparable form (order-free, blank nodes ignored)."""
    if isinstance(result, bool):
        return result
    return sorted(tuple(sorted((k, v.n3()) for k, v in row.items() if not isinstance(v, rdflib.BNode)))
                  for row in result)


def virtuoso_numbers(graph: rdflib.Graph) -> rdflib.Graph:
    """The graph as Virtuoso gives it back: it stores an integral xsd:decimal ("1") as
    xsd:integer (openlink/virtuoso-opensource#1062, open). Only this one rewrite is allowed."""
    out = rdflib.Graph()
    for s, p, o in graph:
        if isinstance(o, rdflib.Literal) and o.datatype == XSD.decimal and "." not in str(o):
            o = rdflib.Literal(str(o), datatype=XSD.integer)
        out.add((s, p, o))
    return out


def assert_same_graph(expected: rdflib.Graph, actual: rdflib.Graph, server: str = "oxigraph") -> None:
    if server == "virtuoso":
        expected = virtuoso_numbers(expected)
    if not isomorphic(expected, actual):
        _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
        pytest.fail("graphs differ\nonly in the embedded store:\n"
                    f"{only_expected.serialize(format='nt')}\nonly in the remote store:\n"
                    f"{only_actual.serialize(format='nt')}")


# -- the API suite on a remote store (KG_API_STORE_FACTORY=servers:oxigraph_api_store) ------

_POOL: dict[str, list[Server]] = {}


def _empty_remote_store(name: str, folder: Path):
    """An empty RemoteStore on a server of the pool (started on first need, stopped at exit).

    Each open store has a server of its own: the API suite keeps a filled store for the
    session while other tests write to fresh ones.
    """
    import atexit

    from kg.remote import RemoteStore

    free = _POOL.setdefault(name, [])
    if free:
        server = free.pop()
    else:
        start = start_oxigraph if name == "oxigraph" else start_virtuoso
        workdir = folder / f"{name}-server"
        workdir.mkdir(parents=True, exist_ok=True)
        server = start(workdir)
        atexit.register(server.stop)

    class Store(RemoteStore):
        def close(self):
            super().close()
            free.append(server)

    from kg.remote_http import make_auth

    store = Store(server.query, server.update, server.gsp,
                  auth=make_auth(server.user, server.password, kind=server.auth))
    reset(server, store)
    return store


def all_graphs(server: Server, store) -> set[str]:
    rows = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return {str(row["g"]) for row in rows}


def reset(server: Server, store) -> None:
    """Empty the server of everything a test wrote, in any graph (Virtuoso's own stay)."""
    if server.name == "oxigraph":
        store.update("DROP ALL")
        return
    initial = server.extra.setdefault("initial_graphs", all_graphs(server, store))
    for iri in all_graphs(server, store) - initial:
        store.drop_graph(iri)


def oxigraph_api_store(folder: Path):
    return _empty_remote_store("oxigraph", Path(folder))


def virtuoso_api_store(folder: Path):
    return _empty_remote_store("virtuoso", Path(folder))
