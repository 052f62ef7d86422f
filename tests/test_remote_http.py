"""HTTP behaviour of remote stores: retries with back-off, and errors in words."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kg.errors import KGError, QueryError, StoreError
from kg.remote import RemoteStore
from kg.remote_http import BearerAuth, HttpClient, server_message


class Scripted(BaseHTTPRequestHandler):
    """Answers each request with the next (status, body) of the server's script."""

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.seen.append((time.monotonic(), dict(self.headers)))
        status, body = self.server.script.pop(0) if self.server.script else (200, b"")
        self.send_response(status)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def scripted():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Scripted)
    server.script, server.seen = [], []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
    yield server
    server.shutdown()
    server.server_close()


ASK_TRUE = b'{"head": {}, "boolean": true}'


def test_remote_http_retries_5xx_with_exponential_backoff(scripted):
    scripted.script = [(503, b"busy"), (502, b"gateway"), (200, ASK_TRUE)]
    store = RemoteStore(scripted.url, retries=3, backoff=0.1)
    assert store.query("ASK {}") is True
    times = [t for t, _ in scripted.seen]
    assert len(times) == 3
    assert times[1] - times[0] >= 0.1 and times[2] - times[1] >= 0.2


def test_remote_http_gives_up_after_the_retries(scripted):
    scripted.script = [(500, b"Virtuoso 08C01 Error: out of memory")] * 3
    store = RemoteStore(scripted.url, retries=2, backoff=0.01)
    with pytest.raises(StoreError, match="answered 500: Virtuoso 08C01 Error: out of memory"):
        store.query("ASK {}")
    assert len(scripted.seen) == 3


def test_remote_http_does_not_retry_a_client_error(scripted):
    scripted.script = [(400, b"Parser error at 1:5: expected WHERE")]
    store = RemoteStore(scripted.url, retries=3, backoff=0.01)
    with pytest.raises(QueryError, match="expected WHERE"):
        store.query("ASK x")
    assert len(scripted.seen) == 1


def test_remote_http_sends_the_bearer_token(scripted):
    scripted.script = [(200, ASK_TRUE)]
    RemoteStore(scripted.url, auth=BearerAuth("s3cret")).query("ASK {}")
    assert scripted.seen[0][1]["Authorization"] == "Bearer s3cret"


def test_remote_http_cut_json_is_an_error_not_a_result(scripted):
    scripted.script = [(200, b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "ur')]
    with pytest.raises(StoreError, match="not JSON"):
        RemoteStore(scripted.url, retries=0).query("SELECT ?s WHERE { ?s ?p ?o }")


def test_remote_http_server_message_strips_html():
    class Response:
        text = "<html><body><h1>403 Forbidden</h1>\n<p>SPARQL query:</p>\n</body></html>"
        reason = "Forbidden"

    assert server_message(Response()) == "403 Forbidden"


def test_remote_http_session_per_thread():
    client, sessions = HttpClient(), []
    threads = [threading.Thread(target=lambda: sessions.append(client.session)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(s) for s in sessions}) == 3


@pytest.mark.parametrize("body", [
    b"Virtuoso 42000 Error SR186:SECURITY: No permission to execute procedure DB.DBA.SPARQL_INSERT",
    b"Virtuoso 22023 Error SR353: Sorted TOP clause specifies more then 10050 rows to sort.",
    b"Virtuoso 42000 Error The estimated execution time 1652 (sec) exceeds the limit of 400 (sec).",
])
def test_remote_http_does_not_retry_what_retrying_cannot_fix(scripted, body):
    scripted.script = [(500, body)] * 4
    with pytest.raises(KGError):
        RemoteStore(scripted.url, retries=3, backoff=0.01).query("ASK {}")
    assert len(scripted.seen) == 1
