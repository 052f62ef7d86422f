"""Named reviewers and their tokens, in a JSON file beside the store, never in the RDF.

A token is `{name}.{secret}`: the name says whose hash to check, so a request costs one
scrypt (tens of milliseconds, which is the point: a stolen users file does not give the
tokens away cheaply) instead of one per reviewer. The file holds only the salt and the
hash. It is rewritten whole through a temporary file and `os.replace`, so a reader (a
running `kg serve`) sees the old or the new file, never half of one.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
from pathlib import Path

from kg.errors import KGError

USERS_ENV = "KG_USERS"
NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,31}")
_SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1, "dklen": 32}


class UserError(KGError):
    """A bad user name, a name taken or unknown, an unreadable users file."""


def users_path(store: str | os.PathLike | None = None, users: str | os.PathLike | None = None) -> Path:
    """--users, else $KG_USERS, else users.json in the store folder (--store, $KG_STORE, data/store)."""
    from kg.store import store_path

    if users or os.environ.get(USERS_ENV):
        return Path(users or os.environ[USERS_ENV])
    return store_path(store) / "users.json"


def check_name(name: str) -> str:
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise UserError(f"a reviewer name is 1-32 characters a-z, 0-9 and '-', starting with a letter or digit, not {name!r}")
    return name


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as e:
        raise UserError(f"cannot read the users file {path}: {e}") from e
    if not isinstance(data, dict) or not isinstance(data.get("users", {}), dict):
        raise UserError(f"the users file {path} is not a Standpunkt users file")
    return data.get("users", {})


def _write(path: Path, users: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".users-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"users": users}, out, indent=1, sort_keys=True)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _hash(secret: str, salt: bytes) -> str:
    return hashlib.scrypt(secret.encode(), salt=salt, **_SCRYPT).hex()


def add_user(path: Path, name: str) -> str:
    """Create reviewer `name` and return the token, which is shown this once and never stored."""
    users = _read(path)
    if check_name(name) in users:
        raise UserError(f"there is already a reviewer {name!r} (kg user remove {name} first)")
    secret, salt = secrets.token_urlsafe(24), secrets.token_bytes(16)
    created = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    users[name] = {"salt": salt.hex(), "hash": _hash(secret, salt), "created": created}
    _write(path, users)
    return f"{name}.{secret}"


def list_users(path: Path) -> list[dict]:
    """[{"name", "created"}] sorted by name; no hashes."""
    return [{"name": n, "created": u.get("created")} for n, u in sorted(_read(path).items())]


def remove_user(path: Path, name: str) -> None:
    users = _read(path)
    if check_name(name) not in users:
        raise UserError(f"no reviewer {name!r}")
    del users[name]
    _write(path, users)


def verify(path: Path, token: str) -> str | None:
    """The reviewer a token belongs to, or None (unknown name, wrong secret, no such file)."""
    name, dot, secret = (token or "").partition(".")
    if not dot or not NAME.fullmatch(name) or not secret:
        return None
    try:
        record = _read(path).get(name)
    except UserError:
        return None
    if not isinstance(record, dict):
        return None
    try:
        expected = _hash(secret, bytes.fromhex(record["salt"]))
    except (KeyError, ValueError, TypeError):
        return None
    return name if hmac.compare_digest(expected, str(record.get("hash", ""))) else None


def any_users(path: Path) -> bool:
    try:
        return bool(_read(path))
    except UserError:
        return False
