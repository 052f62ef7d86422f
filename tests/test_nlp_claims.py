"""Claims: the proposition an actor takes a side on, in the article's words.

The table (tests/fixtures/claim_constructions.tsv) holds one invented sentence per
construction -- noun phrase object, separable verb, `dass`-clause, `zu`-infinitive,
direct quote, quote with the speaker as subject, indirect speech, perfect tense,
passive, modal with infinitive, `für`/`gegen` complements, nominal cues, coordinated
objects, relative clauses, a pronoun pointing back -- with the claim expected.
"""
import json
from pathlib import Path

import pytest

from kg.nlp import analyse
from kg.nlp.claims import claim_of, words
from kg.nlp.doc import sentences_of
from kg.nlp.cues import triggers
from kg.nlp.sentence_view import SentenceView
from kg.nlp.triggers import holders

ROOT = Path(__file__).parent.parent
TABLE = Path(__file__).parent / "fixtures" / "claim_constructions.tsv"
ROWS = [line.split("\t") for line in TABLE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")]
PRONOUNS = words("placeholder") | {"dieser", "diesen", "diesem", "jener", "jene", "jenes"}
FUNCTION = PRONOUNS | words("adverb") | set("""der die das des dem den ein eine einer eines einem einen und oder
aber nicht kein keine keinen in im an am auf aus bei mit nach von vom vor zu zum zur für über unter um durch
gegen ohne als wie so sehr mehr nur hat haben habe ist sind sei seien wird werden werde soll solle muss müsse
kann könne will wolle""".split())


@pytest.mark.parametrize("construction,sentence,actor,claim", ROWS, ids=[r[0] for r in ROWS])
def test_claims_construction_table(construction, sentence, actor, claim):
    doc = analyse(sentence, "2025-11-28")
    found = [(s.actor, s.claim) for s in doc._.statements]
    assert (actor, claim) in found, found


def test_claims_table_covers_the_constructions():
    names = {r[0] for r in ROWS}
    assert len(ROWS) >= 20
    assert {"np object", "dass-clause", "zu-infinitive", "direct quote", "perfect tense", "passive agent",
            "modal and infinitive", "nominal cue nach", "coordinated objects", "relative clause holder"} <= names


def test_claims_expose_the_head_lemma():
    doc = analyse("Die SPD lehnt die Vermögensteuer kategorisch ab.", "2025-11-28")
    v = SentenceView(sentences_of(doc)[0], doc._.mentions)
    hit = next(h for h in triggers(v) if h.trigger.act == "rejection")
    claim = claim_of(v, hit, holders(v, hit, lambda m: m.actor)[0])
    assert (claim.text, claim.head, claim.anaphoric) == ("Vermögensteuer", "Vermögensteuer", False)


def test_claims_on_the_development_set_have_content():
    """No claim on the development articles is a pronoun alone, an adverb or verb alone,
    or without a content word (a noun, a name, a verb, a number)."""
    from kg.extract import extract
    from kg.articles import read_file

    claims = []
    for path in sorted((ROOT / "eval" / "dev" / "articles").glob("*.txt")):
        for article in read_file(path):
            claims += [p.claim for p in extract(article)]
    assert len(claims) > 50
    for claim in claims:
        toks = claim.split()
        assert toks, claim
        assert not all(t.lower().strip(",.") in PRONOUNS for t in toks), claim
        assert not (len(toks) == 1 and toks[0].lower() in words("adverb")), claim
        assert not (len(toks) == 1 and toks[0][:1].islower()), claim  # a lone verb or adverb
        assert any(t.lower().strip(",.:;„“\"()") not in FUNCTION for t in toks), claim
