"""Reading articles: the seed text format, JSON, JSONL, and whole folders.

The seed format is plain UTF-8: the first line starts with ` date YYYY-MM-DD`
(or ` date YYYY-MM`) and continues with the first paragraph; paragraphs are
separated by blank lines. JSON/JSONL articles are objects with
`{"id", "date", "text", "title"?, "url"?}`.

Every fault is reported as one `ArticleError` naming the file (and line), so a
run can reject one article and still ingest the rest.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urlsplit

from kg.errors import ArticleError
from kg.model import Article

MAX_BYTES = 2_000_000  # one article (a text file, a JSONL line)
MAX_TEXT_CHARS = 1_000_000  # the parser's limit (spaCy's Language.max_length)
MAX_FILE_BYTES = 200_000_000  # a JSON file holding a list of articles
SUFFIXES = (".txt", ".json", ".jsonl")
_HEADER = re.compile(r"^\s*date\s+(\S+)(?:\s+|$)")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?")  # ASCII digits only, nothing after


def parse_date(value: str, source: str, line: int | None = None) -> str:
    """Check an ISO date or year-month and return it unchanged."""
    m = _DATE.fullmatch(value or "")
    if not m:
        raise ArticleError(source, f"date {value!r} is not YYYY-MM-DD or YYYY-MM", line)
    year, month, day = int(m[1]), int(m[2]), m[3]
    try:
        dt.date(year, month, int(day) if day else 1)
    except ValueError:
        raise ArticleError(source, f"date {value!r} does not exist", line) from None
    return value


def parse_text(raw: str, article_id: str, source: str) -> Article:
    """An article in the seed format."""
    first, _, rest = raw.partition("\n")
    m = _HEADER.match(first)
    if not m:
        raise ArticleError(source, "first line must start with ' date YYYY-MM-DD' (or ' date YYYY-MM')", 1)
    date = parse_date(m[1], source, 1)
    body = (first[m.end():] + ("\n" + rest if rest else "")).strip()
    return _article(article_id, date, body, source)


def parse_object(obj: object, source: str, line: int | None = None) -> Article:
    """An article given as a JSON object."""
    if not isinstance(obj, dict):
        raise ArticleError(source, "a JSON article must be an object with id, date and text", line)
    missing = [k for k in ("id", "date", "text") if not obj.get(k)]
    if missing:
        raise ArticleError(source, f"JSON article lacks {', '.join(missing)}", line)
    for key in ("id", "date", "text", "title", "url"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise ArticleError(source, f"JSON field {key!r} must be a string", line)
    if not re.fullmatch(r"[A-Za-z0-9._~-]{1,200}", obj["id"]):
        raise ArticleError(source, f"id {obj['id']!r} may hold only letters, digits, '.', '_', '~', '-'", line)
    for key in ("id", "date", "text", "title", "url"):
        _check_encodable(obj.get(key), key, source, line)
    date = parse_date(obj["date"], source, line)
    url = parse_url(obj["url"], source, line) if obj.get("url") is not None else None
    return _article(obj["id"], date, obj["text"].strip(), source, obj.get("title"), url, line)


def parse_url(value: str, source: str, line: int | None = None) -> str:
    """An absolute http(s) URL, unchanged: pages render it as a link, the store as an IRI."""
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname \
            or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in value):
        raise ArticleError(source, f"url {value[:80]!r} is not an absolute http(s) URL", line)
    return value


def _check_encodable(value, key: str, source: str, line: int | None) -> None:
    """JSON can spell lone surrogates (\\ud800), which no UTF-8 store can hold."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as e:
            raise ArticleError(source, f"JSON field {key!r} holds an unpaired surrogate at character {e.start}",
                               line) from None


def _article(article_id, date, body, source, title=None, url=None, line=None) -> Article:
    if not body:
        raise ArticleError(source, "the article has no text", line)
    if "\x00" in body:
        raise ArticleError(source, "the article holds NUL bytes: binary, not text", line)
    if len(body) > MAX_TEXT_CHARS:
        raise ArticleError(source, f"the text is longer than {MAX_TEXT_CHARS:,} characters", line)
    if title is None:
        title = body.split("\n", 1)[0].strip() or None
    return Article(article_id, date, body, title, url, source)


