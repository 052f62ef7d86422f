"""Reading the seed format, JSON, JSONL and folders; every fault named precisely."""
import json
from pathlib import Path

import pytest

from kg.articles import parse_text, parse_upload, read_paths
from kg.errors import ArticleError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_articles_reads_every_seed():
    items = list(read_paths([SEEDS]))
    assert len(items) >= 6, "the seeds folder holds the seed and the development articles"
    assert all(not isinstance(i, ArticleError) for i in items), items
    seed = next(a for a in items if a.id == "000_8eac7816d47259b9")
    assert seed.date == "2025-11-28"
    assert seed.text.startswith("Die Diplomatie für ein Ende des Ukraine-Kriegs")
    assert "\n\nKiew/Bischkek/Brüssel" in seed.text


def test_articles_month_only_header():
    a = parse_text(" date 2024-03 Der Bundestag berät.\n\nZweiter Absatz.", "m1", "m1.txt")
    assert a.date == "2024-03"
    assert a.text == "Der Bundestag berät.\n\nZweiter Absatz."
    assert a.title == "Der Bundestag berät."


@pytest.mark.parametrize("raw, fault", [
    ("Der Bundestag berät.", "first line must start with ' date"),
    (" date 2024-13-01 Text.", "does not exist"),
    (" date 2023-02-30 Text.", "does not exist"),
    (" date gestern Text.", "is not YYYY-MM-DD"),
    (" date 2024-03-01 ", "no text"),
])
def test_articles_rejects_malformed_text(raw, fault):
    with pytest.raises(ArticleError, match=fault) as e:
        parse_text(raw, "x", "bad.txt")
    assert str(e.value).startswith("bad.txt")


def test_articles_rejects_binary_and_non_utf8(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b" date 2024-01-01 \x00\x01\x02")
    (tmp_path / "latin.txt").write_bytes(" date 2024-01-01 Gr\xfc\xdfe\n".encode("latin-1"))
    (tmp_path / "good.txt").write_text(" date 2024-01-01 Die SPD fordert mehr Geld.", encoding="utf-8")
    items = list(read_paths([tmp_path]))
    errors = sorted(str(i) for i in items if isinstance(i, ArticleError))
    assert len(errors) == 2
    assert "bin.txt: binary file" in errors[0]
    assert "latin.txt:1: not UTF-8" in errors[1]
    assert [a.id for a in items if not isinstance(a, ArticleError)] == ["good"]


def test_articles_rejects_oversized(tmp_path, monkeypatch):
    import kg.articles

    monkeypatch.setattr(kg.articles, "MAX_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text(" date 2024-01-01 " + "Wort " * 100, encoding="utf-8")
    [err] = list(read_paths([path]))
    assert isinstance(err, ArticleError) and "larger than the limit" in str(err)


def test_articles_json_and_jsonl():
    obj = {"id": "j1", "date": "2024-05-02", "text": "Die Grünen fordern ein Tempolimit.", "url": "https://example.org/a"}
    [a] = parse_upload(json.dumps(obj).encode(), "a.json")
    assert (a.id, a.date, a.url) == ("j1", "2024-05-02", "https://example.org/a")
    lines = "\n".join(json.dumps({**obj, "id": f"j{i}"}) for i in range(3)).encode()
    assert [a.id for a in parse_upload(lines, "many.jsonl")] == ["j0", "j1", "j2"]
    [b] = parse_upload(json.dumps(obj).encode(), None, "application/json")
    assert b.id == "j1"


@pytest.mark.parametrize("body, fault", [
    (b'{"id": "x", "text": "T"}', "lacks date"),
    (b'{"id": "x", "date": "2024-01-01"}', "lacks text"),
    (b'{"id": "../etc", "date": "2024-01-01", "text": "T"}', "may hold only"),
    (b'{"id": "x", "date": 2024, "text": "T"}', "must be a string"),
    (b'{"id": "x", ', "invalid JSON"),
    (b'[1, 2]', "must be an object"),
])
def test_articles_rejects_bad_json(body, fault):
    with pytest.raises(ArticleError, match=fault):
        parse_upload(body, "in.json")


def test_articles_jsonl_names_the_line():
    body = b'{"id": "a", "date": "2024-01-01", "text": "T"}\n{"id": "b", "date": "2024-02-31", "text": "T"}\n'
    with pytest.raises(ArticleError) as e:
        parse_upload(body, "in.jsonl")
    assert str(e.value).startswith("in.jsonl:2:")


def test_articles_missing_path_is_reported():
    [err] = list(read_paths(["/nonexistent/article.txt"]))
    assert isinstance(err, ArticleError) and "no such file" in str(err)


def test_articles_jsonl_file_streams_and_rejects_only_bad_lines(tmp_path):
    good = {"date": "2024-01-01", "text": "Die SPD fordert mehr Geld."}
    lines = [json.dumps({**good, "id": f"a{i}"}) for i in range(3)]
    lines.insert(1, '{"id": "broken", ')
    lines.insert(3, json.dumps({**good, "id": "bad-date", "date": "2024-02-30"}))
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_paths([path]))
    assert [a.id for a in items if not isinstance(a, ArticleError)] == ["a0", "a1", "a2"]
    errors = [str(e) for e in items if isinstance(e, ArticleError)]
    assert errors == [f"{path}:2: invalid JSON: Expecting property name enclosed in double quotes",
                      f"{path}:4: date '2024-02-30' does not exist"]


