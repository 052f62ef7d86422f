"""The review API over real HTTP: a waitress server on the sample store, reviewers with
tokens made by kg.review.users, and one `kg user add` + `kg serve` run end to end.

Every refused request is checked to leave the store byte for byte as it was (N-Quads dump).
"""
from __future__ import annotations

import signal

import pytest
import requests

from api_fixtures import TOKEN, _app, dataset, fill, make_store, serve_in_thread
from kg import iris
from kg.review import users


@pytest.fixture()
def server(tmp_path):
    """(base URL, store, {reviewer: token}) with reviewers anna and ben."""
    store = make_store(tmp_path)
    fill(store)
    path = tmp_path / "users.json"
    tokens = {name: users.add_user(path, name) for name in ("anna", "ben")}
    app = _app(store, USERS_PATH=str(path))
    base, waitress = serve_in_thread(app)
    yield base, store, tokens
    waitress.close()
    app.extensions["standpunkt"].close()
    store.close()


def auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def positions(base: str, article: str) -> dict[str, dict]:
    answer = requests.get(f"{base}/articles/{article}/review", timeout=10)
    assert answer.status_code == 200, answer.text
    return {p["actor"]["label"]: p for p in answer.json()["positions"]}


def post(base, article, body, token=None, **kw):
    return requests.post(f"{base}/articles/{article}/decisions", json=body,
                         headers=auth(token) if token else {}, timeout=20, **kw)


def test_api_review_decisions_round_trip(server):
    base, store, tokens = server
    p = positions(base, "a1")
    confirm = post(base, "a1", {"kind": "confirm", "position": p["Friedrich Merz"]["id"]}, tokens["anna"])
    assert confirm.status_code == 201, confirm.text
    assert confirm.json()["kind"] == "confirm" and confirm.json()["reviewer"] == "anna"
    assert confirm.json()["time"].endswith("Z") and len(confirm.json()["id"]) == 16
    assert confirm.headers["Location"].endswith("/articles/a1/review")
    correct = post(base, "a1", {"kind": "correct", "position": p["Olaf Scholz"]["iri"],
                                "fields": {"side": "oppose", "act": "demand"}}, tokens["ben"])
    assert correct.status_code == 201, correct.text
    assert correct.json()["changed"] == ["act", "side"] and correct.json()["result"]["side"] == "oppose"
    review = requests.get(f"{base}/articles/a1/review", timeout=10).json()
    assert review["status"] == "reviewed" and review["reviewers"] == ["anna", "ben"] and review["conflicts"] == []
    assert [q["start"] for q in review["positions"]] == sorted(q["start"] for q in review["positions"])
    assert {(q["actor"]["label"], q["origin"], q["status"]) for q in review["effective"]} == {
        ("Friedrich Merz", "machine", "confirmed"), ("Olaf Scholz", "review", "corrected")}
    assert review["article"]["text"].startswith("Friedrich Merz lehnt")
    # the decisions are RDF in the review graphs, and go out with every export
    graph = f"{iris.BASE}graph/review/a1/ben"
    assert graph in {str(g.identifier) for g in dataset(store).graphs()}
    exported = requests.get(f"{base}/export", params={"format": "nquads"}, timeout=20).text
    assert f"<{graph}>" in exported and "#Decision>" in exported
    undo = requests.delete(f"{base}/articles/a1/decisions/{correct.json()['id']}", headers=auth(tokens["ben"]), timeout=10)
    assert undo.status_code == 204
    assert positions(base, "a1")["Olaf Scholz"]["status"] == "unreviewed"


def test_api_review_queue(server):
    base, _, tokens = server
    p = positions(base, "a2")
    assert post(base, "a2", {"kind": "reject", "position": p["SPD"]["id"]}, tokens["anna"]).status_code == 201
    queue = requests.get(f"{base}/review", timeout=10).json()
    by_id = {a["id"]: a for a in queue["articles"]}
    assert by_id["a2"]["status"] == "partly" and by_id["a2"]["decided"] == 1 and by_id["a1"]["status"] == "unreviewed"
    assert queue["counts"] == {"unreviewed": 2, "partly": 1, "reviewed": 0} and queue["total"] == 3
    assert [a["id"] for a in requests.get(f"{base}/review?status=partly", timeout=10).json()["articles"]] == ["a2"]
    assert [a["id"] for a in requests.get(f"{base}/review?from=2024-01-01", timeout=10).json()["articles"]] == ["a2"]
    assert [a["id"] for a in requests.get(f"{base}/review?topic=migration", timeout=10).json()["articles"]] == ["a2"]
    assert [a["id"] for a in requests.get(f"{base}/review?topic=makrooekonomie", timeout=10).json()["articles"]] == ["a1", "a3"]
    for bad in ("from=gestern", "status=done", "limit=0"):
        answer = requests.get(f"{base}/review?{bad}", timeout=10)
        assert answer.status_code == 400 and answer.json()["error"], bad


