"""The reader on fuzzed input: an Article or one ArticleError, never another exception."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import article_objects, nested

from kg.articles import parse_upload, read_paths
from kg.errors import ArticleError
from kg.model import Article

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parsed_or_rejected(data: bytes, filename: str | None, content_type: str | None = None):
    try:
        articles = parse_upload(data, filename, content_type)
    except ArticleError as e:
        assert str(e).startswith(filename or "request body")
        return None
    assert articles and all(isinstance(a, Article) for a in articles)
    for a in articles:
        a.text.encode("utf-8")  # no lone surrogate got through
        assert a.url is None or a.url.startswith(("http://", "https://"))
    return articles


@FUZZ
@given(obj=article_objects())
def test_fuzz_reader_json_object(obj):
    _parsed_or_rejected(json.dumps(obj).encode(), "a.json")


@FUZZ
@given(objs=st.lists(article_objects(), max_size=4), kind=st.sampled_from(["a.json", "a.jsonl", None]))
def test_fuzz_reader_json_list_and_lines(objs, kind):
    data = "\n".join(json.dumps(o) for o in objs) if kind == "a.jsonl" else json.dumps(objs)
    _parsed_or_rejected(data.encode(), kind, None if kind else "application/json")


@FUZZ
@given(data=st.one_of(st.binary(max_size=300), st.integers(1, 200_000).map(lambda d: nested(d).encode()),
                      st.text(max_size=300).map(lambda t: (" date 2024-01-02 " + t).encode("utf-8", "surrogatepass"))),
       name=st.sampled_from(["a.txt", "a.json", "a.jsonl", None]))
def test_fuzz_reader_bytes(data, name):
    _parsed_or_rejected(data, name)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.lists(st.tuples(st.sampled_from([".txt", ".json", ".jsonl"]), st.binary(max_size=200)),
                      min_size=1, max_size=5))
def test_fuzz_reader_a_folder_never_stops_early(tmp_path_factory, files):
    folder = tmp_path_factory.mktemp("fuzz")
    for i, (suffix, data) in enumerate(files):
        (folder / f"f{i}{suffix}").write_bytes(data)
    good = folder / "zz_good.json"
    good.write_text(json.dumps({"id": "good", "date": "2024-01-02", "text": "Die SPD fordert mehr Geld."}))
    items = list(read_paths([folder]))
    assert all(isinstance(i, (Article, ArticleError)) for i in items)
    assert any(isinstance(i, Article) and i.id == "good" for i in items)  # the bad files cost only themselves
