"""HTTP for remote SPARQL 1.1 stores: authentication, retries with back-off, errors in words.

Servers answer the same fault in different ways (Virtuoso: 500 for an
anonymous update, 401 without a body for a wrong password, 200 with a cut
result after a timeout), so this module turns status codes and the known
server signals into the project's domain errors, once, for every caller.
"""
from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field

import requests
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from kg.errors import QueryError, QueryTimeout, ResultTooLarge, StoreError

AUTH_KINDS = ("basic", "digest", "bearer")


class BearerAuth(AuthBase):
    """`Authorization: Bearer <token>` (OAuth 2 style tokens, GraphDB, Stardog, our own API)."""

    def __init__(self, token: str):
        self.token = token

    def __call__(self, request):
        request.headers["Authorization"] = f"Bearer {self.token}"
        return request

    def __eq__(self, other):
        return isinstance(other, BearerAuth) and other.token == self.token


def make_auth(user: str | None = None, password: str | None = None, token: str | None = None,
              kind: str | None = None) -> AuthBase | None:
    """The requests auth object for the given credentials.

    Without `kind`, a token means Bearer and a user means Basic; Virtuoso's
    authenticated endpoints need `kind="digest"`.
    """
    if kind is not None and kind not in AUTH_KINDS:
        raise StoreError(f"unknown auth scheme {kind!r}: use one of {', '.join(AUTH_KINDS)}")
    if token and user:
        raise StoreError("give either a user and password or a token, not both")
    if kind == "bearer" or (kind is None and token):
        if not token:
            raise StoreError("bearer authentication needs a token (--token or $KG_STORE_TOKEN)")
        return BearerAuth(token)
    if user is None:
        if kind is not None:
            raise StoreError(f"{kind} authentication needs a user and a password")
        return None
    if password is None:
        raise StoreError(f"no password given for user {user!r} (--password or $KG_STORE_PASSWORD)")
    return HTTPDigestAuth(user, password) if kind == "digest" else HTTPBasicAuth(user, password)


@dataclass
class HttpClient:
    """One remote server's connection settings; a requests Session per thread."""

    auth: AuthBase | None = None
    timeout: float = 60.0
    retries: int = 3
    backoff: float = 0.5
    _local: threading.local = field(default_factory=threading.local, repr=False)

    @property
    def session(self) -> requests.Session:
        """requests Sessions are not thread-safe; the API serves from several threads."""
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
            session.auth = self.auth
        return session

    def request(self, method: str, url: str, *, what: str, retry_timeouts: bool = True,
                ok_statuses: tuple[int, ...] = (), **kwargs) -> requests.Response:
        """Send, retrying connection errors, timeouts and 5xx with exponential back-off.

        `ok_statuses` are non-2xx statuses the caller handles itself (404 of a GET).
        """
        kwargs.setdefault("timeout", self.timeout)
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = self.session.request(method, url, **kwargs)
            except requests.Timeout as e:
                if last or not retry_timeouts:
                    raise QueryTimeout(f"{what}: {url} did not answer within {kwargs['timeout']} s "
                                       f"({attempt + 1} attempt(s))") from e
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError,
                    requests.exceptions.ContentDecodingError) as e:
                if last:
                    raise StoreError(f"{what}: cannot reach {url} after {attempt + 1} attempt(s): "
                                     f"{_reason(e)}") from e
            except requests.RequestException as e:
                raise StoreError(f"{what}: request to {url} failed: {_reason(e)}") from e
            else:
                if response.status_code < 500 or last or _permanent(response):
                    return check_status(response, what, ok_statuses)
                response.close()
            time.sleep(self.backoff * 2 ** attempt)
        raise AssertionError("unreachable")

    def close(self) -> None:
        session = getattr(self._local, "session", None)
        if session is not None:
            session.close()
            self._local.session = None


