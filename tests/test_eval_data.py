"""The evaluation sets under eval/ are well-formed: a broken gold line would skew a score silently."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.articles import read_paths
from kg.errors import ArticleError
from kg.model import ACTS, ACTOR_TYPES, STANCES

EVAL = Path(__file__).resolve().parent.parent / "eval"
SETS = ["dev", "heldout", "blind", "fresh"]
WITH_PROPOSITIONS = ["fresh"]  # gold that must carry `proposition` and `side` on every line
CAP_CODES = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23}


def _load(name: str):
    articles = {a.id: a for a in read_paths([EVAL / name / "articles"])}
    assert not [a for a in articles.values() if isinstance(a, ArticleError)]
    gold = [json.loads(l) for l in (EVAL / name / "gold.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    return articles, gold


@pytest.mark.parametrize("name", SETS)
def test_eval_data_gold_lines_point_into_their_articles(name):
    articles, gold = _load(name)
    assert len(articles) >= 6 and len(gold) >= 100, f"eval/{name} lost its files"
    assert {g["article"] for g in gold} == set(articles), "every article has gold lines and vice versa"
    for no, g in enumerate(gold, 1):
        where = f"eval/{name}/gold.jsonl:{no}"
        article = articles[g["article"]]
        assert g["sentence"] in article.text, f"{where}: sentence not in {g['article']}"
        assert g["stance"] in STANCES and g["act"] in ACTS and g["actor_type"] in ACTOR_TYPES, where
        assert g["cap_major"] in CAP_CODES, where
        assert g["article_date"] == article.date, where
        assert g["date"] is None or isinstance(g["date"], str), where
        for alias in g.get("aliases", []):
            assert alias in article.text, f"{where}: alias {alias!r} not in the article"


@pytest.mark.parametrize("name", SETS)
def test_eval_data_propositions_are_keys_with_a_side(name):
    _, gold = _load(name)
    required = name in WITH_PROPOSITIONS
    for no, g in enumerate(gold, 1):
        where = f"eval/{name}/gold.jsonl:{no}"
        if "proposition" not in g and not required:
            continue
        assert re.fullmatch(r"[a-z0-9_]+", g.get("proposition", "")), f"{where}: proposition must be a lowercase key"
        assert g.get("side") in STANCES, f"{where}: side must be support or oppose"
        assert g.get("act_alt", []) == [] or set(g["act_alt"]) <= set(ACTS), where
        assert set(g.get("cap_alt", [])) <= CAP_CODES, where
