"""Coreference on unseen-news styles: the right holder for role nouns, descriptions,
pronouns, coordinated Union parties and collective headline subjects.

Each line of tests/fixtures/coreference_cases.jsonl is a short article written for
these tests and pairs (sentence substring, actor): the sentence containing the
substring must carry exactly the expected actors (`-` for none). The cases cover a
role noun that refers back to the nearest compatible person (two Ministerpräsidenten,
a CDU-Landrat the gazetteer does not know, a nationality noun), a speaker named after
a quote, pronouns whose antecedent is the subject rather than a source or object,
CDU und CSU as the Union, and collective headline subjects (die Gewerkschaft). Every
holder must be one of the article's actors (`doc._.actors`), also a party reached only
through its member (extraction reads the holder's record there).
"""
import json
from collections import defaultdict
from pathlib import Path

import pytest

from kg.nlp import analyse
from kg.nlp.doc import sentences_of

CASES = [json.loads(line) for line in
         (Path(__file__).parent / "fixtures" / "coreference_cases.jsonl").read_text(encoding="utf-8").splitlines()
         if line.strip()]


def _actors_by_sentence(text: str, date: str = "2025-11-28") -> list[tuple[str, set[str]]]:
    doc = analyse(text, date)
    sents = sentences_of(doc)
    found = defaultdict(set)
    for st in doc._.statements:
        assert st.actor in doc._.actors, f"{st.actor!r} holds a position but is none of the article's actors"
        k = max(n for n, s in enumerate(sents) if s.start_char <= st.start)
        found[k].add(st.actor)
    return [(s.text, found[k]) for k, s in enumerate(sents)]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_nlp_coreference_holder_of_sentence(case):
    sentences = _actors_by_sentence(case["text"], case.get("date", "2025-11-28"))
    wanted = defaultdict(set)
    for needle, actor in case["expected"]:
        wanted[needle] |= set() if actor == "-" else {actor}
    for needle, actors in wanted.items():
        hits = [found for text, found in sentences if needle in text]
        assert len(hits) == 1, f"{needle!r} must name one sentence"
        assert hits[0] == actors, f"{needle!r}: {hits[0]} != {actors}"


def test_nlp_coreference_fixture_is_varied():
    assert len(CASES) >= 30
    assert len({c["id"] for c in CASES}) == len(CASES)
    assert all(c["expected"] and all(needle in c["text"] for needle, _ in c["expected"]) for c in CASES)
    assert sum(1 for c in CASES if "\n" in c["text"]) >= 5  # headlines and paragraphs, not only single lines
