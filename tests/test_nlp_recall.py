"""Recall on unseen-news styles: holders for sentences written for these tests.

Each row of tests/fixtures/recall_sentences.tsv is a short article and the holders
the pipeline must find, as `sentence index:actor` (a multiset: two claims of one
actor in one sentence are two lines), or `-` for none: an unknown organisation, a
role apposition, a foreign ministry, a new subject that is not the last speaker, a
quote whose speaker follows, coordinated holders and predicates, stance idioms,
reported-speech chains, and bare facts that are no positions.
"""
from pathlib import Path

import pytest

from kg.nlp import analyse
from kg.nlp.doc import sentences_of

ROWS = [line.split("\t") for line in
        (Path(__file__).parent / "fixtures" / "recall_sentences.tsv").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")]


def _holders(text: str) -> list[str]:
    doc = analyse(text, "2025-11-28")
    starts = [s.start_char for s in sentences_of(doc)]
    out = []
    for st in doc._.statements:
        k = max(n for n, c in enumerate(starts) if c <= st.start)
        out.append(f"{k}:{st.actor}")
    return sorted(out)


@pytest.mark.parametrize("kind,text,want", ROWS, ids=[f"{r[0]}-{n}" for n, r in enumerate(ROWS)])
def test_nlp_recall_holders_of_unseen_sentences(kind, text, want):
    expected = sorted(want.split(";")) if want != "-" else []
    assert _holders(text.replace("\\n", "\n")) == expected


def test_nlp_recall_fixture_covers_every_error_class():
    kinds = {r[0] for r in ROWS}
    assert {"org", "apposition", "ministry", "subject", "quote_next", "coord", "lexicon", "chain", "none"} <= kinds
    assert all(len(r) == 3 for r in ROWS)