@pytest.mark.parametrize("case, status, words", [
    ("no token", 401, "Authorization"),
    ("wrong token", 403, "not a reviewer"),
    ("write token", 403, "not a reviewer"),
    ("unknown side", 400, "'side'"),
    ("not json", 400, "JSON object"),
    ("unknown article", 404, "no article"),
    ("another article's position", 409, "another article"),
    ("twice", 409, "already decided"),
])
def test_api_review_refused_decisions_change_nothing(server, case, status, words):
    base, store, tokens = server
    p1, p2 = positions(base, "a1"), positions(base, "a2")
    merz = p1["Friedrich Merz"]["id"]
    assert post(base, "a1", {"kind": "reject", "position": merz}, tokens["anna"]).status_code == 201
    token, article, body, kw = tokens["anna"], "a1", {"kind": "confirm", "position": p1["Olaf Scholz"]["id"]}, {}
    if case == "no token":
        token = None
    elif case == "wrong token":
        token = "anna.not-the-secret"
    elif case == "write token":
        token = TOKEN
    elif case == "unknown side":
        body = {"kind": "correct", "position": merz, "fields": {"side": "sideways"}}
    elif case == "not json":
        body, kw = None, {"data": b"{kind: confirm", "headers": {**auth(token), "Content-Type": "application/json"}}
    elif case == "unknown article":
        article = "no-such-article"
    elif case == "another article's position":
        body = {"kind": "confirm", "position": p2["SPD"]["id"]}
    elif case == "twice":
        body = {"kind": "confirm", "position": merz}
    before = dataset(store).serialize(format="nquads")
    if body is None:
        answer = requests.post(f"{base}/articles/{article}/decisions", timeout=20, **kw)
    else:
        answer = post(base, article, body, token)
    assert answer.status_code == status, answer.text
    assert words in answer.json()["error"], answer.json()
    assert sorted(dataset(store).serialize(format="nquads").splitlines()) == sorted(before.splitlines())


def test_api_review_undo_rules(server):
    base, store, tokens = server
    p = positions(base, "a1")
    made = post(base, "a1", {"kind": "confirm", "position": p["Friedrich Merz"]["id"]}, tokens["anna"]).json()
    url = f"{base}/articles/a1/decisions/{made['id']}"
    before = sorted(dataset(store).serialize(format="nquads").splitlines())
    assert requests.delete(url, timeout=10).status_code == 401
    assert requests.delete(url, headers=auth(tokens["ben"]), timeout=10).status_code == 403
    assert requests.delete(f"{base}/articles/a2/decisions/{made['id']}", headers=auth(tokens["anna"]),
                           timeout=10).status_code == 409
    assert requests.delete(f"{base}/articles/a1/decisions/0000000000000000", headers=auth(tokens["anna"]),
                           timeout=10).status_code == 404
    assert sorted(dataset(store).serialize(format="nquads").splitlines()) == before
    assert requests.delete(url, headers=auth(tokens["anna"]), timeout=10).status_code == 204


def test_api_review_reviewer_tokens_write_nothing_else(server):
    base, _, tokens = server
    answer = requests.post(f"{base}/articles", data="Die SPD fordert einen höheren Mindestlohn.",
                           params={"id": "x"}, headers=auth(tokens["anna"]), timeout=20)
    assert answer.status_code == 403
    update = requests.post(f"{base}/sparql/update", data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"},
                           headers=auth(tokens["anna"]), timeout=20)
    assert update.status_code == 403
    assert requests.get(f"{base}/articles/nope/review", timeout=10).status_code == 404


def test_api_review_without_reviewers_is_read_only(tmp_path):
    store = make_store(tmp_path)
    fill(store)
    app = _app(store, USERS_PATH=str(tmp_path / "users.json"))  # no file: nobody may review
    base, waitress = serve_in_thread(app)
    try:
        answer = post(base, "a1", {"kind": "confirm", "position": "x"}, TOKEN)
        assert answer.status_code == 403 and "read-only" in answer.json()["error"]
        assert requests.get(f"{base}/articles/a1/review", timeout=10).json()["status"] == "unreviewed"
    finally:
        waitress.close()
        app.extensions["standpunkt"].close()
        store.close()


def test_api_review_kg_user_add_then_kg_serve(tmp_path):
    """The way a coder starts: `kg user add`, `kg serve`, a decision with the printed token."""
    import subprocess
    import sys

    from kg.store import OxigraphStore
    from test_api_serve import ROOT, start

    store_dir = tmp_path / "store"
    with OxigraphStore(store_dir) as store:
        fill(store)
    made = subprocess.run([sys.executable, "-m", "kg.cli", "user", "add", "anna", "--store", str(store_dir)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    assert token.startswith("anna.") and token not in (store_dir / "users.json").read_text()
    process, base = start(store_dir)
    try:
        p = positions(base, "a3")
        answer = post(base, "a3", {"kind": "confirm", "position": p["Christian Lindner"]["id"]}, token)
        assert answer.status_code == 201, answer.text
        assert requests.get(f"{base}/review?status=reviewed", timeout=10).json()["articles"][0]["id"] == "a3"
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(15) == 0
    assert "review decisions by anna" in process.stderr.read()
