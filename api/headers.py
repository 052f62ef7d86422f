"""Security headers: every answer says what it is (nosniff); pages may load only their own files.

The pages show text taken from articles and query results. The templates escape it,
and the Content-Security-Policy is the second line: no inline or foreign script, no
plugins, no framing, so a value that slipped through could not run.
"""
from __future__ import annotations

from flask import Flask

PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def security_headers(mimetype: str) -> dict[str, str]:
    """The headers every answer of this mimetype carries (api.lean adds them itself)."""
    return {"X-Content-Type-Options": "nosniff", **({"Content-Security-Policy": PAGE_POLICY} if mimetype == "text/html" else {})}


def register(app: Flask) -> None:
    @app.after_request
    def _security_headers(response):
        for name, value in security_headers(response.mimetype).items():
            response.headers.setdefault(name, value)
        return response
