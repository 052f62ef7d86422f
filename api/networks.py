"""/networks: discourse networks of the graph (kg.networks) as GraphML, CSV, JSON or a page.

The query string is the same as the options of `kg network` (type, normalization, from, to,
topic, kind, party, qualifier, min_weight, window, step, aggregate); `format` picks the file:
graphml, csv (edges), nodes (CSV), matrix (CSV), json, or html (the page, also what a browser
gets by Accept). A bad parameter is a 400 naming it.
"""
from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from api.errors import BadRequest
from api.shared import services
from kg.networks import NetworkOptionError, parse, sequence
from kg.networks.export import FORMATS, render
from kg.networks.options import AGGREGATES, KINDS, ONE_MODE_NORMALIZATIONS, TWO_MODE_NORMALIZATIONS, TYPES

bp = Blueprint("networks", __name__)
EXTENSIONS = {"graphml": "graphml", "csv": "csv", "nodes": "csv", "matrix": "csv", "json": "json"}


@bp.get("/networks")
def networks():
    fmt = _format()
    try:
        spec = parse(request.args)
    except NetworkOptionError as e:
        raise BadRequest(str(e)) from None
    if fmt == "html":
        keys = ["norm_" + n for n in dict.fromkeys(ONE_MODE_NORMALIZATIONS + TWO_MODE_NORMALIZATIONS)]
        return render_template("networks.html", types=TYPES, kinds=KINDS, args=request.args, normalization_keys=keys,
                               aggregates=AGGREGATES, aggregate=spec.slice.aggregate,
                               normalizations={"one": ONE_MODE_NORMALIZATIONS, "two": TWO_MODE_NORMALIZATIONS})
    try:
        text = render(sequence(services().store, spec), fmt)
    except NetworkOptionError as e:
        raise BadRequest(str(e)) from None
    headers = {}
    if fmt != "json":
        name = f"{spec.type}-{spec.normalization}{'-nodes' if fmt == 'nodes' else ''}" \
               f"{'-matrix' if fmt == 'matrix' else ''}.{EXTENSIONS[fmt]}"
        headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return Response(text, mimetype=FORMATS[fmt], headers=headers)


def _format() -> str:
    """?format=, else HTML for a browser that asks for it, else JSON (no Accept header: JSON)."""
    fmt = request.args.get("format")
    if fmt:
        if fmt not in FORMATS and fmt != "html":
            raise BadRequest(f"format must be one of {', '.join(list(FORMATS) + ['html'])}, not {fmt!r}")
        return fmt
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return "html" if best == "text/html" else "json"
