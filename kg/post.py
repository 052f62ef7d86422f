"""`kg ingest --to URL`: send articles to a running `kg serve` instead of opening its store.

While `kg serve` holds the embedded store, another process cannot write it; the server's
own `POST /articles` can. Each article goes in its own request, so one bad article is one
rejection line (with the server's reason) and the others still go in, as a local ingest does.
"""
from __future__ import annotations

import json
import sys
import time
from typing import Iterable

from kg.errors import ArticleError, KGError
from kg.ingest import Summary
from kg.model import Article


def article_body(article: Article) -> bytes:
    """The JSON form `POST /articles` reads (the same fields as a JSON article file)."""
    fields = {"id": article.id, "date": article.date, "text": article.text,
              "title": article.title, "url": article.url}
    return json.dumps({k: v for k, v in fields.items() if v is not None}, ensure_ascii=False).encode("utf-8")


def post_articles(base_url: str, items: Iterable[Article | ArticleError], *, token: str | None,
                  verbose: bool = False, timeout: float = 300.0) -> Summary:
    """:raise KGError: the server cannot be reached, or refuses the token (nothing more is sent)."""
    import requests

    url = base_url.rstrip("/") + "/articles"
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    summary, started = Summary(), time.monotonic()
    with requests.Session() as session:
        for item in items:
            if isinstance(item, ArticleError):
                summary.rejected.append(str(item))
                print(f"rejected: {item}", file=sys.stderr)
                continue
            try:
                response = session.post(url, data=article_body(item), headers=headers, timeout=timeout)
            except requests.RequestException as e:
                raise KGError(f"cannot reach {url}: {e.__class__.__name__}") from None
            if response.status_code in (401, 403):
                raise KGError(f"{url} refused the write ({response.status_code}): {_reason(response)}")
            if response.status_code != 201:
                where = item.source or item.id
                summary.rejected.append(f"{where}: {_reason(response)}")
                print(f"rejected: {where}: {response.status_code} {_reason(response)}", file=sys.stderr)
                continue
            summary.articles += 1
            summary.positions += int(response.json().get("totalItems", 0))
            if verbose:
                print(f"posted {item.id}: {response.headers.get('Location', '')}", file=sys.stderr)
    summary.seconds = time.monotonic() - started
    return summary


def _reason(response) -> str:
    """The server's one-line error (its JSON `error` field), else the status text."""
    try:
        return str(response.json().get("error") or response.reason)
    except ValueError:
        return response.reason or str(response.status_code)
