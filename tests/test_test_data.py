"""Checks of the held-out test articles and their gold positions (tests/data/).

The set measures how the extractor generalises beyond the development set, so a
gold line whose sentence is not in its article, or an alias the article never
uses, would make the measurement wrong without anyone noticing.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
ARTICLES = DATA / "articles"
GOLD = DATA / "gold.jsonl"

FIELDS = {"article", "sentence", "actor", "actor_type", "aliases", "stance", "act", "claim", "cap_major", "date", "article_date"}
OPTIONAL = {"actor_alt"}
STANCES = {"support", "oppose"}
ACTS = {"demand", "proposal", "rejection", "support", "commitment", "assertion"}
CAP_CODES = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23}
HEADER = re.compile(r"^ date (\d{4}-\d{2}(?:-\d{2})?) \S")
DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


def _articles() -> dict[str, tuple[str, str]]:
    """id -> (header date, body text without the ` date ...` header)."""
    out = {}
    for path in sorted(ARTICLES.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        m = HEADER.match(raw)
        assert m, f"{path.name}: first line must start with ' date YYYY-MM-DD ' or ' date YYYY-MM '"
        out[path.stem] = (m.group(1), raw[len(" date ") + len(m.group(1)) + 1:])
    return out


def _gold() -> list[tuple[int, dict]]:
    return [(n, json.loads(line)) for n, line in enumerate(GOLD.read_text(encoding="utf-8").splitlines(), 1) if line.strip()]


def test_test_data_found_enough_articles_and_positions():
    arts = _articles()
    assert len(arts) >= 10, f"found only {len(arts)} articles in {ARTICLES}"
    gold = _gold()
    assert 100 <= len(gold), f"found only {len(gold)} gold positions"
    per_article = Counter(rec["article"] for _, rec in gold)
    assert set(per_article) == set(arts), f"articles without gold or gold without article: {set(per_article) ^ set(arts)}"


def test_test_data_articles_have_the_seed_format():
    for aid, (date, body) in _articles().items():
        assert re.fullmatch(r"t\d\d_[a-z0-9_]+", aid), aid
        assert 1500 <= len(body) <= 3000, f"{aid}: {len(body)} characters"
        assert "\n\n" in body and "\n\n\n" not in body, f"{aid}: paragraphs are separated by one blank line"
    dates = [date for date, _ in _articles().values()]
    assert any(len(d) == 7 for d in dates), "at least one article has a month-only header"


def test_test_data_gold_fields_are_valid():
    arts = _articles()
    for n, rec in _gold():
        where = f"gold.jsonl:{n}"
        assert FIELDS <= set(rec) <= FIELDS | OPTIONAL, f"{where}: fields {sorted(set(rec) ^ FIELDS)}"
        assert rec["article"] in arts, f"{where}: unknown article {rec['article']}"
        assert rec["actor_type"] in {"person", "organization"}, where
        assert rec["stance"] in STANCES and rec["act"] in ACTS, where
        assert rec["cap_major"] in CAP_CODES, where
        assert isinstance(rec["claim"], str) and rec["claim"].strip(), where
        assert rec["date"] is None or DATE.match(rec["date"]), where
        assert rec["article_date"] == arts[rec["article"]][0], f"{where}: article_date differs from the header"
        if rec["date"] and len(rec["article_date"]) == 10:
            assert rec["date"] <= rec["article_date"], f"{where}: statement dated after publication"
        assert all(isinstance(a, str) and a for a in rec.get("actor_alt", [])), where


def test_test_data_gold_sentences_and_aliases_occur_in_their_article():
    arts = _articles()
    for n, rec in _gold():
        body = arts[rec["article"]][1]
        assert rec["sentence"] in body, f"gold.jsonl:{n}: sentence not verbatim in {rec['article']}: {rec['sentence'][:60]}"
        for alias in rec["aliases"]:
            assert alias in body, f"gold.jsonl:{n}: alias {alias!r} does not occur in {rec['article']}"


def test_test_data_aliases_are_consistent_per_actor_and_article():
    seen: dict[tuple[str, str], list[str]] = {}
    for n, rec in _gold():
        key = (rec["article"], rec["actor"])
        assert seen.setdefault(key, rec["aliases"]) == rec["aliases"], f"gold.jsonl:{n}: aliases differ for {key}"


def test_test_data_claims_are_shared_within_an_article():
    """The same proposition keeps one claim string in an article, so claims link up in the graph."""
    claims: dict[str, Counter] = defaultdict(Counter)
    for _, rec in _gold():
        claims[rec["article"]][rec["claim"]] += 1
    for aid, counter in claims.items():
        assert counter.most_common(1)[0][1] >= 3, f"{aid}: no claim is shared by several positions"


def test_test_data_no_duplicate_gold_lines():
    keys = Counter((r["article"], r["sentence"], r["actor"], r["claim"], r["act"]) for _, r in _gold())
    dupes = [k for k, c in keys.items() if c > 1]
    assert not dupes, dupes
