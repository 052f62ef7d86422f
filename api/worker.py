"""The query worker process: evaluates one SPARQL query at a time against a store snapshot.

A pyoxigraph query cannot be interrupted from its own thread, so the endpoint runs
queries in separate processes it can kill when the time limit passes. Each worker
opens an immutable snapshot read-only (safe: nobody writes to a snapshot) and
reopens when the pool announces a newer one after a write. Imports stay minimal
(no Flask, no rdflib) so that a replacement worker starts in milliseconds.
"""
from __future__ import annotations

import pickle

import pyoxigraph as ox

from api.results import MAX_RESULT_BYTES, NoAcceptableFormat, encode
from kg.errors import QueryError, ResultTooLarge
from kg.sparql_text import oxigraph_dataset


def evaluate(store: ox.Store, job: dict) -> tuple[str, bytes]:
    """Run `job` (query, media, default/named graphs, max_results, max_bytes) on an open store."""
    try:
        kwargs = oxigraph_dataset(job["query"], job.get("default_graphs"), job.get("named_graphs"))
        result = store.query(job["query"], **kwargs)
        return encode(result, job["media"], job["max_results"], job.get("max_bytes", MAX_RESULT_BYTES))
    except SyntaxError as e:
        raise QueryError(str(e)) from None
    except (OSError, ValueError) as e:
        raise QueryError(f"query failed: {e}") from None


def dry_run(update: str) -> None:
    """Parse and plan an update on an empty in-memory store; only a syntax error counts
    (CLEAR GRAPH of a graph the empty store lacks is the real run's business)."""
    try:
        ox.Store().update(update)
    except SyntaxError as e:
        raise QueryError(str(e)) from None
    except (OSError, RuntimeError, ValueError):
        pass


def main(conn) -> None:
    """Serve jobs from the pool until the pipe closes: (snapshot path, job) -> reply tuple."""
    store, opened = None, None
    while True:
        try:
            path, job = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return
        try:
            if "update" in job:
                dry_run(job["update"])
                send(conn, ("ok", None, None))
                continue
            if path != opened:
                store, opened = None, None
                store, opened = ox.Store.read_only(path), path
            media_type, body = evaluate(store, job)
            reply = ("ok", media_type, body)
        except ResultTooLarge as e:
            reply = ("too_large", str(e), None)
        except NoAcceptableFormat as e:
            reply = ("not_acceptable", str(e), None)
        except QueryError as e:
            reply = ("query", str(e), None)
        except OSError as e:
            reply = ("store", f"cannot read the store snapshot: {e}", None)
        except Exception as e:  # anything else answers this job; the worker lives on
            reply = ("query", f"query failed: {type(e).__name__}: {e}", None)
        send(conn, reply)


def send(conn, message) -> None:
    """A plain pickle, without multiprocessing's pickler (which a reply of bytes and strings does
    not need); api.executor reads it with pickle.loads."""
    conn.send_bytes(pickle.dumps(message, pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    import sys
    from multiprocessing.connection import Connection

    main(Connection(int(sys.argv[1])))
