"""Whole-dataset routes: POST /articles (ingest), DELETE /articles/{id}, /export, /context.jsonld, /openapi.json, /health."""
from __future__ import annotations

import json
import queue
import threading
from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context

from api import negotiate
from api.shared import services
from api.auth import require_write_token
from api.errors import BadRequest, NotFound
from api.render import project_context
from kg import formats, iris

bp = Blueprint("dataset", __name__)

OPENAPI = Path(__file__).with_name("openapi.json")


@bp.post("/articles")
def ingest():
    """:raise 401/403: no or wrong token.  :raise 400: malformed article.  :raise 422: invalid graph."""
    require_write_token()
    from api.ingest import prepare_upload, write_upload

    data, filename, content_type = _upload()
    svc = services()
    upload = prepare_upload(svc.store, data, filename, content_type)  # the slow part, unlocked
    with svc.writing([iris.article_iri(article.id) for article, _ in upload.done]):
        written = write_upload(svc.store, upload)
    from api.resources import created_response

    return created_response(written)


@bp.delete("/articles/<path:id>")
def delete(id):
    """The article goes with its review (every reviewer's decisions), unless ?keep_review=true.

    :raise 401/403: no or wrong token.  :raise 404: no such article.  Answers 204 when gone."""
    require_write_token()
    from kg.ingest import delete_article

    keep = request.args.get("keep_review", "false")
    if keep not in ("true", "false"):
        raise BadRequest(f"'keep_review' is true or false, not {keep!r}")
    svc = services()
    with svc.writing([iris.article_iri(id)]):
        found = delete_article(svc.store, id, keep_review=keep == "true")
    if found is None:
        raise NotFound(f"no article {id}")
    return Response(status=204)


def _upload() -> tuple[bytes, str | None, str | None]:
    """The article bytes from a multipart `file` field or the raw body (name from ?filename= or ?id=)."""
    if request.files:
        upload = request.files.get("file") or next(iter(request.files.values()))
        return upload.read(), upload.filename, upload.mimetype
    data = request.get_data()
    if not data:
        raise BadRequest("no article: send it as the body or as the multipart field 'file'")
    filename = request.args.get("filename") or (request.args["id"] + ".txt" if request.args.get("id") else None)
    return data, filename, request.mimetype or None


@bp.get("/export")
def export():
    """Stream the dataset (or ?graph=IRI) without building it in memory."""
    media_type = negotiate.choose("dataset", request.accept_mimetypes, request.args.getlist("format"))
    export_format, graph = formats.by_media_type(media_type), request.args.get("graph")
    if graph is not None and graph not in services().store.graph_names():
        raise NotFound(f"no graph {graph}")
    headers = {"Content-Disposition": f'attachment; filename="standpunkt.{export_format.extension}"'}
    body = stream_with_context(_stream(services().store, export_format.name, graph))
    charset = "" if media_type.endswith("+xml") else "; charset=utf-8"
    return Response(body, content_type=media_type + charset, headers=headers)


class _ChunkQueue:
    """A file-like object whose writes a generator yields, with back-pressure."""

    def __init__(self):
        self.chunks: queue.Queue = queue.Queue(maxsize=64)
        self.closed = False

    def write(self, data):
        if self.closed:
            raise BrokenPipeError("the client went away")
        self.chunks.put(bytes(data))
        return len(data)

    def flush(self):
        pass


def _stream(store, fmt, graph):
    out, failure = _ChunkQueue(), []

    def dump():
        try:
            store.dump(out, fmt, graph)
        except Exception as e:  # reported to the log; the body is already under way
            failure.append(e)
        finally:
            out.chunks.put(None)

    threading.Thread(target=dump, daemon=True, name="export").start()
    try:
        while (chunk := out.chunks.get()) is not None:
            yield chunk
    finally:
        out.closed = True
        while out.chunks.qsize():
            out.chunks.get_nowait()
    if failure:
        current_app.logger.error("export failed: %s", failure[0])


@bp.get("/context.jsonld")
def context_document():
    return Response(json.dumps({"@context": project_context()}, ensure_ascii=False, indent=1),
                    content_type="application/ld+json; charset=utf-8",
                    headers={"Cache-Control": "public, max-age=3600"})


@bp.get("/openapi.json")
def openapi():
    doc = json.loads(OPENAPI.read_text(encoding="utf-8"))
    doc["servers"] = [{"url": request.host_url.rstrip("/")}]
    return jsonify(doc)


@bp.get("/health")
def health():
    svc = services()
    svc.store.query("ASK { ?s ?p ?o }")
    return jsonify({"ok": True, "store": type(svc.store).__name__, "query": svc.executor.status(),
                    "cache": svc.results.status(), "writable": bool(current_app.config.get("WRITE_TOKEN"))})