def test_articles_size_limit_is_per_article_in_jsonl(tmp_path, monkeypatch):
    import kg.articles

    monkeypatch.setattr(kg.articles, "MAX_BYTES", 200)
    path = tmp_path / "corpus.jsonl"
    rows = [{"id": f"a{i}", "date": "2024-01-01", "text": "Die SPD fordert mehr Geld."} for i in range(20)]
    rows[5]["text"] = "Wort " * 100
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    items = list(read_paths([path]))
    assert sum(not isinstance(a, ArticleError) for a in items) == 19
    [err] = [e for e in items if isinstance(e, ArticleError)]
    assert f"{path}:6: larger than the limit" in str(err)


def _obj(**fields) -> dict:
    return {"id": "x1", "date": "2024-01-02", "text": "Die SPD fordert mehr Geld.", **fields}


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<b>x</b>",
                                 " ", "", "ftp://example.org/a", "http://", "https:///path", "//example.org/a",
                                 "http://exa mple.org/", "http://example.org/\n", "http://[::1/"])
def test_articles_url_must_be_absolute_http(url):
    with pytest.raises(ArticleError, match="url .* is not an absolute http"):
        parse_upload(json.dumps(_obj(url=url)).encode(), "a.json")


@pytest.mark.parametrize("url", ["https://example.org/a?b=c#d", "http://example.org", "HTTPS://beispiel.de/ä"])
def test_articles_http_urls_are_kept(url):
    assert parse_upload(json.dumps(_obj(url=url)).encode(), "a.json")[0].url == url


@pytest.mark.parametrize("date", ["٢٠٢٤-٠١-٠٢", "２０２４-０１-０２", "2024-01-02\n", "2024-01-02 ", "2024-1-02"])
def test_articles_date_is_ascii_iso_and_nothing_else(date):
    with pytest.raises(ArticleError, match="is not YYYY-MM-DD"):
        parse_upload(json.dumps(_obj(date=date)).encode(), "a.json")


@pytest.mark.parametrize("field", ["text", "title", "url", "id"])
def test_articles_lone_surrogates_are_rejected(field):
    value = "https://example.org/\ud800" if field == "url" else "Text \udc00 mit Surrogat"
    body = json.dumps(_obj(**{field: value})).encode()  # json spells it \udc00: valid JSON, not valid text
    with pytest.raises(ArticleError, match="surrogate|may hold only"):
        parse_upload(body, "a.json")


def test_articles_deeply_nested_json_is_one_error(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(ArticleError, match="nested too deeply"):
        parse_upload(deep.encode(), "a.json")
    (tmp_path / "deep.jsonl").write_text(deep + "\n" + json.dumps(_obj()) + "\n", encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert isinstance(items[0], ArticleError) and items[0].line == 1 and items[1].id == "x1"


def test_articles_text_within_the_parsers_limit():
    from kg.articles import MAX_TEXT_CHARS
    from kg.nlp import load_pipeline

    assert MAX_TEXT_CHARS <= load_pipeline().max_length
    with pytest.raises(ArticleError, match="longer than"):
        parse_upload(json.dumps(_obj(text="Wort " * (MAX_TEXT_CHARS // 5 + 1))).encode(), "a.json")
