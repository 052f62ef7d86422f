"""api.headers and the link rules: pages send a Content-Security-Policy and nosniff; an
article's url must be http(s), so no page can carry a javascript: link from the data
(the query page's own rule is tested in Chromium, test_web_chromium)."""
from __future__ import annotations

import json

import pytest

from api.headers import PAGE_POLICY
from api_fixtures import *  # noqa: F401,F403 (fixtures)
from api_fixtures import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.mark.parametrize("path", ["/", "/query", "/actors", "/articles/a1", "/topics"])
def test_api_headers_pages_carry_a_policy(client, path):
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.headers["Content-Security-Policy"] == PAGE_POLICY
    assert "script-src 'self'" in PAGE_POLICY and "'unsafe-inline'" not in PAGE_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/actors", "/sparql?query=ASK%7B%7D", "/nowhere"])
def test_api_headers_every_answer_is_nosniff(client, path):
    response = client.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" not in response.headers  # data, not a page


@pytest.mark.parametrize("url", ["javascript:alert(1)", " ", "data:text/html,x"])
def test_api_headers_post_article_with_a_non_http_url_is_400(writable_app, writable_store, url):
    before = writable_store.quad_count()
    body = json.dumps({"id": "j1", "date": "2024-01-02", "text": "Die SPD fordert mehr Geld.", "url": url})
    response = writable_app.test_client().post("/articles", data=body, headers={**AUTH, "Content-Type": "application/json"})
    assert response.status_code == 400 and "http(s)" in response.get_json()["error"]
    assert writable_store.quad_count() == before

