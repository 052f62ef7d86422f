"""kg evaluate --reviewed and kg agreement on a store: reviewed positions as gold and as coders.

One invented article goes through the real pipeline into a real store; two reviewers decide on
its positions through kg.review (the functions the API calls); the commands read the store.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
TEXT = (" date 2025-03-04 Anna Beispiel fordert ein Tempolimit auf Autobahnen. Der ADAC lehnt ein Tempolimit ab.\n\n"
        "Für den Verkehrsclub Muster ist ein Tempolimit überfällig. Bernd Probe verlangt mehr Radwege in den Städten.\n")
ADDED = "Für den Verkehrsclub Muster ist ein Tempolimit überfällig."


@pytest.fixture()
def reviewed_store(tmp_path):
    """(store folder, {actor: machine position IRI}, add body): article r1 ingested, nothing decided."""
    from kg.articles import read_paths
    from kg.ingest import ingest_articles
    from kg.review import article_review
    from kg.store import OxigraphStore

    (tmp_path / "r1.txt").write_text(TEXT, encoding="utf-8")
    folder = tmp_path / "store"
    with OxigraphStore(folder) as store:
        summary = ingest_articles(store, read_paths([tmp_path / "r1.txt"]), report=lambda line: None)
        assert summary.articles == 1 and not summary.rejected
        review = article_review(store, "r1")
        text = review.article["text"]
    machine = {p.actor_label: p.iri for p in review.positions}
    assert set(machine) == {"Anna Beispiel", "ADAC", "Bernd Probe"}, machine  # the extractor misses the club
    start = text.index(ADDED)
    add = {"kind": "add", "sentence": {"start": start, "end": start + len(ADDED)},
           "fields": {"actor": {"name": "Verkehrsclub Muster", "type": "organization"}, "stance": "support",
                      "side": "support", "act": "assertion", "claim": "Tempolimit", "issue": "tempolimit"}}
    return folder, machine, add


def _decide(folder, user, bodies):
    from kg.review import decide
    from kg.store import OxigraphStore

    with OxigraphStore(folder) as store:
        for body in bodies:
            decide(store, "r1", user, body)


def _reference():
    spec = importlib.util.spec_from_file_location("score_reference", ROOT / "eval" / "score_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reviewed_evaluate_scores_the_extractor_against_the_reviews(reviewed_store, capsys):
    """Gold after the review: Anna (confirmed), ADAC (claim corrected), the club (added); Bernd
    rejected. The extractor still says Anna, ADAC, Bernd: 2 matched of 3 system and 3 gold
    positions, precision = recall = F1 = 0.667. The claim is corrected to words the extractor does
    not write (a correction must change a field), so the claim figures differ from a perfect match."""
    folder, machine, add = reviewed_store
    _decide(folder, "anna", [{"kind": "confirm", "position": machine["Anna Beispiel"]},
                             {"kind": "correct", "position": machine["ADAC"],
                              "fields": {"claim": "Tempolimit auf allen Straßen"}},
                             {"kind": "reject", "position": machine["Bernd Probe"]}, add])
    assert main(["evaluate", "--reviewed", "--store", str(folder), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    numbers = out["overall"]
    assert (numbers["gold"], numbers["system"], numbers["matched"]) == (3, 3, 2)
    assert (numbers["precision"], numbers["recall"], numbers["f1"]) == (0.667, 0.667, 0.667)
    assert [m["actor"] for m in out["misses"]] == ["Verkehrsclub Muster"]
    assert [f["actor"] for f in out["false_alarms"]] == ["Bernd Probe"]

    from kg.reviewed import reviewed_gold
    from kg.store import OxigraphStore

    with OxigraphStore(folder, read_only=True) as store:
        gold, articles, partly = reviewed_gold(store)
    assert [a.id for a in articles] == ["r1"] and partly == []
    system = [json.loads(line) for line in _extract_lines(articles)]
    assert numbers == _reference().score(system, gold)  # the reference scorer, to the last digit


def _extract_lines(articles):
    from kg.extract import extract

    return [json.dumps(p.to_json()) for a in articles for p in extract(a)]


def test_reviewed_evaluate_leaves_out_partly_reviewed_articles(reviewed_store, capsys):
    folder, machine, _ = reviewed_store
    _decide(folder, "anna", [{"kind": "confirm", "position": machine["Anna Beispiel"]}])
    assert main(["evaluate", "--reviewed", "--store", str(folder)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert "left out r1: partly reviewed" in err[0]
    assert err[-1].startswith("kg evaluate: no completely reviewed article")
    assert main(["evaluate", "--reviewed", "--gold", "x.jsonl", "--store", str(folder)]) == 2
    assert "give no --gold" in capsys.readouterr().err


def test_reviewed_agreement_of_two_reviewers_in_the_store(reviewed_store, capsys):
    """anna confirms all three; ben confirms Anna, corrects ADAC's act to assertion, rejects Bernd
    and adds the club. Paired: Anna and ADAC of 3 and 3, F1 0.667; sides s/s, o/o: alpha 1;
    acts demand/demand, rejection/assertion: n = 2, 1, 1, alpha = 1 - 3*2/(16-6) = 0.4."""
    folder, machine, add = reviewed_store
    _decide(folder, "anna", [{"kind": "confirm", "position": iri} for iri in machine.values()])
    _decide(folder, "ben", [{"kind": "confirm", "position": machine["Anna Beispiel"]},
                            {"kind": "correct", "position": machine["ADAC"], "fields": {"act": "assertion"}},
                            {"kind": "reject", "position": machine["Bernd Probe"]}, add])
    assert main(["agreement", "anna", "ben", "--store", str(folder), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["coders"] == ["anna", "ben"] and list(out["articles"]) == ["r1"]
    overall = out["overall"]
    assert (overall["a"], overall["b"], overall["paired"], overall["f1"]) == (3, 3, 2, 0.667)
    assert (overall["side_alpha"], overall["act_alpha"]) == (1.0, 0.4)
    assert [p["actor"] for p in out["only_a"]] == ["Bernd Probe"]
    assert [p["actor"] for p in out["only_b"]] == ["Verkehrsclub Muster"]
    assert main(["agreement", "anna", "carl", "--store", str(folder)]) == 2
    assert "no article reviewed completely by both 'anna' and 'carl'" in capsys.readouterr().err


def test_reviewed_an_addition_keeps_the_confirmed_position_of_the_same_speaker_and_sentence(reviewed_store):
    """A coder confirms what the extractor found for Anna Beispiel and adds a second claim of
    hers from the same sentence: both are what the coder coded, so both are effective."""
    from kg import review
    from kg.store import OxigraphStore

    folder, machine, _ = reviewed_store
    with OxigraphStore(folder) as store:
        anna = next(p for p in review.article_review(store, "r1").positions if p.actor_label == "Anna Beispiel")
        review.decide(store, "r1", "anna", {"kind": "confirm", "position": anna.iri})
        review.decide(store, "r1", "anna", {"kind": "add", "sentence": {"start": anna.start, "end": anna.end},
                                            "fields": {"actor": anna.actor_iri, "stance": "support", "act": "demand",
                                                       "claim": "Kontrollen auf Autobahnen"}})
        state = review.article_review(store, "r1")
    claims = sorted(p.claim for p in state.effective if p.actor_label == "Anna Beispiel")
    assert claims == ["Kontrollen auf Autobahnen", "Tempolimit auf Autobahnen"], claims
    assert not state.conflicts and {p.status for p in state.effective if p.actor_label == "Anna Beispiel"} == {
        "confirmed", "added"}
