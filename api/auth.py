"""The write rule: no token configured means read-only; otherwise Bearer <token>."""
from __future__ import annotations

import hmac

from flask import current_app, request

from api.errors import Forbidden, Unauthorized


def require_write_token() -> None:
    """:raise 403: no token configured, or a wrong one.  :raise 401: no Bearer token sent."""
    token = current_app.config.get("WRITE_TOKEN")
    if not token:
        raise Forbidden("this server is read-only; start it with --token to allow writes")
    scheme, _, sent = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not sent.strip():
        raise Unauthorized("writing needs the header 'Authorization: Bearer <token>'")
    if not hmac.compare_digest(sent.strip().encode(), str(token).encode()):
        raise Forbidden("the Bearer token is not the server's write token")