def decode(data: bytes, source: str, limit: int | None = None, line: int | None = None) -> str:
    limit = MAX_BYTES if limit is None else limit
    if len(data) > limit:
        raise ArticleError(source, f"larger than the limit of {limit:,} bytes", line)
    if b"\x00" in data:
        raise ArticleError(source, "binary file (NUL bytes), not a UTF-8 article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        at = (line or 1) + data[: e.start].count(b"\n")
        raise ArticleError(source, f"not UTF-8 (byte {e.start})", at) from None


def parse_upload(data: bytes, filename: str | None = None, content_type: str | None = None) -> list[Article]:
    """Articles from bytes (a file or an HTTP body), all or none; the format from name or type."""
    items = upload_items(data, filename, content_type)
    for item in items:
        if isinstance(item, ArticleError):
            raise item
    if not items:
        raise ArticleError(filename or "request body", "holds no article")
    return items


def upload_items(data: bytes, filename: str | None = None,
                 content_type: str | None = None) -> list[Article | ArticleError]:
    """Each article of an upload, or its fault naming the line (JSONL) or index (JSON list).

    :raise ArticleError: a fault of the whole upload (size, encoding, JSON syntax)."""
    source = filename or "request body"
    kind = _kind(filename, content_type, data[:64].decode("utf-8", "ignore"))
    text = decode(data, source, MAX_BYTES if kind == "text" else MAX_FILE_BYTES)
    if kind == "jsonl":
        return _parse_jsonl(text, source)
    if kind == "json":
        return _parse_json(text, source)
    article_id = Path(filename).stem if filename else None
    if not article_id:
        raise ArticleError(source, "a text article needs a file name for its id (or send JSON with an id)")
    return [parse_text(text, article_id, source)]


def _item(parse, *args) -> Article | ArticleError:
    try:
        return parse(*args)
    except ArticleError as e:
        return e


def _kind(filename, content_type, text) -> str:
    name = (filename or "").lower()
    ctype = (content_type or "").split(";")[0].strip().lower()
    if name.endswith(".jsonl") or ctype in ("application/jsonl", "application/x-ndjson", "application/x-jsonlines"):
        return "jsonl"
    if name.endswith(".json") or ctype == "application/json":
        return "json"
    if not name and text.lstrip().startswith(("{", "[")):
        return "json"
    return "text"


def _parse_json(text: str, source: str) -> list[Article | ArticleError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ArticleError(source, f"invalid JSON: {e.msg}", e.lineno) from None
    except RecursionError:
        raise ArticleError(source, "JSON nested too deeply") from None
    if not isinstance(data, list):
        return [_item(parse_object, data, source)]
    return [_item(parse_object, obj, f"{source}[{i}]") for i, obj in enumerate(data)]


def _parse_jsonl(text: str, source: str) -> list[Article | ArticleError]:
    return [_item(lambda: parse_object(_json_line(line, source, no), source, no))
            for no, line in enumerate(text.splitlines(), 1) if line.strip()]


def read_file(path: str | Path) -> list[Article]:
    """The articles of one file, all or none."""
    return parse_upload(_read_bytes(Path(path)), str(path))


def _read_bytes(path: Path) -> bytes:
    try:
        limit = MAX_FILE_BYTES if path.suffix == ".json" else MAX_BYTES
        if path.stat().st_size > limit:
            raise ArticleError(str(path), f"larger than the limit of {limit:,} bytes")
        return path.read_bytes()
    except OSError as e:
        raise ArticleError(str(path), f"cannot read: {e.strerror}") from None


def iter_jsonl_file(path: Path) -> Iterator[Article | ArticleError]:
    """A JSONL corpus line by line, in constant memory: a bad line rejects that line only."""
    source = str(path)
    try:
        f = path.open("rb")
    except OSError as e:
        yield ArticleError(source, f"cannot read: {e.strerror}")
        return
    with f:
        for no, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            try:
                text = decode(raw, source, MAX_BYTES, no)
                yield parse_object(_json_line(text, source, no), source, no)
            except ArticleError as e:
                yield e


def _json_line(text: str, source: str, no: int):
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise ArticleError(source, f"invalid JSON: {e.msg}", no) from None
    except RecursionError:
        raise ArticleError(source, "JSON nested too deeply", no) from None


def expand(paths: Iterable[str | Path]) -> Iterator[Path | ArticleError]:
    """Files named, and article files found in folders named (sorted, recursive)."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in SUFFIXES)
        elif p.exists():
            yield p
        else:
            yield ArticleError(str(p), "no such file or folder")


def read_paths(paths: Iterable[str | Path]) -> Iterator[Article | ArticleError]:
    """Every article under `paths`; a faulty file yields its error and the run goes on."""
    for item in expand(paths):
        if isinstance(item, ArticleError):
            yield item
            continue
        if item.suffix == ".jsonl":
            yield from iter_jsonl_file(item)
            continue
        try:
            yield from upload_items(_read_bytes(item), str(item))
        except ArticleError as e:
            yield e