def check_status(response: requests.Response, what: str, ok_statuses=()) -> requests.Response:
    """Raise the domain error a failed response means; return it when it succeeded."""
    status = response.status_code
    if status < 300 or status in ok_statuses:
        return response
    url = response.url.split("?")[0]
    message = server_message(response)
    if status in (401, 403):
        hint = ("check the user and password (--user/--password) or the token, and the scheme "
                "(--auth basic|digest|bearer; Virtuoso wants digest)")
        raise StoreError(f"{what}: {url} refused the credentials ({status}): {hint}")
    if _no_permission(response):
        raise StoreError(f"{what}: {url} does not allow this ({status}): {message}; Virtuoso takes "
                         "updates only at its authenticated endpoint /sparql-auth with Digest auth")
    estimate = re.search(r"estimated execution time (\d+) \(sec\) exceeds the limit of (\d+)", message)
    if estimate:
        raise QueryTimeout(f"{what}: the server refuses to start it: it estimates {estimate.group(1)} s, "
                           f"past its limit of {estimate.group(2)} s")
    if status >= 500 and "SQ070" in message:
        raise QueryError(f"{what}: the server refuses this query: {message}")
    if status == 406:
        raise QueryError(f"{what}: {url} cannot serialise this result in the requested format")
    if status in (400, 422):
        raise QueryError(f"{what}: {url} rejected it ({status}): {message}")
    if status == 404:
        raise StoreError(f"{what}: {url} not found (404): is this the right endpoint?")
    if status == 413:
        raise StoreError(f"{what}: {url} says the request is too large (413): lower --batch-size")
    raise StoreError(f"{what}: {url} answered {status}: {message}")


def check_complete(response: requests.Response, what: str) -> requests.Response:
    """A 200 is not proof of a whole answer: Virtuoso cuts results and says so only in headers."""
    state = response.headers.get("X-SQL-State", "")
    note = response.headers.get("X-SQL-Message", "")
    if state == "S1TAT" or "incomplete results" in note:
        raise QueryTimeout(f"{what}: the server stopped at its time limit and sent an incomplete "
                           f"result ({note.split('Activity')[0].strip() or state})")
    return response


def result_cut_at(response: requests.Response) -> int | None:
    """Virtuoso's `X-SPARQL-MaxRows` header: the row count it cut the result to."""
    value = response.headers.get("X-SPARQL-MaxRows")
    return int(value) if value and value.isdigit() else None


def raise_if_cut(response: requests.Response, what: str) -> None:
    cut = result_cut_at(response)
    if cut is not None:
        raise ResultTooLarge(f"{what}: the server cut the result at {cut} rows (Virtuoso: "
                             "ResultSetMaxRows in virtuoso.ini); add a LIMIT or raise that setting")


def server_message(response: requests.Response) -> str:
    """The first meaningful line of an error body (HTML stripped), for one-line errors."""
    text = re.sub(r"<[^>]+>", " ", response.text or "")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    lines = [line for line in lines if not line.lower().startswith(("sparql query:", "define sql:"))]
    return " ".join(lines[:2])[:300] or response.reason or "no message"


# Virtuoso's 5xx answers that retrying cannot change: no permission (anonymous update,
# SERVICE for an anonymous user), sorting past MaxSortedTopRows, a query it estimates
# too costly to start.
_PERMANENT_5XX = ("SR186", "SQ070", "SR353", "estimated execution time")


def _permanent(response: requests.Response) -> bool:
    """A 5xx that retrying cannot fix."""
    head = (response.text or "")[:500]
    return response.status_code >= 500 and any(mark in head for mark in _PERMANENT_5XX)


def _no_permission(response: requests.Response) -> bool:
    return response.status_code >= 500 and "SR186" in (response.text or "")[:500]


def _reason(error: Exception) -> str:
    text = str(error)
    match = re.search(r"\[Errno -?\d+\] ([^'\")]+)", text)
    return match.group(1) if match else text[:200]
