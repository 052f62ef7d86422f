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


# sha256(token) -> (reviewer, users file mtime): a reviewer's requests cost one scrypt per token
# and users-file version, not one per request; a changed file (a reviewer removed) checks again
_verified: dict[str, tuple[str, float]] = {}


def require_reviewer() -> str:
    """The reviewer whose token the request carries (review writes only).

    :raise 401: no Bearer token.  :raise 403: no reviewers configured, or a token that is no
    reviewer's (the server's write token names nobody, so it records no decisions)."""
    import hashlib
    import os
    from pathlib import Path

    from kg.review import users

    scheme, _, sent = request.headers.get("Authorization", "").partition(" ")
    path = current_app.config.get("USERS_PATH")
    if scheme.lower() != "bearer" or not sent.strip():
        raise Unauthorized("a review decision needs the header 'Authorization: Bearer <reviewer token>' "
                           "(kg user add NAME prints one)")
    if not path or not users.any_users(Path(path)):
        raise Forbidden("no reviewers on this server: review is read-only (add one with kg user add NAME)")
    token = sent.strip()
    try:
        mtime = os.stat(path).st_mtime
    except OSError:
        mtime = -1.0
    key = hashlib.sha256(token.encode()).hexdigest()
    cached = _verified.get(key)
    if cached and cached[1] == mtime:
        return cached[0]
    name = users.verify(Path(path), token)
    if name is None:
        raise Forbidden("the Bearer token is not a reviewer's token")
    if len(_verified) > 1000:
        _verified.clear()
    _verified[key] = (name, mtime)
    return name
